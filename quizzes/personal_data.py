"""What the quiz engine stores about a person (attempts and answers), for the DSGVO export and
erasure (registry: ``lms.personal_data``, registered in ``QuizzesConfig.ready``), and the
retention rule for answer texts.

Decision (data minimisation, Art. 5 Abs. 1 lit. c DSGVO): erasure and retention remove what a
person *wrote* (essay and short text answers, and the trainer's feedback on them, which quotes
or discusses them) and keep what was *scored* (choices, numbers, points, correct or not,
pass/fail). Free text can name people, cases and places; scores are what reports, item
statistics and certificates rest on. A removed text is replaced by ``ERASED_TEXT`` rather than
emptied, so "answered" counts in the statistics stay what they were.
"""

import datetime
from html import unescape

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from lms.personal_data import ERASED_TEXT

from .models import Attempt, QuestionKind, Response

FREE_TEXT_KINDS = {QuestionKind.ESSAY, QuestionKind.SHORT_TEXT}


def _plain(html):
    # The frozen text is rich text; the export gives it as plain text.
    return unescape(strip_tags(html)).strip()


def _readable_answer(question, answer):
    if answer is None:
        return None
    if isinstance(answer, list):
        chosen = set(answer)
        return [choice["text"] for choice in question.get("choices", []) if choice["id"] in chosen]
    return answer


def attempts_of(user):
    """``user``'s attempts, newest first: a list of dicts with the frozen quiz title, status,
    times (aware datetimes), score/max_score (points, Decimal), percent, and ``answers`` (per
    question asked: the question text as asked (rich text HTML), the answer (choice texts,
    text or number as typed), points, correct or not, the trainer's feedback)."""
    attempts = (
        Attempt.objects.filter(user=user)
        .prefetch_related("responses")
        .order_by("-started_at", "-pk")
    )
    data = []
    for attempt in attempts:
        questions = attempt.questions
        answers = []
        for response in attempt.responses.all():
            question = questions[response.position] if response.position < len(questions) else {}
            answers.append(
                {
                    "position": response.position + 1,
                    "question": _plain(question.get("text", "")),
                    "answer": _readable_answer(question, response.answer),
                    "points": response.points,
                    "correct": response.is_correct,
                    "feedback": response.feedback,
                    "saved_at": response.saved_at,
                }
            )
        data.append(
            {
                "quiz": attempt.title,
                "attempt": attempt.number,
                "status": attempt.get_status_display(),
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "percent": attempt.percent,
                "context": attempt.context_key,
                "answers": answers,
            }
        )
    return data


def _erase_free_text(responses):
    """Replace free-text answers and feedback of ``responses`` (a queryset); returns the count."""
    changed = []
    rows = responses.select_related("attempt").only(
        "pk", "position", "answer", "feedback", "attempt__snapshot"
    )
    for response in rows.iterator(chunk_size=500):
        questions = response.attempt.questions
        asked = questions[response.position] if response.position < len(questions) else {}
        kind = asked.get("kind")
        dirty = False
        if kind in FREE_TEXT_KINDS and response.answer not in (None, "", ERASED_TEXT):
            response.answer = ERASED_TEXT
            dirty = True
        if response.feedback and response.feedback != ERASED_TEXT:
            response.feedback = ERASED_TEXT
            dirty = True
        if dirty:
            changed.append(response)
    Response.objects.bulk_update(changed, ["answer", "feedback"], batch_size=500)
    return len(changed)


def attempts_erase(user):
    """Erasure (Art. 17 DSGVO) of ``user``'s attempts: free-text answers and feedback replaced
    by ``ERASED_TEXT``; attempts, scores and choices stay (anonymous once the account is
    pseudonymised). Returns the number of answers changed."""
    return _erase_free_text(Response.objects.filter(attempt__user=user))


def retention_cutoff(*, years, now=None):
    """The moment ``years`` (int) years before ``now`` (default: now, UTC): attempts started
    before it are past retention. 29 February falls back to 28 February."""
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return (now - datetime.timedelta(days=1)).replace(year=now.year - years)


@transaction.atomic
def expired_answers_erase(*, years, now=None):
    """Retention: replace the free-text answers (and feedback) of every attempt started more
    than ``years`` years before ``now`` by ``ERASED_TEXT``; scores stay. Setting
    ``KOFO_ANSWER_RETENTION_YEARS`` (Art. 5 Abs. 1 lit. e DSGVO, storage limitation).
    Returns the number of answers changed (0 when everything older was erased already).
    Raises ``ValueError`` for ``years`` < 1."""
    if years < 1:
        raise ValueError("years must be at least 1")
    cutoff = retention_cutoff(years=years, now=now)
    return _erase_free_text(Response.objects.filter(attempt__started_at__lt=cutoff))


LABELS = {
    "quiz": _("Lernkontrolle"),
    "attempt": _("Attempt"),
    "status": _("Status"),
    "started_at": _("Started"),
    "submitted_at": _("Submitted"),
    "score": _("Points"),
    "max_score": _("Maximum points"),
    "percent": _("Percent"),
    "context": _("Context"),
    "answers": _("Answers"),
    "position": _("Question no."),
    "question": _("Question"),
    "answer": _("Answer"),
    "points": _("Points"),
    "correct": _("Correct"),
    "feedback": _("Feedback"),
    "saved_at": _("Saved"),
}


def register():
    """Called from ``QuizzesConfig.ready``: the "attempts" section of the DSGVO export."""
    from lms.personal_data import register_section

    register_section(
        "attempts",
        label=_("Lernkontrollen (attempts and answers)"),
        collect=attempts_of,
        erase=attempts_erase,
        labels=LABELS,
        order=40,
    )
