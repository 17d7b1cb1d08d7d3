"""Every write with a rule about enrolments and completions lives here."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    CompletionRule,
    CoursePage,
    Enrolment,
    EnrolmentMode,
    ModuleCompletion,
    ModulePage,
    ReflectionAnswer,
)
from .signals import course_completed


class CourseError(Exception):
    """A domain rule refused the action; ``str(error)`` is a German message for the user."""


class NotEnrolled(CourseError):
    pass


class ModuleLocked(CourseError):
    pass


@transaction.atomic
def enrolment_create(*, user, course, assigned_by=None, due_date=None):
    """Enrol ``user`` (idempotent). Self-enrolment respects mode and prerequisites;
    an assignment (``assigned_by``) may enrol in any live course and sets the due date."""
    if not course.live:
        raise CourseError(_("This course is not available."))
    self_enrolment = assigned_by is None
    if self_enrolment and course.enrolment_mode == EnrolmentMode.ASSIGNED:
        raise CourseError(_("This course is only available by assignment."))
    if self_enrolment:
        missing = missing_prerequisites(user=user, course=course)
        if missing:
            raise CourseError(
                _("Please complete these courses first: %(courses)s")
                % {"courses": ", ".join(c.title for c in missing)}
            )
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        user=user,
        course=course,
        defaults={"assigned_by": assigned_by, "due_date": due_date},
    )
    if created:
        return enrolment
    changed = []
    if not enrolment.is_active:
        enrolment.is_active = True
        changed.append("is_active")
    if not self_enrolment:
        enrolment.assigned_by = assigned_by
        enrolment.due_date = due_date
        changed += ["assigned_by", "due_date"]
    if changed:
        enrolment.save(update_fields=changed)
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment):
    """Unenrol; progress is kept and returns when the person enrols again."""
    if enrolment.assigned_by_id is not None and enrolment.completed_at is None:
        raise CourseError(_("This course was assigned to you and cannot be cancelled."))
    enrolment.is_active = False
    enrolment.save(update_fields=["is_active"])


def missing_prerequisites(*, user, course):
    completed = Enrolment.objects.filter(user=user, completed_at__isnull=False).values("course_id")
    return list(course.prerequisites.live().exclude(pk__in=completed).specific())


def _course_of(module):
    return CoursePage.objects.get(pk=module.get_parent().pk)


@transaction.atomic
def module_complete(*, user, module, via, recorded_by=None, reason=""):
    """Record that ``user`` completed ``module`` (idempotent) and re-evaluate the course.

    ``via`` is "manual", "quiz" or "admin"; with "admin", ``recorded_by`` and ``reason`` say
    who recorded it by hand and why. Raises ``NotEnrolled``, ``ModuleLocked``, ``CourseError``.
    """
    course = _course_of(module)
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=user, course=course, is_active=True)
        .first()
    )
    if enrolment is None:
        raise NotEnrolled(_("Please enrol in the course first."))
    if via == ModuleCompletion.Via.MANUAL and module.completion_rule == CompletionRule.QUIZ:
        raise CourseError(_("This module is complete when you pass its Lernkontrolle."))
    if via != ModuleCompletion.Via.ADMIN and is_locked(user=user, module=module, course=course):
        raise ModuleLocked(_("Please complete the previous module first."))
    completion, _created = ModuleCompletion.objects.get_or_create(
        user=user,
        module=module,
        defaults={"via": via, "recorded_by": recorded_by, "reason": reason},
    )
    course_completion_reevaluate(course=course, users=[user])
    return completion


def completion_fulfilled(*, required_ids, done_ids):
    """The completion rule, in one place: a course is complete for a person when it has at
    least one live required module and the person completed every one of them."""
    return bool(required_ids) and set(required_ids) <= set(done_ids)


# Enrolments locked and updated per transaction: 5 queries per batch whatever its size.
REEVALUATE_BATCH_SIZE = 500


def course_completion_reevaluate(*, course, users=None, batch_size=REEVALUATE_BATCH_SIZE):
    """Complete every open, active enrolment of ``course`` (or of ``users`` only) whose person
    now fulfils the completion rule; run whenever an input of the rule changes (module added,
    removed, unpublished, moved, made optional or required; quiz pass; manual completion).

    A completion already reached is a historical fact and is never withdrawn: new required
    modules do not reopen it. Newly completed enrolments fire ``course_completed`` after
    commit (which issues the certificate). Queries: 1 for the modules, 1 for the candidate
    ids, then 4 per batch of ``batch_size`` enrolments (lock, completions, update, reload).
    Returns the list of newly completed enrolments.
    """
    required = set(
        ModulePage.objects.child_of(course)
        .live()
        .filter(is_required=True)
        .values_list("pk", flat=True)
    )
    if not required:
        return []
    candidates = Enrolment.objects.filter(course=course, is_active=True, completed_at__isnull=True)
    if users is not None:
        candidates = candidates.filter(user__in=[getattr(u, "pk", u) for u in users])
    ids = list(candidates.order_by("pk").values_list("pk", flat=True))
    completed = []
    for start in range(0, len(ids), batch_size):
        completed += _complete_batch(ids[start : start + batch_size], required)
    return completed


@transaction.atomic
def _complete_batch(enrolment_ids, required):
    locked = dict(
        Enrolment.objects.select_for_update()
        .filter(pk__in=enrolment_ids, completed_at__isnull=True)
        .values_list("pk", "user_id")
    )
    counts = (
        ModuleCompletion.objects.filter(user_id__in=set(locked.values()), module_id__in=required)
        .values("user_id")
        .annotate(done=Count("module_id", distinct=True))
        .order_by()
    )
    fulfilled = {row["user_id"] for row in counts if row["done"] == len(required)}
    pks = [pk for pk, user_id in locked.items() if user_id in fulfilled]
    if not pks:
        return []
    now = timezone.now()
    Enrolment.objects.filter(pk__in=pks).update(completed_at=now)
    completed = list(Enrolment.objects.filter(pk__in=pks).select_related("user", "course"))
    for enrolment in completed:
        transaction.on_commit(
            lambda e=enrolment: course_completed.send(sender=Enrolment, enrolment=e)
        )
    return completed


@transaction.atomic
def enrolment_mark_completed(*, enrolment, completed_at=None, recorded_by=None, reason=""):
    """Set a course complete by hand (e.g. attended in person); fires ``course_completed``
    once. ``recorded_by``/``reason`` are kept on the enrolment and shown in reports."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.completed_at is not None:
        return enrolment
    enrolment.completed_at = completed_at or timezone.now()
    enrolment.is_active = True
    enrolment.completion_recorded_by = recorded_by
    enrolment.completion_reason = reason
    enrolment.save(
        update_fields=["completed_at", "is_active", "completion_recorded_by", "completion_reason"]
    )
    transaction.on_commit(lambda: course_completed.send(sender=Enrolment, enrolment=enrolment))
    return enrolment


def sequence_locks(*, sequential, modules, done_ids):
    """The one home of the sequential rule: in a sequential course a module is locked until
    every earlier module is complete. Returns one flag per module of ``modules`` (tree order)."""
    flags, all_before_done = [], True
    for module in modules:
        flags.append(sequential and not all_before_done)
        all_before_done = all_before_done and module.pk in done_ids
    return flags


def is_locked(*, user, module, course):
    if not course.sequential:
        return False
    earlier = [m for m in course.modules() if m.path < module.path]
    done = set(
        ModuleCompletion.objects.filter(
            user=user, module_id__in=[m.pk for m in earlier]
        ).values_list("module_id", flat=True)
    )
    return sequence_locks(sequential=True, modules=[*earlier, module], done_ids=done)[-1]


@dataclass
class Progress:
    total: int
    completed: int
    completed_module_ids: set = field(default_factory=set)
    next_module: object = None
    completed_at: datetime | None = None

    @property
    def percent(self):
        # A completion is a historical fact: modules added later do not lower it.
        if self.completed_at is not None:
            return 100
        if not self.total:
            return 0
        return int(100 * self.completed / self.total)

    @property
    def is_complete(self):
        return self.completed_at is not None or (self.total > 0 and self.completed >= self.total)


def course_progress(*, user, course):
    """Progress over the live required modules; ``next_module`` is the first not completed."""
    modules = list(course.modules())
    done = set(
        ModuleCompletion.objects.filter(
            user=user, module_id__in=[m.pk for m in modules]
        ).values_list("module_id", flat=True)
    )
    required = [m for m in modules if m.is_required]
    next_module = next((m for m in modules if m.pk not in done), None)
    enrolment = Enrolment.objects.filter(user=user, course=course).only("completed_at").first()
    return Progress(
        total=len(required),
        completed=sum(1 for m in required if m.pk in done),
        completed_module_ids=done,
        next_module=next_module,
        completed_at=enrolment.completed_at if enrolment else None,
    )


REFLECTION_MAX_LENGTH = 5000


@transaction.atomic
def reflection_save(*, user, module, block_id, text):
    """Save the learner's private answer (an empty answer removes it); returns it or None."""
    course = _course_of(module)
    if not Enrolment.objects.filter(user=user, course=course, is_active=True).exists():
        raise NotEnrolled(_("Please enrol in the course first."))
    text = (text or "").strip()
    if len(text) > REFLECTION_MAX_LENGTH:
        raise CourseError(
            _("Your answer is too long: at most %(max)s characters, please.")
            % {"max": REFLECTION_MAX_LENGTH}
        )
    if not text:
        ReflectionAnswer.objects.filter(user=user, module=module, block_id=block_id).delete()
        return None
    answer, _created = ReflectionAnswer.objects.update_or_create(
        user=user, module=module, block_id=block_id, defaults={"text": text}
    )
    return answer
