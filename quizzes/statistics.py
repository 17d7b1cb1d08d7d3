"""Reads for the trainers' admin pages: statistics per quiz and the marking queue.

Statistics per quiz for trainers: how attempts went, and which questions misfire.

Everything is aggregated in the database: ``quiz_summary`` is one query, ``question_rows``
two (the per-question aggregate and the quiz's current questions), whatever the number of
attempts or questions. Only submitted attempts count; open ones are still being written.

Per question, the figures come from ``Response.question`` (the authored question), so a
question drawn into many attempts is counted once per attempt that asked it. Answers to
questions deleted since are left out (their FK is NULL); the exam record keeps them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.utils.html import strip_tags

from .models import AttemptStatus, Question, Response

DECIDED = (AttemptStatus.PASSED, AttemptStatus.FAILED)


def _percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def quiz_summary(quiz):
    """Submitted attempts, passed / failed / waiting for marking, pass rate, mean score %.

    Pass rate and mean score use decided attempts only: a pending attempt's score is not final.
    """
    figures = quiz.attempts.filter(submitted_at__isnull=False).aggregate(
        submitted=Count("pk"),
        passed=Count("pk", filter=Q(status=AttemptStatus.PASSED)),
        failed=Count("pk", filter=Q(status=AttemptStatus.FAILED)),
        pending=Count("pk", filter=Q(status=AttemptStatus.PENDING)),
        people=Count("user", distinct=True),
        average_percent=Avg("percent", filter=Q(status__in=DECIDED)),
    )
    figures["pass_rate"] = _percent(figures["passed"], figures["passed"] + figures["failed"])
    if figures["average_percent"] is not None:
        figures["average_percent"] = Decimal(figures["average_percent"]).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
    return figures


def _aggregates(quiz):
    responses = Response.objects.filter(
        attempt__quiz=quiz, attempt__submitted_at__isnull=False, question__isnull=False
    )
    rows = (
        responses.values("question_id")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answer__isnull=False)),
            correct=Count("pk", filter=Q(is_correct=True)),
            waiting=Count("pk", filter=Q(needs_marking=True)),
            average_points=Avg("points", filter=Q(points__isnull=False)),
        )
        .order_by()
    )
    return {row["question_id"]: row for row in rows}


def question_rows(quiz):
    """One dict per current question of ``quiz`` (in authored order) with its figures.

    ``correct_share``: share of the attempts that asked it and got it fully right (unanswered
    counts as wrong; essays still waiting for marking are left out); ``average_points`` over
    the scored answers (essays once marked).
    """
    figures = _aggregates(quiz)
    questions = Question.objects.filter(quiz=quiz).order_by("sort_order", "pk")
    rows = []
    for number, question in enumerate(questions, start=1):
        row = figures.get(question.pk, {})
        asked = row.get("asked", 0)
        average = row.get("average_points")
        rows.append(
            {
                "number": number,
                "question": question,
                "text": strip_tags(question.text),
                "kind": question.get_kind_display(),
                "points": question.points,
                "asked": asked,
                "answered": row.get("answered", 0),
                "correct": row.get("correct", 0),
                "waiting": row.get("waiting", 0),
                "correct_share": _percent(row.get("correct", 0), asked - row.get("waiting", 0)),
                "average_points": None
                if average is None
                else Decimal(average).quantize(Decimal("0.01"), ROUND_HALF_UP),
            }
        )
    return rows


def responses_to_mark():
    """Essay answers of submitted attempts still waiting for a trainer (lazy queryset)."""
    return Response.objects.filter(
        needs_marking=True, attempt__status=AttemptStatus.PENDING
    ).select_related("attempt__user")
