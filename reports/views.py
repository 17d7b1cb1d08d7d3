"""The manager reports: Wagtail ``ReportView`` subclasses over ``selectors``.

Exports never hold all rows in memory: rows come from ``QuerySet.iterator(chunk_size=…)``,
CSV streams, and XLSX is written by openpyxl's write-only workbook into a temporary file that
``FileResponse`` streams (Wagtail's default would build the file in a ``BytesIO`` after
evaluating the whole queryset, twice: once for ``items_count``). The German formats, CSV
injection guard and header buttons come from ``lms.exports.GermanExportMixin``.

Organisation columns and filters are the organisation *recorded on the enrolment* (where it
happened), not the person's current one: a move never rewrites past figures.
"""

from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from lms.exports import GermanExportMixin
from lms.formats import format_date, format_percent, local_date
from organisations.models import OrganisationKind

from . import charts, selectors
from .access import ReportAccessMixin
from .filters import EnrolmentReportFilterSet

EXPORT_CHUNK = 2000
KINDS = dict(OrganisationKind.choices)


class _Rows:
    """What Wagtail's export code iterates: chunked rows, each prepared, plus ``.model``."""

    def __init__(self, queryset, prepare):
        self.model = queryset.model
        self.queryset = queryset
        self.prepare = prepare

    def __iter__(self):
        for row in self.queryset.iterator(chunk_size=EXPORT_CHUNK):
            yield self.prepare(row)


class ScopedReportView(ReportAccessMixin, GermanExportMixin, ReportView):
    filterset_class = EnrolmentReportFilterSet
    help_text = _(
        "Each enrolment counts for the organisation the person belonged to when enrolling "
        "(organisation, kind and region). A later move to another organisation does not "
        "change past figures; new enrolments count for the new organisation."
    )
    results_template_name = "reports/report_results.html"
    export_chunk = EXPORT_CHUNK

    def scoped_enrolments(self):
        """The filtered enrolments of the viewer's scope: every figure on the page uses them."""
        return self.filter_queryset(selectors.enrolments_in_scope(self.request.user))

    def rows(self, enrolments):
        raise NotImplementedError

    def get_queryset(self):
        return self.rows(self.scoped_enrolments())

    def prepare_row(self, row):
        return row

    def decorate_paginated_queryset(self, object_list):
        return [self.prepare_row(row) for row in object_list]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            rows = _Rows(self.get_queryset(), self.prepare_row)
            return self.as_spreadsheet(rows, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["help_text"] = self.help_text
        context["charts"] = charts.completion_charts(
            self.scoped_enrolments(),
            kind_title=_("Completion rate by kind of organisation"),
            organisation_title=_("Completion rate by organisation"),
            description=_("Share of enrolments completed, for the current filter."),
        )
        return context


def _person(row):
    if row.user.erased_at:
        return row.user.listed_last_name
    return f"{row.user.last_name}, {row.user.first_name}"


class LearnerProgressView(ScopedReportView):
    page_title = _("Learner progress")
    header_icon = "user"
    index_url_name = "reports:learner_progress"
    index_results_url_name = "reports:learner_progress_results"
    export_filename = "lernfortschritt"
    help_text = format_lazy(
        "{} {}",
        ScopedReportView.help_text,
        _(
            "A refresher is a new cycle of the course: each cycle is a row of its own, the "
            "earlier completion and its certificate stay. “Expiring”: the certificate ends "
            "within the course's refresher lead time; “Renewed”: a later cycle is completed."
        ),
    )
    columns = [
        Column("person", label=_("Person"), accessor=_person),
        Column("organisation", label=_("Organisation"), accessor="organisation.name"),
        Column("course", label=_("Course"), accessor="course.title"),
        Column(
            "progress", label=_("Progress"), accessor=lambda r: format_percent(r.progress_percent)
        ),
        Column("due_date", label=_("Due date"), accessor=lambda r: format_date(r.due_date)),
        Column("status", label=_("Status"), accessor="status_label"),
        Column(
            "completed_on", label=_("Completed on"), accessor=lambda r: format_date(r.completed_on)
        ),
        Column("cycle", label=_("Cycle"), accessor="cycle"),
        Column(
            "valid_until", label=_("Valid until"), accessor=lambda r: format_date(r.valid_until)
        ),
        Column("validity", label=_("Validity"), accessor="validity_label"),
    ]
    list_export = [
        "user.listed_last_name",
        "user.first_name",
        "user.email",
        "organisation.name",
        "course.title",
        "progress_percent",
        "due_date",
        "status_label",
        "completed_on",
        "cycle",
        "valid_until",
        "validity_label",
    ]
    export_headings = {
        "user.listed_last_name": _("Last name"),
        "user.first_name": _("First name"),
        "user.email": _("E-mail address"),
        "organisation.name": _("Organisation"),
        "course.title": _("Course"),
        "progress_percent": _("Progress (%)"),
        "due_date": _("Due date"),
        "status_label": _("Status"),
        "completed_on": _("Completed on"),
        "cycle": _("Cycle"),
        "valid_until": _("Valid until"),
        "validity_label": _("Validity"),
    }

    def rows(self, enrolments):
        return selectors.learner_progress(enrolments).order_by(
            "user__last_name", "user__first_name", "course__title", "pk"
        )

    def prepare_row(self, row):
        row.status_label = str(selectors.Status.LABELS[row.status])
        if row.completion_reason:
            # Recorded by hand (courses.services.completion_record): say so, with the reason.
            row.status_label = _("%(status)s (manual: %(reason)s)") % {
                "status": row.status_label,
                "reason": row.completion_reason,
            }
        # The day in Berlin: 00:30 on 15.11. is 23:30 UTC on 14.11.
        row.completed_on = local_date(row.completed_at)
        row.validity_label = str(selectors.Validity.LABELS.get(row.validity, ""))
        return row


def _select_box(row):
    # The box belongs to the reminder form below the table (HTML ``form`` attribute), so the
    # table Wagtail renders stays untouched.
    return format_html(
        '<input type="checkbox" name="enrolment" value="{}" form="reminder-form" aria-label="{}">',
        row.pk,
        _("Select %(person)s, %(course)s") % {"person": _person(row), "course": row.course.title},
    )


class OverdueView(LearnerProgressView):
    page_title = _("Overdue")
    header_icon = "warning"
    index_url_name = "reports:overdue"
    index_results_url_name = "reports:overdue_results"
    results_template_name = "reports/overdue_results.html"
    export_filename = "ueberfaellig"
    columns = [Column("select", label=_("Select"), accessor=_select_box)] + [
        column
        for column in LearnerProgressView.columns
        if column.name not in ("completed_on", "valid_until", "validity")
    ]

    def rows(self, enrolments):
        return selectors.overdue(enrolments).order_by("due_date", "user__last_name", "pk")


class CompletionView(ScopedReportView):
    page_title = _("Completion by course and organisation")
    header_icon = "tasks"
    index_url_name = "reports:completion"
    index_results_url_name = "reports:completion_results"
    export_filename = "abschluss-nach-organisation"
    columns = [
        Column("course", label=_("Course"), accessor="course__title"),
        Column("organisation", label=_("Organisation"), accessor="organisation__name"),
        Column("kind", label=_("Kind"), accessor="kind_label"),
        Column("enrolled", label=_("Enrolled"), accessor="enrolled"),
        Column("not_started", label=_("Not started"), accessor="not_started"),
        Column("in_progress", label=_("In progress"), accessor="in_progress"),
        Column("completed", label=_("Completed"), accessor="completed"),
        Column("overdue", label=_("Overdue"), accessor="overdue"),
        Column("rate", label=_("Completion rate"), accessor=lambda r: format_percent(r["rate"])),
    ]
    list_export = [
        "course__title",
        "organisation__name",
        "kind_label",
        "organisation__region__name",
        "enrolled",
        "not_started",
        "in_progress",
        "completed",
        "overdue",
        "rate",
    ]
    export_headings = {
        "course__title": _("Course"),
        "organisation__name": _("Organisation"),
        "kind_label": _("Kind of organisation"),
        "organisation__region__name": _("Region"),
        "enrolled": _("Enrolled"),
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "completed": _("Completed"),
        "overdue": _("Overdue"),
        "rate": _("Completion rate (%)"),
    }

    def rows(self, enrolments):
        return selectors.completion_by_course_and_organisation(enrolments)

    def prepare_row(self, row):
        row["kind_label"] = str(KINDS.get(row["organisation__kind"], ""))
        row["rate"] = selectors.rate(row["completed"], row["enrolled"])
        return row
