"""The "Lernkontrollen" manager report: attempts, pass rate and attempts needed to pass.

Scope is applied in one place, ``attempts_in_scope``: the submitted attempts of the people the
viewer may report on (``enrolments_in_scope``, which is ``users_in_scope`` for managers and
the learners of their courses for trainers). Every row, filter choice and export starts there.
One row per Lernkontrolle; the figures are aggregated in one query whatever the number of rows.
"""

import django_filters
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from organisations.models import OrganisationKind, Region
from quizzes.models import Attempt, AttemptStatus, Quiz

from . import selectors

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
    """Per Lernkontrolle: people, attempts, passed / failed / pending, people who passed, and
    the average number of the attempt in which people first passed (dicts, one query)."""
    return (
        attempts.values("quiz_id", "quiz__title")
        .annotate(
            people=Count("user", distinct=True),
            attempts=Count("pk"),
            passed=Count("pk", filter=Q(status=PASSED)),
            failed=Count("pk", filter=Q(status=FAILED)),
            pending=Count("pk", filter=Q(status=AttemptStatus.PENDING)),
            people_passed=Count("user", distinct=True, filter=Q(status=PASSED)),
            attempts_to_pass=Avg("number", filter=_first_pass()),
        )
        .order_by("quiz__title", "quiz_id")
    )


def _quizzes(request):
    return Quiz.objects.filter(pk__in=attempts_in_scope(request.user).values("quiz_id")).order_by(
        "title"
    )


def _organisations(request):
    return selectors.report_organisations(request.user)


def _regions(request):
    return Region.objects.filter(organisations__in=_organisations(request)).distinct()


class QuizReportFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(label=_("Lernkontrolle"), queryset=_quizzes)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), field_name="user__organisation", queryset=_organisations
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="user__organisation__kind",
        choices=OrganisationKind.choices,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), field_name="user__organisation__region", queryset=_regions
    )
    submitted = django_filters.DateFromToRangeFilter(
        label=_("Submitted between"), field_name="submitted_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Attempt
        fields = []


def _rate(passed, decided):
    return round(100 * passed / decided) if decided else None


def _percent(value):
    return "–" if value is None else f"{value} %"


def _average(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class QuizReportView(ReportView):
    page_title = _("Lernkontrollen")
    header_icon = "tasks"
    index_url_name = "reports:quizzes"
    index_results_url_name = "reports:quizzes_results"
    filterset_class = QuizReportFilterSet
    export_filename = "lernkontrollen"
    columns = [
        Column("quiz", label=_("Lernkontrolle"), accessor="quiz__title"),
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
    list_export = [
        "quiz__title",
        "people",
        "attempts",
        "passed",
        "failed",
        "pending",
        "pass_rate",
        "people_passed",
        "attempts_to_pass",
    ]
    export_headings = {
        "quiz__title": _("Lernkontrolle"),
        "people": _("People"),
        "attempts": _("Attempts"),
        "passed": _("Passed"),
        "failed": _("Not passed"),
        "pending": _("Waiting for marking"),
        "pass_rate": _("Pass rate (%)"),
        "people_passed": _("People passed"),
        "attempts_to_pass": _("Average attempts to pass"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_view_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return quiz_rows(self.filter_queryset(attempts_in_scope(self.request.user)))

    def get_filtered_queryset(self):
        # The filters apply to the attempts, before aggregation (see get_queryset).
        return self.get_queryset()

    def decorate_paginated_queryset(self, object_list):
        rows = []
        for row in object_list:
            row["pass_rate"] = _rate(row["passed"], row["passed"] + row["failed"])
            if row["attempts_to_pass"] is not None:
                row["attempts_to_pass"] = round(row["attempts_to_pass"], 1)
            rows.append(row)
        return rows
