"""The "Lernkontrollen" manager report: per course and module with a Lernkontrolle, attempts,
pass rate and the average number of attempts people needed to pass. The reads (scope, rows)
are in ``reports.selectors.quiz_results``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from lms.exports import GermanExportMixin
from lms.filters import DateRangeFilter
from lms.formats import format_percent
from quizzes.models import Attempt

from .access import ReportAccessMixin
from .filters import PeopleFilterSet, courses_filter
from .selectors.quiz_results import attempts_in_scope, module_rows


class QuizReportFilterSet(PeopleFilterSet):
    # Narrows the modules listed, not the attempts (see QuizReportView.get_queryset).
    course = courses_filter(method="filter_nothing")
    submitted = DateRangeFilter(
        label=_("Submitted between"), field_name="submitted_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Attempt
        fields = []

    def filter_nothing(self, queryset, name, value):
        return queryset


def _average(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class QuizReportView(ReportAccessMixin, GermanExportMixin, ReportView):
    page_title = _("Lernkontrollen")
    header_icon = "tasks"
    index_url_name = "reports:quizzes"
    index_results_url_name = "reports:quizzes_results"
    filterset_class = QuizReportFilterSet
    export_filename = "lernkontrollen"
    columns = [
        Column("course", label=_("Course"), accessor="course_title"),
        Column("module", label=_("Module"), accessor="module_title"),
        Column("quiz", label=_("Lernkontrolle"), accessor="quiz_title"),
        Column("people", label=_("People"), accessor="people"),
        Column("attempts", label=_("Attempts"), accessor="attempts"),
        Column("passed", label=_("Passed"), accessor="passed"),
        Column("failed", label=_("Not passed"), accessor="failed"),
        Column("pending", label=_("Waiting for marking"), accessor="pending"),
        Column("rate", label=_("Pass rate"), accessor=lambda r: format_percent(r["pass_rate"])),
        Column("people_passed", label=_("People passed"), accessor="people_passed"),
        Column(
            "attempts_to_pass",
            label=_("Average attempts to pass"),
            accessor=lambda r: _average(r["attempts_to_pass"]),
        ),
    ]
    export_headings = {
        "course_title": _("Course"),
        "module_title": _("Module"),
        "quiz_title": _("Lernkontrolle"),
        "people": _("People"),
        "attempts": _("Attempts"),
        "passed": _("Passed"),
        "failed": _("Not passed"),
        "pending": _("Waiting for marking"),
        "pass_rate": _("Pass rate (%)"),
        "people_passed": _("People passed"),
        "attempts_to_pass": _("Average attempts to pass"),
    }
    list_export = list(export_headings)

    def get_queryset(self):
        # Attempt filters (organisation, region, period) narrow the attempts; the course filter
        # narrows the modules listed. A filter value outside the scope is invalid and ignored.
        attempts = self.filter_queryset(attempts_in_scope(self.request.user))
        course = None
        if self.filters and self.filters.is_valid():
            course = self.filters.form.cleaned_data.get("course")
        return module_rows(self.request.user, attempts, course)

    def get_filtered_queryset(self):
        return self.get_queryset()
