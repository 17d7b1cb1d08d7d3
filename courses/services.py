"""Every write with a rule about enrolments and completions lives here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .completion import completion_fulfilled, course_completion_reevaluate  # noqa: F401
from .models import (
    CompletionRule,
    Enrolment,
    ModuleCompletion,
    ReflectionAnswer,
)
from .signals import course_completed

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from django.contrib.auth.models import AbstractUser

    from .models import CoursePage, ModulePage


class CourseError(Exception):
    """A domain rule refused the action; ``str(error)`` is a translated message for the user."""


class NotEnrolled(CourseError):
    pass


class ModuleLocked(CourseError):
    pass


@transaction.atomic
def enrolment_create(
    *,
    user: AbstractUser,
    course: CoursePage,
    assigned_by: AbstractUser | None = None,
    due_date: date | None = None,
) -> Enrolment:
    """Enrol ``user`` (idempotent). Self-enrolment respects mode and prerequisites;
    an assignment (``assigned_by``) may enrol in any live course and sets the due date,
    except for a person who completed the course: their enrolment stays as it is."""
    if not course.live:
        raise CourseError(_("This course is not available."))
    self_enrolment = assigned_by is None
    if self_enrolment and not course.allows_self_enrolment:
        raise CourseError(_("This course is only available by assignment."))
    if self_enrolment:
        missing = missing_prerequisites(user=user, course=course)
        if missing:
            raise CourseError(
                _("Please complete these courses first: %(courses)s")
                % {"courses": ", ".join(c.title for c in missing)}
            )
    # The newest cycle counts (older ones are history, see courses.cycles).
    enrolment = Enrolment.objects.select_for_update().newest_cycle(user=user, course=course)
    if enrolment is None:
        enrolment, created = Enrolment.objects.select_for_update().get_or_create(
            user=user,
            course=course,
            cycle=1,
            defaults={
                "assigned_by": assigned_by,
                "due_date": due_date,
                "organisation_id": user.organisation_id,
            },
        )
        if created:
            return enrolment
    if enrolment.completed_at is not None and not self_enrolment:
        # A completion is a fact: assigning the course again sets no new due date and
        # reopens nothing (a refresher is a new cycle: courses.cycles).
        return enrolment
    changed = []
    if not enrolment.is_active:
        enrolment.is_active = True
        changed.append("is_active")
    if not self_enrolment:
        enrolment.assigned_by = assigned_by
        enrolment.due_date = due_date
        changed += ["assigned_by", "due_date"]
    if changed and enrolment.completed_at is None:
        # Taking up or re-assigning an open enrolment happens where the person is now;
        # a completed one stays with the organisation it was completed in.
        enrolment.organisation_id = user.organisation_id
        changed.append("organisation")
    if changed:
        enrolment.save(update_fields=changed)
    return enrolment


def cancel_refusal(enrolment):
    """Why ``enrolment`` cannot be cancelled (a translated message), or None when it can.

    A completed course is a historical fact that reports and certificates count, so it is
    never left; an assigned course is left only by the manager who assigned it.
    """
    if enrolment.completed_at is not None:
        return _("A completed course stays in your records; it cannot be left.")
    if enrolment.assigned_by_id is not None:
        return _("This course was assigned to you and cannot be cancelled.")
    return None


@transaction.atomic
def enrolment_cancel(*, enrolment):
    """Unenrol; progress is kept and returns when the person enrols again.

    Raises ``CourseError`` with the reason of ``cancel_refusal``.
    """
    refusal = cancel_refusal(enrolment)
    if refusal is not None:
        raise CourseError(refusal)
    enrolment.is_active = False
    enrolment.save(update_fields=["is_active"])


def missing_prerequisites(*, user, course):
    completed = Enrolment.objects.filter(user=user, completed_at__isnull=False).values("course_id")
    return list(course.prerequisites.live().exclude(pk__in=completed).specific())


@transaction.atomic
def module_complete(*, user, module, via, recorded_by=None, reason=""):
    """Record that ``user`` completed ``module`` (idempotent) and re-evaluate the course.

    ``via`` is "manual", "quiz" or "admin"; with "admin", ``recorded_by`` and ``reason`` say
    who recorded it by hand and why. Raises ``NotEnrolled``, ``ModuleLocked``, ``CourseError``.
    """
    course = module.course()
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(is_active=True)
        .newest_cycle(user=user, course=course)
    )
    if enrolment is None:
        raise NotEnrolled(_("Please enrol in the course first."))
    if via == ModuleCompletion.Via.MANUAL and module.completion_rule == CompletionRule.QUIZ:
        raise CourseError(_("This module is complete when you pass its Lernkontrolle."))
    if via != ModuleCompletion.Via.ADMIN and is_locked(user=user, module=module, course=course):
        raise ModuleLocked(_("Please complete the previous module first."))
    completion, _created = ModuleCompletion.objects.current().get_or_create(
        user=user,
        module=module,
        defaults={
            "via": via,
            "recorded_by": recorded_by,
            "reason": reason,
            "organisation_id": user.organisation_id,
        },
    )
    course_completion_reevaluate(course=course, users=[user])
    return completion


@transaction.atomic
def enrolment_mark_completed(
    *,
    enrolment: Enrolment,
    completed_at: datetime | None = None,
    recorded_by: AbstractUser | None = None,
    reason: str = "",
) -> Enrolment:
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


@transaction.atomic
def completion_record(
    *,
    course: CoursePage,
    users: Iterable[AbstractUser],
    reason: str,
    recorded_by: AbstractUser,
    module: ModulePage | None = None,
) -> int:
    """Record by hand that ``users`` completed ``module`` of ``course`` (or, without
    ``module``, the whole course), e.g. after attending in person.

    ``reason`` (required) and ``recorded_by`` are kept on the completion and in Wagtail's log
    (action "kofo.completion_recorded"); a completed course issues its certificate through
    ``course_completed`` as always. The caller checks ``selectors.may_record_completion``.
    Raises ``CourseError`` without a reason or for a module of another course. Returns the
    number of people recorded.
    """
    from wagtail.log_actions import log

    reason = (reason or "").strip()
    if not reason:
        raise CourseError(_("Please give a reason for the manual completion."))
    if module is not None and not module.path.startswith(course.path):
        raise CourseError(_("This module does not belong to the course."))
    for user in users:
        enrolment = Enrolment.objects.newest_cycle(user=user, course=course)
        if enrolment is None:
            enrolment, _created = Enrolment.objects.get_or_create(
                user=user, course=course, cycle=1, defaults={"assigned_by": recorded_by}
            )
        if not enrolment.is_active:
            enrolment.is_active = True
            enrolment.save(update_fields=["is_active"])
        if module is None:
            enrolment_mark_completed(enrolment=enrolment, recorded_by=recorded_by, reason=reason)
        else:
            module_complete(
                user=user,
                module=module,
                via=ModuleCompletion.Via.ADMIN,
                recorded_by=recorded_by,
                reason=reason,
            )
        log(
            instance=enrolment,
            action="kofo.completion_recorded",
            user=recorded_by,
            data={"reason": reason, "module": module.title if module else ""},
        )
    return len(users)


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
        ModuleCompletion.objects.current()
        .filter(user=user, module_id__in=[m.pk for m in earlier])
        .values_list("module_id", flat=True)
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

    @classmethod
    def of(cls, *, modules, done_ids, completed_at=None):
        """The one rule: progress counts the required ones among ``modules`` (the course's
        live modules in tree order) that are in ``done_ids``; ``next_module`` is the first of
        ``modules`` not done. ``completed_at``: the enrolment's completion, if any."""
        required = [m for m in modules if m.is_required]
        return cls(
            total=len(required),
            completed=sum(1 for m in required if m.pk in done_ids),
            completed_module_ids=done_ids,
            next_module=next((m for m in modules if m.pk not in done_ids), None),
            completed_at=completed_at,
        )


def course_progress(*, user, course):
    """Progress over the live required modules; ``next_module`` is the first not completed."""
    modules = list(course.modules())
    done = set(
        ModuleCompletion.objects.current()
        .filter(user=user, module_id__in=[m.pk for m in modules])
        .values_list("module_id", flat=True)
    )
    enrolment = Enrolment.objects.only("completed_at").newest_cycle(user=user, course=course)
    return Progress.of(
        modules=modules, done_ids=done, completed_at=enrolment.completed_at if enrolment else None
    )


REFLECTION_MAX_LENGTH = 5000


@transaction.atomic
def reflection_save(*, user, module, block_id, text):
    """Save the learner's private answer (an empty answer removes it); returns it or None."""
    course = module.course()
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
