import calendar
import hashlib
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from courses.models import Enrolment
from events.selectors import attended_sessions

from .codes import normalise_code
from .fonts import describe_characters
from .models import Certificate, CertificateSettings, SerialCounter, Status
from .pdf import render_pdf, unprintable_fields
from .selectors import certificates_with_old_name, printed_name


class CertificateError(Exception):
    pass


class UnprintableTextError(CertificateError):
    """The certificate would print a box: a text has characters no certificate font has.

    ``problems``: ``[(field label, [characters]), …]``; ``str(error)`` is the translated message
    for Administration, naming the person, the field and each character with its code point.
    """

    def __init__(self, *, holder_name, problems):
        self.problems = problems
        fields = "; ".join(f"{label}: {describe_characters(chars)}" for label, chars in problems)
        super().__init__(
            _(
                "The certificate for %(name)s was not issued: these characters cannot be "
                "printed with the certificate's font and would appear as empty boxes – "
                "%(fields)s. Please enter the text in Latin letters (as in the identity "
                "document), then issue the certificate again."
            )
            % {"name": holder_name, "fields": fields}
        )


def template_settings(course=None):
    site = (course.get_site() if course is not None else None) or Site.objects.filter(
        is_default_site=True
    ).first()
    if site is None:
        return CertificateSettings(issuer_name="KoFo")
    return CertificateSettings.for_site(site)


def _next_serial(year):
    # Create the year's counter once (a concurrent creator may win: that is fine), then lock it.
    if not SerialCounter.objects.filter(year=year).exists():
        try:
            with transaction.atomic():
                SerialCounter.objects.create(year=year)
        except IntegrityError:
            pass
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"KOFO-{year}-{counter.last_number:06d}"


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def build_snapshot(*, enrolment, template, now):
    """An unsaved Certificate that says what the course and the person are like right now."""
    course, user = enrolment.course, enrolment.user
    required = [m for m in course.modules().specific() if m.is_required]
    # Session modules (events) carry the dates and place the person attended.
    attended = attended_sessions(user=user, module_ids=[m.pk for m in required])
    modules = [
        {"title": m.title, "units": str(m.units)}
        | ({"session": attended[m.pk]} if m.pk in attended else {})
        for m in required
    ]
    total = sum((m.units for m in required), start=Decimal("0"))
    completed_on = timezone.localtime(enrolment.completed_at).date()
    valid_until = None
    if course.validity_months:
        valid_until = add_months(completed_on, course.validity_months) - timedelta(days=1)
    organisation = user.organisation
    return Certificate(
        enrolment=enrolment,
        holder=user,
        course=course,
        organisation=organisation,
        completed_at=enrolment.completed_at,
        holder_name=printed_name(user),
        organisation_name=organisation.name if organisation else "",
        course_title=course.title,
        modules=modules,
        total_units=total,
        completed_on=completed_on,
        issued_at=now,
        valid_until=valid_until,
        issuer_name=template.issuer_name,
        issuer_address=template.issuer_address,
        place=template.place,
        signatory_name=course.certificate_signatory_name or template.signatory_name,
        signatory_role=(
            course.certificate_signatory_role
            if course.certificate_signatory_name
            else template.signatory_role
        ),
        extra_text=course.certificate_extra_text,
        footer_text=template.footer_text,
    )


def _attach_pdf(certificate, template):
    data = render_pdf(snapshot=certificate, logo=template.logo, signature=template.signature)
    certificate.pdf_sha256 = hashlib.sha256(data).hexdigest()
    # save=False: the row is inserted once, with the file name, by the caller.
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(data), save=False)


@transaction.atomic
def certificate_issue(*, enrolment):
    """The certificate for the enrolment's current completion; issued once, then returned."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user__organisation", "course")
        .get(pk=enrolment.pk)
    )
    if enrolment.completed_at is None:
        raise CertificateError(_("The course has not been completed yet."))
    existing = (
        Certificate.objects.filter(enrolment=enrolment, completed_at=enrolment.completed_at)
        .exclude(status=Status.SUPERSEDED)
        .first()
    )
    if existing is not None:
        return existing
    return _issue(enrolment)


def _issue(enrolment):
    now = timezone.now()
    template = template_settings(enrolment.course)
    certificate = build_snapshot(enrolment=enrolment, template=template, now=now)
    # Refuse before a serial number is drawn: no gap in the numbers, no certificate with boxes.
    # Why refuse rather than print with a CJK fallback font: see certificates/fonts.py.
    problems = unprintable_fields(certificate)
    if problems:
        raise UnprintableTextError(holder_name=certificate.holder_name, problems=problems)
    certificate.serial = _next_serial(timezone.localtime(now).year)
    _attach_pdf(certificate, template)
    certificate.save()
    from .tasks import send_certificate_mail

    transaction.on_commit(lambda: send_certificate_mail.enqueue(certificate_id=certificate.pk))
    return certificate


# Actions in Wagtail's log (ModelLogEntry): who did what when, and why; shown on the
# certificate's inspect page. Labels are registered in wagtail_hooks.
LOG_REVOKE = "kofo_certificates.revoke"
LOG_REISSUE = "kofo_certificates.reissue"
LOG_REINSTATE = "kofo_certificates.reinstate"


def _log(certificate, action, *, by, **data):
    from wagtail.log_actions import log

    log(instance=certificate, action=action, user=by, data=data)


def _lock_current(certificate):
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


@transaction.atomic
def certificate_revoke(*, certificate, reason, by):
    """Mark ``certificate`` revoked (who, when, why); the record and its PDF stay.

    Returns the certificate. Revoking a revoked one again changes nothing. Raises
    ``CertificateError`` without a reason, or for a superseded certificate (its successor is
    the one to revoke). Final states stay final (ARCHITECTURE.md: certificates are immutable
    records; revocation marks, never deletes).
    """
    certificate = _lock_current(certificate)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Please give a reason for the revocation."))
    if certificate.status == Status.REVOKED:
        return certificate
    if certificate.status == Status.SUPERSEDED:
        raise CertificateError(
            _("This certificate has been replaced; please revoke the current one.")
        )
    certificate.status = Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by"])
    _log(certificate, LOG_REVOKE, by=by, reason=reason)
    return certificate


def _issue_for_completion_of(old):
    enrolment = Enrolment.objects.select_for_update().get(pk=old.enrolment_id)
    # The new certificate is for the old one's completion, even if the person has since
    # started the course again (the enrolment row itself is not changed).
    enrolment.completed_at = old.completed_at
    return _issue(enrolment)


def reissue_refusal(certificate):
    """Why ``certificate`` cannot be re-issued (a translated message), or None when it can."""
    if certificate.holder_erased:
        # A new certificate would print a name again: the holder's erasure (Art. 17 DSGVO)
        # is final.
        return _("The holder's personal data has been erased; no new certificate is issued.")
    if certificate.status == Status.SUPERSEDED:
        return _("This certificate has already been replaced.")
    if certificate.status == Status.REVOKED:
        return _(
            "A revoked certificate cannot be re-issued. A new certificate needs a new "
            "completion of the course or a reinstatement with a reason."
        )
    return None


@transaction.atomic
def certificate_reissue(*, certificate, by=None):
    """A new certificate for the same completion, with today's names and settings.

    Only a valid certificate is re-issued; the old one becomes "superseded". Returns the new
    certificate. Raises ``CertificateError`` for a superseded or a revoked certificate: a
    revocation is final, and issuing anew needs a new completion or a reasoned, logged
    ``certificate_reinstate``.
    """
    old = _lock_current(certificate)
    refusal = reissue_refusal(old)
    if refusal is not None:
        raise CertificateError(refusal)
    old.status = Status.SUPERSEDED
    old.save(update_fields=["status"])
    new = _issue_for_completion_of(old)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    _log(old, LOG_REISSUE, by=by, new=new.serial)
    _log(new, LOG_REISSUE, by=by, old=old.serial)
    return new


@transaction.atomic
def certificate_reinstate(*, certificate, reason, by):
    """Issue a new valid certificate for the completion of a revoked one, for a reason.

    The revoked certificate stays revoked (its code keeps saying so); the new one gets a new
    serial number and code. Both carry a log entry with who, when and why. Returns the new
    certificate. Raises ``CertificateError`` without a reason, for a certificate that is not
    revoked, for an erased holder, or when that completion already has a valid certificate.
    """
    old = _lock_current(certificate)
    reason = (reason or "").strip()
    if old.status != Status.REVOKED:
        raise CertificateError(_("Only a revoked certificate can be reinstated."))
    if not reason:
        raise CertificateError(_("Please give a reason for the reinstatement."))
    if old.holder_erased:
        raise CertificateError(
            _("The holder's personal data has been erased; no new certificate is issued.")
        )
    # Locking the enrolment serialises this with issuing and re-issuing; the constraint
    # "one valid certificate per completion" is the last guard.
    Enrolment.objects.select_for_update().get(pk=old.enrolment_id)
    if Certificate.objects.filter(
        enrolment_id=old.enrolment_id, completed_at=old.completed_at, status=Status.VALID
    ).exists():
        raise CertificateError(_("This completion already has a valid certificate."))
    new = _issue_for_completion_of(old)
    _log(old, LOG_REINSTATE, by=by, reason=reason, new=new.serial)
    _log(new, LOG_REINSTATE, by=by, reason=reason, old=old.serial)
    return new


@transaction.atomic
def certificates_reissue_with_new_name(*, holder):
    """Re-issue every valid certificate of ``holder`` that prints an old name.

    Certificates are immutable records (ARCHITECTURE.md): each one is superseded through
    ``certificate_reissue`` (a new certificate with the current name, serial, code and PDF,
    mailed as usual; the old one is marked "superseded" and verifies as "ersetzt").
    Returns the list of new certificates (empty when every name is current). Raises
    ``CertificateError`` for an erased holder (DSGVO Art. 17: no name is printed again).
    """
    if getattr(holder, "erased_at", None) is not None:
        raise CertificateError(
            _("The holder's personal data has been erased; no new certificate is issued.")
        )
    return [certificate_reissue(certificate=old) for old in certificates_with_old_name(holder)]


VERIFY_FIELDS = (
    "code",
    "holder_name",
    "course_title",
    "total_units",
    "completed_on",
    "issuer_name",
    "valid_until",
    "status",
    "revoked_at",
)


def certificate_verify(*, code):
    """The certificate with this code (one query, only what the public page shows), or None."""
    normalised = normalise_code(code)
    if len(normalised) < 16:
        return None
    return Certificate.objects.only(*VERIFY_FIELDS).filter(code=normalised).first()
