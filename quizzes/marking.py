"""Deciding a result: after submission, or when a trainer marks the last essay."""

from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import scoring
from .errors import QuizError
from .models import Attempt, AttemptStatus, QuestionKind, Response
from .signals import attempt_passed


def finalise(locked, responses):
    """Score, percent and passed/failed from scored responses; the signal after commit."""
    locked.score = sum((r.points for r in responses), start=Decimal("0.00"))
    locked.percent = scoring.percent_of(locked.score, locked.max_score)
    passed = locked.percent >= locked.pass_mark
    locked.status = AttemptStatus.PASSED if passed else AttemptStatus.FAILED
    if passed:
        transaction.on_commit(lambda: attempt_passed.send(sender=Attempt, attempt=locked))


def _marked_points(points, maximum):
    try:
        value = scoring.parse_number(points)
    except scoring.AnswerError:
        value = None
    if value is None or not Decimal(0) <= value <= maximum:
        raise QuizError(
            _("Please give between 0 and %(max)s points.") % {"max": formats.localize(maximum)}
        )
    return value.quantize(scoring.CENT)


def response_mark(*, response, points, feedback, marker):
    """A trainer marks an essay; the last mark decides the attempt (signal + e-mail)."""
    from .tasks import send_marked_mail

    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=response.attempt_id)
        row = Response.objects.get(pk=response.pk)
        question = locked.questions[row.position]
        if question["kind"] != QuestionKind.ESSAY or not row.is_answered:
            raise QuizError(_("Only written answers are marked by hand."))
        if locked.status != AttemptStatus.PENDING:
            raise QuizError(_("The result of this attempt is final; it can no longer be marked."))
        maximum = Decimal(question["points"])
        row.points = _marked_points(points, maximum)
        row.is_correct = row.points == maximum
        row.needs_marking = False
        row.feedback = (feedback or "").strip()
        row.marked_by, row.marked_at = marker, timezone.now()
        row.save(
            update_fields=[
                "points",
                "is_correct",
                "needs_marking",
                "feedback",
                "marked_by",
                "marked_at",
            ]
        )
        responses = list(locked.responses.all())
        if not any(r.needs_marking for r in responses):
            finalise(locked, responses)
            locked.save(update_fields=["status", "score", "percent"])
            transaction.on_commit(lambda: send_marked_mail.enqueue(attempt_id=locked.pk))
    for field in ("points", "is_correct", "needs_marking", "feedback", "marked_by", "marked_at"):
        setattr(response, field, getattr(row, field))
    return row
