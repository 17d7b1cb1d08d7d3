"""The reads of the "Lernkontrollen" report (``reports.quiz_report``): per course and module
with a Lernkontrolle, attempts, pass rate and the average number of attempts people needed to
pass.

Scope is applied in one place, ``attempts_in_scope``: the submitted attempts of the people the
viewer may report on (``enrolments_in_scope``). The rows take two queries whatever their
number: the modules with their course titles, and the per-quiz aggregate.

A module's figures are those of the attempts taken for it (``Attempt.context_key``, set by the
course access policy when the attempt starts): if two modules (say a course and its copy) use
the same quiz, each attempt counts once, in the module it was taken for. Attempts whose
module is not known (older ones the backfill could not assign) are listed per Lernkontrolle in
a row of their own ("course not known"), never added to a module.
"""

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, ModulePage
from courses.quiz_access import context_key_of
from courses.tree import parent_path_expression
from quizzes.models import Attempt, AttemptStatus

from . import courses_in_scope, enrolments_in_scope, reports_as_manager

PASSED, FAILED = AttemptStatus.PASSED, AttemptStatus.FAILED


def attempts_in_scope(user):
    """Submitted attempts by the people ``user`` may report on (lazy)."""
    people = enrolments_in_scope(user).values("user_id")
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
    elif not reports_as_manager(user):
        within = Q(pk__in=[])
        for path in courses_in_scope(user).values_list("path", flat=True):
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
