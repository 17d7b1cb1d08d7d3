"""Attendance: who may take it, recording it (which completes the session module), the
printable list (PDF, xhtml2pdf) and the reminder the day before."""

import datetime
import io

from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from courses.selectors import may_record_completion
from courses.services import completion_record

from .models import Attendance, Registration, RegistrationStatus
from .services import RegistrationError


def may_take_attendance(*, user, offering, course):
    """The offering's trainers, the course's responsible trainers and the Administration
    (``courses.selectors.may_record_completion``: a completion is recorded in their name)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if offering.trainers.filter(pk=user.pk).exists():
        return True
    return may_record_completion(user, course)


def attendance_reason(offering, dates):
    """The reason kept on the module completion, e.g. "Anwesend: Hamm, 12.03.2027"."""
    days = ", ".join(
        date_format(timezone.localtime(d.starts_at), "SHORT_DATE_FORMAT") for d in dates
    )
    place = offering.place_name or offering.title
    with translation.override("de"):
        return _("Attended in person: %(place)s, %(dates)s") % {"place": place, "dates": days}


@transaction.atomic
def attendance_record(*, offering, course, registration_ids, attendance, recorded_by, now=None):
    """Record ``attendance`` (present / excused / absent) for the confirmed registrations
    ``registration_ids`` of ``offering``. "Present" completes the session module through
    ``courses.services.completion_record`` (its UE count; the certificate lists the session);
    a completion once reached stays even if "present" is corrected later (a historical fact).
    Raises ``RegistrationError`` before the session has begun or for an unknown attendance.
    Returns the number of people marked.
    """
    now = now or timezone.now()
    if attendance not in Attendance.values:
        raise RegistrationError(_("Please choose present, excused or absent."))
    dates = offering.session_dates()
    if not dates or now < dates[0].starts_at:
        raise RegistrationError(_("Attendance can be recorded once the session has begun."))
    registrations = list(
        Registration.objects.select_for_update()
        .filter(offering=offering, status=RegistrationStatus.CONFIRMED, pk__in=registration_ids)
        .select_related("user")
    )
    for registration in registrations:
        registration.attendance = attendance
        registration.attendance_recorded_by = recorded_by
        registration.attendance_recorded_at = now
        registration.save(
            update_fields=["attendance", "attendance_recorded_by", "attendance_recorded_at"]
        )
    present = [r.user for r in registrations if attendance == Attendance.PRESENT]
    if present:
        completion_record(
            course=course,
            users=present,
            module=offering.get_parent().specific,
            reason=attendance_reason(offering, dates),
            recorded_by=recorded_by,
        )
    return len(registrations)


def attendance_list(offering):
    """The confirmed registrations of ``offering`` by last name, with person and organisation."""
    return list(
        Registration.objects.filter(offering=offering, status=RegistrationStatus.CONFIRMED)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def attendance_pdf_bytes(*, offering, module):
    """The printable attendance list (A4 landscape): names, organisations and a signature
    column per date. Fonts: the DejaVu files shipped as static files (found through the
    staticfiles finders by path, so events does not import the certificates app)."""
    fonts = {
        "regular": finders.find("certificates/fonts/DejaVuSans.ttf"),
        "bold": finders.find("certificates/fonts/DejaVuSans-Bold.ttf"),
    }
    context = {
        "offering": offering,
        "module": module,
        "dates": offering.session_dates(),
        "registrations": attendance_list(offering),
        "fonts": fonts,
    }
    with translation.override("de"):
        html = render_to_string("events/pdf/attendance_list.html", context)
    output = io.BytesIO()
    roots = [str(p.rsplit("/", 1)[0]) for p in fonts.values() if p]
    policy = ResourceAccessPolicy(
        allow_remote=False, base_dir=roots[0] if roots else None, extra_roots=roots
    )
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise RuntimeError(f"xhtml2pdf reported {result.err} error(s)")
    return output.getvalue()


def reminders_send(*, now=None):
    """Mail every confirmed participant whose next date starts tomorrow (Europe/Berlin
    calendar day), once per date (``Registration.reminded_for``). Returns how many."""
    from .mail import registration_mail_send
    from .models import SessionDate

    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    end = start + datetime.timedelta(days=1)
    dates = SessionDate.objects.filter(
        starts_at__gte=start, starts_at__lt=end, offering__live=True
    ).select_related("offering")
    sent = 0
    for date in dates:
        due = Registration.objects.filter(
            offering_id=date.offering_id, status=RegistrationStatus.CONFIRMED
        ).exclude(reminded_for=date.starts_at)
        for registration in due.select_related("user", "module", "offering"):
            with transaction.atomic():
                updated = (
                    Registration.objects.filter(pk=registration.pk)
                    .exclude(reminded_for=date.starts_at)
                    .update(reminded_for=date.starts_at)
                )
                if updated:
                    registration_mail_send(registration=registration, reminder=True)
                    sent += 1
    return sent
