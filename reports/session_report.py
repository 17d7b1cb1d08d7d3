"""The "Termine" report: per session offering its seats, registrations, waiting list,
cancellations, attendance (present / excused / absent = no-show) and its mix of organisation
kinds (counts, never names).

Scope in one place, ``registrations_in_scope``: managers and administrators count the
registrations recorded for ``organisations_visible_to`` (the organisation at registration,
like enrolments); trainers without a reporting role those in their own courses. Two queries
for the figures whatever the number of rows, one for the offerings.
"""

from collections import defaultdict

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from courses.models import CoursePage
from events.models import Registration, SessionOfferingPage
from events.selectors import kind_label
from lms.exports import GermanExportMixin
from lms.formats import format_date
from organisations.selectors import organisations_visible_to, sees_all_people

from . import selectors
from .access import ReportAccessMixin


def registrations_in_scope(user):
    """Registrations ``user`` may report on (lazy): see the module docstring."""
    registrations = Registration.objects.all()
    if not user.is_active:
        return registrations.none()
    if selectors.reports_as_manager(user):
        if sees_all_people(user):
            return registrations
        return registrations.filter(organisation__in=organisations_visible_to(user))
    within = Q(pk__in=[])
    for path in user.responsible_for_courses.values_list("path", flat=True):
        within |= Q(module__path__startswith=path)
    return registrations.filter(within)


def _course_title():
    # An offering sits two levels below its course: course path + 2 steps of 4 characters.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - 8)
    return Subquery(CoursePage.objects.filter(path=parent_path).values("title")[:1])


def session_rows(registrations):
    """One dict per offering with a registration in ``registrations`` (by first date)."""
    figures = {
        row["offering_id"]: row
        for row in registrations.values("offering_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status="confirmed")),
            waiting=Count("pk", filter=Q(status="waiting")),
            cancelled=Count("pk", filter=Q(status="cancelled")),
            present=Count("pk", filter=Q(attendance="present")),
            excused=Count("pk", filter=Q(attendance="excused")),
            absent=Count("pk", filter=Q(attendance="absent")),
        )
        .order_by()
    }
    mix = defaultdict(list)
    for row in (
        registrations.filter(status="confirmed")
        .values("offering_id", "organisation_kind")
        .annotate(n=Count("pk"))
        .order_by("offering_id", "-n", "organisation_kind")
    ):
        mix[row["offering_id"]].append(f"{kind_label(row['organisation_kind'])}: {row['n']}")
    offerings = (
        SessionOfferingPage.objects.filter(pk__in=figures)
        .annotate(first_start=Min("dates__starts_at"), course_title=_course_title())
        .order_by("first_start", "path")
    )
    return [
        figures[o.pk]
        | {
            "course_title": o.course_title,
            "offering_title": o.title,
            "place": o.place_name or o.online_url,
            "first_date": format_date(o.first_start) if o.first_start else "–",
            "capacity": o.capacity,
            "mix": " · ".join(mix[o.pk]),
        }
        for o in offerings
    ]


class SessionReportView(ReportAccessMixin, GermanExportMixin, ReportView):
    page_title = _("Sessions (Termine)")
    header_icon = "date"
    index_url_name = "reports:sessions"
    index_results_url_name = "reports:sessions_results"
    export_filename = "termine"
    export_headings = {
        "course_title": _("Course"),
        "offering_title": _("Session"),
        "place": _("Place"),
        "first_date": _("Date"),
        "capacity": _("Seats"),
        "confirmed": _("Confirmed"),
        "waiting": _("Waiting list"),
        "cancelled": _("Registration cancelled"),
        "present": _("Present"),
        "excused": _("Excused"),
        "absent": _("Absent (no-show)"),
        "mix": _("Mix of organisation kinds"),
    }
    columns = [Column(key, label=label, accessor=key) for key, label in export_headings.items()]
    list_export = list(export_headings)

    def get_queryset(self):
        return session_rows(registrations_in_scope(self.request.user))

    def get_filtered_queryset(self):
        return self.get_queryset()
