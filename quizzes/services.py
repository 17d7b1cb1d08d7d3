"""Every write with a rule: starting, answering, submitting and marking attempts, importing
questions into a quiz (``importing``).

All functions are keyword-only, run in ``transaction.atomic`` and raise ``QuizError`` (or a
subclass) with a translated message for the learner. Each takes a row lock on the attempt (or the
person, when starting) so parallel requests cannot break the limits; the conditional unique
constraint "one open attempt per person and quiz" backs the lock up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formats import format_datetime

from . import scoring
from .errors import AnswerLocked, AttemptClosed, InvalidAnswer, QuizError
from .importing import ImportOutcome, quiz_import_questions
from .marking import finalise, response_mark
from .models import Attempt, AttemptStatus, FeedbackMode, Quiz, Response
from .snapshot import build_snapshot, draw, pool_queryset

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

__all__ = [
    "AnswerLocked",
    "AttemptClosed",
    "ImportOutcome",
    "InvalidAnswer",
    "QuizError",
    "attempt_expire_overdue",
    "attempt_save_answer",
    "attempt_save_answers",
    "attempt_start",
    "attempt_submit",
    "quiz_import_questions",
    "response_mark",
]


def _time_up_message():
    return _("Your time is up. Your attempt was submitted with the answers you had saved.")


def _closed_message():
    return _("This attempt has already been submitted.")


def _sync(target, source):
    """Copy the state decided under the lock onto the caller's instance."""
    if target is not source:
        for field in ("status", "current_position", "submitted_at", "score", "percent"):
            setattr(target, field, getattr(source, field))


def _lock(attempt):
    return Attempt.objects.select_for_update().get(pk=attempt.pk)


# --- starting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartLimits:
    attempts_left: int | None  # None: unlimited
    next_start: datetime | None  # None: no waiting time left


def start_limits(*, quiz, previous, now):
    """The one home of the attempt limit and the waiting time between attempts, for the
    start service and for the start page that explains them. ``previous``: the person's
    attempts at ``quiz``."""
    left = None if not quiz.max_attempts else max(0, quiz.max_attempts - len(previous))
    finished = [a.submitted_at for a in previous if a.submitted_at is not None]
    next_start = None
    if quiz.wait_minutes and finished:
        next_start = max(finished) + timedelta(minutes=quiz.wait_minutes)
        if next_start <= now:
            next_start = None
    return StartLimits(attempts_left=left, next_start=next_start)


def counted_attempts(attempts, counts_from):
    """The attempts that count against the limit and the waiting time: all of them, or those
    started at or after ``counts_from`` (from the access policy's ``attempts_count_from``)."""
    if counts_from is None:
        return list(attempts)
    return [a for a in attempts if a.started_at >= counts_from]


def _check_may_start(quiz, previous, now):
    limits = start_limits(quiz=quiz, previous=previous, now=now)
    if limits.attempts_left == 0:
        raise QuizError(
            _("You have no attempts left for this Lernkontrolle (allowed: %(count)s).")
            % {"count": quiz.max_attempts}
        )
    if limits.next_start is not None:
        raise QuizError(
            _("You can start the next attempt on %(date)s.")
            % {"date": format_datetime(limits.next_start)}
        )


def _start(quiz, user, now, context_key="", quiz_is_current=False, counts_from=None):
    if not quiz_is_current:
        quiz = Quiz.objects.get(pk=quiz.pk)  # the published settings, not a draft in memory
    if not quiz.live:
        raise QuizError(_("This Lernkontrolle is not available."))
    # Serialise starts per person: the lock holds even before their first attempt exists.
    # The attempts are read by a second statement on purpose: under READ COMMITTED a statement
    # that waited for the lock still sees the rows of its own, older snapshot.
    people = get_user_model().objects.order_by()
    list(people.select_for_update().filter(pk=user.pk).values_list("pk"))
    previous = list(
        Attempt.objects.filter(user=user, quiz=quiz).only(
            "pk", "number", "status", "started_at", "submitted_at"
        )
    )
    current = next((a for a in previous if a.status == AttemptStatus.OPEN), None)
    if current is not None:
        current = Attempt.objects.get(pk=current.pk)
        if current.is_overdue(now):
            _submit(current, now)
            return current, True
        return current, False
    _check_may_start(quiz, counted_attempts(previous, counts_from), now)
    questions = draw(
        pool_queryset(quiz), max_questions=quiz.max_questions, random_order=quiz.random_order
    )
    if not questions:
        raise QuizError(_("This Lernkontrolle has no questions yet."))
    snapshot = build_snapshot(quiz, questions)
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=max((a.number for a in previous), default=0) + 1,
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        max_score=scoring.max_points(snapshot["questions"]),
        title=quiz.title,
        pass_mark=quiz.pass_mark,
        feedback_mode=quiz.feedback_mode,
        answer_reveal=quiz.answer_reveal,
        attempts_allowed=quiz.max_attempts,
        navigation=quiz.navigation,
        allow_back=quiz.allow_back,
        success_text=quiz.success_text,
        fail_text=quiz.fail_text,
        snapshot=snapshot,
        context_key=context_key[:100],
    )
    Response.objects.bulk_create(
        Response(attempt=attempt, position=position, question_id=question.pk)
        for position, question in enumerate(questions)
    )
    return attempt, False


def attempt_start(
    *,
    quiz: Quiz,
    user: AbstractUser,
    context_key: str = "",
    quiz_is_current: bool = False,
    counts_from: datetime | None = None,
) -> Attempt:
    """The person's open attempt (resumed), or a new one with its questions frozen.

    ``context_key`` (str, from the access policy) records where a new attempt is taken.
    The published settings of ``quiz`` are read again (an instance in memory may carry a
    draft), unless ``quiz_is_current``: the caller loaded it from the database for this
    request (the start view does, a moment before), which saves a query on the hot path.
    ``counts_from`` (aware datetime or None, from the access policy's
    ``attempts_count_from``): only attempts started since then count against the limit.

    Raises ``QuizError`` when the quiz is not live, has no questions, the attempts are used up
    or the waiting time is not over; ``AttemptClosed`` when the open attempt ran out of time
    (it is submitted now: show its result).
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            attempt, expired = _start(quiz, user, now, context_key, quiz_is_current, counts_from)
    except IntegrityError:
        # A parallel start won the race past the lock (should not happen): resume its attempt.
        attempt = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.OPEN).first()
        if attempt is None:
            raise
        expired = False
    if expired:
        raise AttemptClosed(_time_up_message(), attempt)
    return attempt


# --- answering ----------------------------------------------------------------------------------


def _lock_with_response(attempt, question):
    """(locked attempt, its Response at position ``question``) in one query: the attempt row
    is locked (the response row only when it is written, after the attempt: the lock order
    of every service). The frozen snapshot is not read again: it never changes after start,
    so the caller's copy is taken. The Response is ``None`` for a position the attempt lacks.
    """
    try:
        position = int(question)
    except (TypeError, ValueError):
        position = -1
    response = (
        Response.objects.select_related("attempt")
        .select_for_update(of=("attempt",))
        .defer("attempt__snapshot")
        .filter(attempt_id=attempt.pk, position=position)
        .first()
    )
    if response is None:
        return _lock(attempt), None
    locked = response.attempt
    locked.snapshot = attempt.snapshot
    return locked, response


def _open_for_answers(attempt, locked=None):
    """(locked attempt, closed message or None, now); submits it when time ran out.

    The clock is read under the lock, so "saved at" and "submitted at" follow the order in
    which the lock was granted (a save that got in is never dated after the submission).
    ``locked``: the attempt when the caller took the lock already.
    """
    locked = _lock(attempt) if locked is None else locked
    now = timezone.now()
    if not locked.is_open:
        _sync(attempt, locked)
        return locked, _closed_message(), now
    if locked.is_overdue(now):
        _submit(locked, now)
        _sync(attempt, locked)
        return locked, _time_up_message(), now
    return locked, None, now


def _position(locked, question):
    try:
        position = int(question)
    except (TypeError, ValueError):
        position = -1
    if not 0 <= position < len(locked.questions):
        raise InvalidAnswer(_("This question does not belong to the attempt."))
    return position


def _apply(locked, response, value, now):
    response.answer = value
    response.saved_at = now
    if locked.feedback_mode == FeedbackMode.EACH:
        # The answer is final and its feedback is shown now, so store its score already.
        # (needs_marking stays False until submission: the marking queue lists only those.)
        outcome = scoring.score_answer(locked.questions[response.position], value)
        response.points, response.is_correct = outcome.points, outcome.is_correct


ANSWER_FIELDS = ["answer", "saved_at", "points", "is_correct"]


def attempt_save_answer(
    *, attempt: Attempt, question: int, answer: object, advance: bool = False
) -> Response:
    """Save (autosave) the answer at snapshot position ``question``; returns the Response.

    ``answer``: choice value(s) (per-attempt tokens), text or number as posted; empty = no
    answer. ``advance=True`` means the learner moves on to the next question (with going
    back switched off, this question is then locked). Raises InvalidAnswer, AnswerLocked or
    AttemptClosed.
    """
    with transaction.atomic():
        locked, response = _lock_with_response(attempt, question)
        locked, closed, now = _open_for_answers(attempt, locked)
        if closed is None:
            position = _position(locked, question)
            try:
                value = scoring.normalise_answer(locked.questions[position], answer)
            except scoring.AnswerError as error:
                raise InvalidAnswer(str(error), {position: str(error)}) from None
            if locked.is_locked(position, response):
                raise AnswerLocked(_("This answer can no longer be changed."))
            _apply(locked, response, value, now)
            response.save(update_fields=ANSWER_FIELDS)
            reached = position + 1 if advance else position
            if reached > locked.current_position:
                locked.current_position = min(reached, len(locked.questions) - 1)
                locked.save(update_fields=["current_position"])
            _sync(attempt, locked)
    if closed is not None:
        raise AttemptClosed(closed, locked)
    return response


def attempt_save_answers(*, attempt, answers):
    """Save several answers at once (the all-on-one-page form): ``{position: answer}``.

    Validates everything first: any invalid answer raises InvalidAnswer with ``errors`` for each
    position and saves nothing. Positions not in ``answers`` keep their saved answer.
    """
    with transaction.atomic():
        locked, closed, now = _open_for_answers(attempt)
        if closed is None:
            values, errors = {}, {}
            for key, raw in answers.items():
                position = _position(locked, key)
                try:
                    values[position] = scoring.normalise_answer(locked.questions[position], raw)
                except scoring.AnswerError as error:
                    errors[position] = str(error)
            if errors:
                raise InvalidAnswer(_("Please check the marked answers."), errors)
            responses = list(Response.objects.filter(attempt=locked, position__in=list(values)))
            changed = []
            for response in responses:
                if response.answer == values[response.position]:
                    continue
                if locked.is_locked(response.position, response):
                    raise AnswerLocked(_("This answer can no longer be changed."))
                _apply(locked, response, values[response.position], now)
                changed.append(response)
            Response.objects.bulk_update(changed, ANSWER_FIELDS)
    if closed is not None:
        raise AttemptClosed(closed, locked)
    return responses


# --- submitting --------------------------------------------------------------------------------


def _submit(locked, now):
    responses = list(locked.responses.all())
    for response in responses:
        outcome = scoring.score_answer(locked.questions[response.position], response.answer)
        response.points, response.is_correct = outcome.points, outcome.is_correct
        response.needs_marking = outcome.needs_marking
    Response.objects.bulk_update(responses, ["points", "is_correct", "needs_marking"])
    # Time ran out at the deadline, whenever we notice it.
    overdue = locked.deadline is not None and now > locked.deadline
    locked.submitted_at = locked.deadline if overdue else now
    if any(response.needs_marking for response in responses):
        locked.status = AttemptStatus.PENDING
    else:
        finalise(locked, responses)
    locked.save(update_fields=["status", "submitted_at", "score", "percent"])


def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Score the attempt on the server; idempotent (a second submit returns the same result)."""
    with transaction.atomic():
        locked = _lock(attempt)
        if locked.is_open:
            _submit(locked, timezone.now())  # read under the lock, see _open_for_answers
    _sync(attempt, locked)
    return locked


def attempt_expire_overdue(*, attempt):
    """Submit an open attempt whose time is up (call when showing it); returns the attempt."""
    now = timezone.now()
    if not attempt.is_overdue(now):
        return attempt
    with transaction.atomic():
        locked = _lock(attempt)
        if locked.is_overdue(now):
            _submit(locked, now)
    _sync(attempt, locked)
    return locked
