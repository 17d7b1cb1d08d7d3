"""Reads for the learner pages, each with a fixed number of queries.

A module's course is its parent in the page tree (courses.tree), so progress for many courses
is grouped by the modules' parent path in one aggregate query instead of asking
``course_progress`` once per course.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, Sum

from lms.roles import ADMINISTRATION

from .extensions import completed_actions
from .models import CoursePage, Enrolment, ModuleCompletion, ModulePage, ReflectionAnswer
from .services import Progress, sequence_locks
from .tree import parent_path_expression

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

# --- one course ------------------------------------------------------------------------------


@dataclass
class ModuleState:
    module: ModulePage
    number: int
    done: bool
    locked: bool


@dataclass
class CourseOutline:
    course: CoursePage
    modules: list
    progress: Progress
    enrolment: Enrolment | None = None

    @property
    def is_enrolled(self):
        return self.enrolment is not None and self.enrolment.is_active

    @property
    def is_completed(self):
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def units(self):
        return sum((s.module.units for s in self.modules), Decimal("0"))

    @property
    def next_module(self):
        """Where "Weiterlernen" leads: the first module not completed (else the first)."""
        for state in self.modules:
            if not state.done:
                return state.module
        return self.modules[0].module if self.modules else None

    @property
    def new_since_completion(self):
        """Modules the person has not done although the course is complete (added or made
        required after the completion): shown as new content, never as missing progress."""
        if not self.is_completed:
            return []
        return [s.module for s in self.modules if not s.done]

    def state_of(self, module):
        return next((s for s in self.modules if s.module.pk == module.pk), None)

    def neighbours(self, module):
        """(previous module, next module) around ``module`` in tree order."""
        pks = [s.module.pk for s in self.modules]
        if module.pk not in pks:
            return None, None
        index = pks.index(module.pk)
        previous = self.modules[index - 1].module if index > 0 else None
        following = self.modules[index + 1].module if index + 1 < len(pks) else None
        return previous, following


def course_outline(*, user, course):
    """The live modules of ``course`` with done/locked per module for ``user`` (3 queries)."""
    modules = list(course.modules())
    done, enrolment = set(), None
    if user.is_authenticated:
        done = set(
            ModuleCompletion.objects.current()
            .filter(user=user, module_id__in=[m.pk for m in modules])
            .values_list("module_id", flat=True)
        )
        enrolment = Enrolment.objects.newest_cycle(user=user, course=course)
    locks = sequence_locks(sequential=course.sequential, modules=modules, done_ids=done)
    states = [
        ModuleState(module=module, number=number, done=module.pk in done, locked=locked)
        for number, (module, locked) in enumerate(zip(modules, locks, strict=True), start=1)
    ]
    progress = Progress.of(
        modules=modules, done_ids=done, completed_at=enrolment.completed_at if enrolment else None
    )
    return CourseOutline(course=course, modules=states, progress=progress, enrolment=enrolment)


def may_preview(user, course, module=None):
    """The one rule for trying a course out without enrolment (its modules and their
    Lernkontrollen): administrators, the course's responsible trainers and editors of the page."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.groups.filter(name=ADMINISTRATION).exists():
        return True
    if course.responsible_trainers.filter(pk=user.pk).exists():
        return True
    return (module or course).permissions_for_user(user).can_edit()


def is_administration(user):
    return user.is_superuser or user.groups.filter(name=ADMINISTRATION).exists()


def may_record_completion(user: AbstractUser, course: CoursePage) -> bool:
    """The one rule for recording completions by hand: the Administration everywhere, a
    trainer only for the courses they are responsible for. Managers report, they do not
    certify: a completion issues a Teilnahmebescheinigung in the provider's name."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_administration(user):
        return True
    return course.responsible_trainers.filter(pk=user.pk).exists()


def courses_for_recording(user):
    """The courses ``user`` may record completions for (lazy queryset, by title)."""
    courses = CoursePage.objects.order_by("title")
    if not user.is_authenticated:
        return courses.none()
    if is_administration(user):
        return courses
    return courses.filter(responsible_trainers=user)


def reflection_answers(*, user, module):
    """{block id: ReflectionAnswer} of ``user`` for ``module`` - only ever their own."""
    if not user.is_authenticated:
        return {}
    answers = ReflectionAnswer.objects.filter(user=user, module=module)
    return {answer.block_id: answer for answer in answers}


# --- many courses ----------------------------------------------------------------------------


@dataclass
class CourseFigures:
    modules: int = 0
    required: int = 0
    units: Decimal = field(default_factory=lambda: Decimal("0"))


def course_figures(courses):
    """{course pk: CourseFigures} over the live modules of all ``courses`` (1 query)."""
    by_path = {course.path: course.pk for course in courses}
    rows = (
        ModulePage.objects.live()
        .annotate(course_path=parent_path_expression())
        .filter(course_path__in=list(by_path))
        .values("course_path")
        .annotate(
            modules=Count("pk"),
            required=Count("pk", filter=Q(is_required=True)),
            units=Sum("units"),
        )
        .order_by()
    )
    figures = {pk: CourseFigures() for pk in by_path.values()}
    for row in rows:
        figures[by_path[row["course_path"]]] = CourseFigures(
            modules=row["modules"], required=row["required"], units=row["units"] or Decimal("0")
        )
    return figures


def required_done(*, user, courses):
    """{course pk: number of live required modules ``user`` completed} (1 query)."""
    by_path = {course.path: course.pk for course in courses}
    if not user.is_authenticated or not by_path:
        return {}
    rows = (
        ModuleCompletion.objects.current()
        .filter(user=user, module__live=True, module__is_required=True)
        .annotate(course_path=parent_path_expression("module__path"))
        .filter(course_path__in=list(by_path))
        .values("course_path")
        .annotate(done=Count("pk"))
        .order_by()
    )
    return {by_path[row["course_path"]]: row["done"] for row in rows}


@dataclass
class CourseCard:
    """A course as a list shows it: figures, the person's enrolment and progress."""

    course: CoursePage
    figures: CourseFigures
    progress: Progress
    enrolment: Enrolment | None = None
    completed_actions: str = ""  # HTML other apps add (courses.extensions), e.g. the certificate

    @property
    def state(self):
        enrolment = self.enrolment
        if enrolment is not None and enrolment.completed_at is not None:
            return "completed"
        if enrolment is not None and enrolment.is_active:
            return "enrolled"
        return "not_enrolled"

    @property
    def is_overdue(self):
        return self.enrolment is not None and self.enrolment.is_overdue

    @property
    def percent(self):
        return 100 if self.state == "completed" else self.progress.percent


def course_cards(*, user, courses, enrolments=None):
    """Cards for ``courses`` (a list); 3 queries whatever the number of courses."""
    courses = list(courses)
    figures = course_figures(courses)
    done = required_done(user=user, courses=courses)
    if enrolments is None:
        enrolments = {}
        if user.is_authenticated and courses:
            enrolments = {
                e.course_id: e
                # Ascending cycles: the newest cycle of a course wins.
                for e in Enrolment.objects.filter(
                    user=user, course__in=[c.pk for c in courses]
                ).order_by("cycle")
            }
    cards = []
    for course in courses:
        course_figures_ = figures.get(course.pk, CourseFigures())
        cards.append(
            CourseCard(
                course=course,
                figures=course_figures_,
                progress=Progress(total=course_figures_.required, completed=done.get(course.pk, 0)),
                enrolment=enrolments.get(course.pk),
            )
        )
    return cards


@dataclass
class Dashboard:
    in_progress: list
    not_started: list
    completed: list

    @property
    def is_empty(self):
        return not (self.in_progress or self.not_started or self.completed)


def dashboard(*, user: AbstractUser) -> Dashboard:
    """ "Meine Fortbildungen": the person's active and completed enrolments (4 queries)."""
    enrolments = list(
        # The newest cycle per course: a refresher replaces the completed card (the
        # certificate of the earlier cycle stays under "Meine Bescheinigungen").
        Enrolment.objects.filter(user=user)
        .current()
        .filter(Q(is_active=True) | Q(completed_at__isnull=False))
        .select_related("course")
        .order_by(F("due_date").asc(nulls_last=True), "-enrolled_at")
    )
    cards = course_cards(
        user=user,
        courses=[e.course for e in enrolments],
        enrolments={e.course_id: e for e in enrolments},
    )
    actions = completed_actions(enrolments)
    board = Dashboard(in_progress=[], not_started=[], completed=[])
    for card in cards:
        if card.state == "completed":
            card.completed_actions = actions.get(card.enrolment.pk, "")
            board.completed.append(card)
        elif card.progress.completed:
            board.in_progress.append(card)
        else:
            board.not_started.append(card)
    board.completed.sort(key=lambda c: c.enrolment.completed_at, reverse=True)
    return board
