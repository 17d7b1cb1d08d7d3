"""The "Lernkontrollen" manager report: per course and module with a Lernkontrolle, attempts,
pass rate and the average number of attempts people needed to pass.

Scope is applied in one place, ``attempts_in_scope``: the submitted attempts of the people the
viewer may report on (``enrolments_in_scope``: ``organisations_visible_to`` for managers and
administrators, the learners of their own courses for trainers without a reporting role).
Every figure, filter choice and export starts there; the modules listed are those of
``courses_in_scope`` (all for managers, own courses for trainers). The rows take two queries
whatever their number: the modules with their course titles, and the per-quiz aggregate.

A module's figures are those of the attempts taken for it (``Attempt.context_key``, set by the
course access policy when the attempt starts): if two modules (say a course and its copy) use
the same quiz, each attempt counts once, in the module it was taken for. Attempts whose
module is not known (older ones the backfill could not assign) are listed per Lernkontrolle in
a row of their own ("course not known"), never added to a module.
"""

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from courses.models import CoursePage, ModulePage
from courses.quiz_access import context_key_of
from courses.tree import parent_path_expression
from lms.exports import GermanExportMixin
from lms.filters import DateRangeFilter
from quizzes.models import Attempt, AttemptStatus

from . import selectors
from .filters import PeopleFilterSet, courses_filter

PASSED, FAILED = AttemptStatus.PASSED, AttemptStatus.FAILED


def attempts_in_scope(user):
    """Submitted attempts by the people ``user`` may report on (lazy)."""
    people = selectors.enrolments_in_scope(user).values("user_id")
    return Attempt.objects.filter(submitted_at__isnull=False, user__in=people)


def _first_pass():
    """This attempt passed and no earlier attempt of the same person at the same quiz did."""
    earlier_pass = Attempt.objects.filter(
        user=OuterRef("user"), quiz=OuterRef("quiz"), status=PASSED, number__lt=OuterRef("number")
    )
    return Q(status=PASSED) & ~Exists(earlier_pass)


def quiz_rows(attempts):
    """Per Lernkontrolle and context (the module it was taken for): people, attempts,
    passed / failed / pending, people who passed, and the average number of the attempt in
    which people first passed (dicts, one query)."""
    return (
        attempts.values("quiz_id", "quiz__title", "context_key")
        .annotate(
            people=Count("user", distinct=True),
            attempts=Count("pk"),
            passed=Count("pk", filter=Q(status=PASSED)),
            failed=Count("pk", filter=Q(status=FAILED)),
            pending=Count("pk", filter=Q(status=AttemptStatus.PENDING)),
            people_passed=Count("user", distinct=True, filter=Q(status=PASSED)),
            attempts_to_pass=Avg("number", filter=_first_pass()),
        )
        .order_by("quiz__title", "quiz_id", "context_key")
    )


def _course_title():
    course_path = parent_path_expression(OuterRef("path"))
    return Subquery(CoursePage.objects.filter(path=course_path).values("title")[:1])


def modules_with_quiz(user, course=None):
    """Modules that have a Lernkontrolle, in the courses ``user`` may report on, in tree order
    (course by course, modules in their order), each with ``course_title``."""
    modules = ModulePage.objects.filter(quiz__isnull=False)
    if course is not None:
        modules = modules.descendant_of(course)
    elif not selectors.reports_as_manager(user):
        within = Q(pk__in=[])
        for path in selectors.courses_in_scope(user).values_list("path", flat=True):
            within |= Q(path__startswith=path)
        modules = modules.filter(within)
    return (
        modules.annotate(course_title=_course_title())
        .select_related("quiz")
        .only("title", "path", "quiz__title")
        .order_by("path")
    )


FIGURES = ("people", "attempts", "passed", "failed", "pending", "people_passed")


def _figures(row, **titles):
    row = dict.fromkeys(FIGURES, 0) | {"attempts_to_pass": None} | (row or {})
    decided = row["passed"] + row["failed"]
    row.update(titles, pass_rate=round(100 * row["passed"] / decided) if decided else None)
    if row["attempts_to_pass"] is not None:
        row["attempts_to_pass"] = round(row["attempts_to_pass"], 1)
    return row


def module_rows(user, attempts, course=None):
    """One dict per module with a Lernkontrolle: the figures of the attempts taken for it;
    then one row per Lernkontrolle listed with attempts of unknown module, if any."""
    modules = list(modules_with_quiz(user, course))
    quizzes = {module.quiz_id: module.quiz for module in modules}
    figures = {
        (row["quiz_id"], row["context_key"]): row
        for row in quiz_rows(attempts.filter(quiz__in=quizzes))
    }
    rows = [
        _figures(
            figures.get((module.quiz_id, context_key_of(module))),
            course_title=module.course_title,
            module_title=module.title,
            quiz_title=module.quiz.title,
        )
        for module in modules
    ]
    for quiz_id, quiz in quizzes.items():
        if (quiz_id, "") in figures:
            rows.append(
                _figures(
                    figures[(quiz_id, "")],
                    course_title=_("Course not known"),
                    module_title="–",
                    quiz_title=quiz.title,
                )
            )
    return rows


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


def _percent(value):
    return "–" if value is None else f"{value} %"


def _average(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class QuizReportView(GermanExportMixin, ReportView):
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
        Column("rate", label=_("Pass rate"), accessor=lambda r: _percent(r["pass_rate"])),
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

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_view_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

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
