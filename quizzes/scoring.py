"""Scoring and answer validation against a frozen snapshot question. Pure: no database.

A snapshot question is a dict (see ``services.freeze_question``); points, numbers and
tolerances are decimal strings. Stored answers are normalised:
single / true_false / multiple -> sorted list of frozen choice ids (the browser only ever
sees and posts per-attempt tokens, see ``choice_value``); short_text / essay -> str;
numeric -> decimal string ("3.5"). ``None`` means "not answered".
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms import inputs

from .choices import CHOICE_KINDS, QuestionKind

CENT = Decimal("0.01")
SHORT_TEXT_MAX = 500
ESSAY_MAX = 20_000


class AnswerError(ValueError):
    """The answer does not fit the question; ``str(error)`` is a message for the learner."""


@dataclass(frozen=True)
class Outcome:
    points: Decimal | None  # None while a trainer still has to mark it
    is_correct: bool | None
    needs_marking: bool = False


def _is_empty(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def choice_value(choice):
    """What the browser gets and posts for a frozen ``choice``: its per-attempt random token.

    Snapshots frozen before tokens existed (version 1) fall back to the choice id, so their
    open attempts keep working exactly as before.
    """
    return choice.get("token") or str(choice["id"])


def choice_values(question, ids):
    """The browser values of the frozen choices with ``ids`` (a stored answer), in choice order."""
    chosen = set(ids or [])
    return [choice_value(choice) for choice in question["choices"] if choice["id"] in chosen]


def _choice_ids(question, raw):
    """Posted choice values -> the frozen choice ids they stand for (AnswerError if foreign)."""
    by_value = {choice_value(choice): choice["id"] for choice in question["choices"]}
    values = raw if isinstance(raw, list | tuple) else [raw]
    ids = set()
    for value in values:
        key = value.strip() if isinstance(value, str) else value
        # Only the values this attempt handed out count: a pk, a position or a token of
        # another attempt says nothing here.
        if isinstance(key, bool) or str(key) not in by_value:
            raise AnswerError(_("This choice does not belong to the question."))
        ids.add(by_value[str(key)])
    return ids


def parse_number(raw):
    """A Decimal as ``lms.inputs.parse_number`` reads it; AnswerError with its message."""
    try:
        return inputs.parse_number(raw)
    except ValidationError as error:
        raise AnswerError(error.messages[0]) from None


def _text(raw, *, multiline):
    try:
        return inputs.reject_control_characters(raw, multiline=multiline)
    except ValidationError as error:
        raise AnswerError(error.messages[0]) from None


def normalise_answer(question, raw):
    """The answer as stored, or ``None`` for "no answer"; AnswerError when it cannot be valid."""
    if _is_empty(raw):
        return None
    kind = question["kind"]
    if kind in CHOICE_KINDS:
        ids = _choice_ids(question, raw)
        if kind != QuestionKind.MULTIPLE and len(ids) != 1:
            raise AnswerError(_("Please choose exactly one answer."))
        return sorted(ids)
    if kind == QuestionKind.NUMERIC:
        # Plain notation ("100", "3.5"), never "1E+2".
        return format(parse_number(raw).normalize(), "f")
    if not isinstance(raw, str):
        raise AnswerError(_("Please enter your answer as text."))
    text = _text(raw, multiline=kind == QuestionKind.ESSAY).strip()
    limit = SHORT_TEXT_MAX if kind == QuestionKind.SHORT_TEXT else ESSAY_MAX
    if len(text) > limit:
        raise AnswerError(_("The answer is too long."))
    return text


def _choice_outcome(question, selected, points):
    correct = {c["id"] for c in question["choices"] if c["is_correct"]}
    chosen = set(selected or [])
    if chosen == correct:
        return Outcome(points, True)
    if (
        question["kind"] != QuestionKind.MULTIPLE
        or not question.get("partial_credit")
        or not correct
    ):
        return Outcome(Decimal("0.00"), False)
    share = Decimal(len(chosen & correct) - len(chosen - correct)) / len(correct)
    # Rounded down: a partly right answer never reaches the full points.
    earned = max(Decimal(0), share * points).quantize(CENT, rounding=ROUND_DOWN)
    return Outcome(earned, False)


def score_answer(question, answer):
    """Points for a stored answer; essays with text need a trainer (points ``None``)."""
    points = Decimal(question["points"]).quantize(CENT)
    kind = question["kind"]
    if kind == QuestionKind.ESSAY:
        if _is_empty(answer):
            return Outcome(Decimal("0.00"), False)
        return Outcome(None, None, needs_marking=True)
    if _is_empty(answer):
        return Outcome(Decimal("0.00"), False)
    if kind in CHOICE_KINDS:
        return _choice_outcome(question, answer, points)
    if kind == QuestionKind.SHORT_TEXT:
        # Both sides normalised: "Mädchen" typed decomposed (a + U+0308) is "Mädchen".
        accepted = {inputs.normalise_text(text) for text in question.get("accepted_answers", [])}
        right = inputs.normalise_text(answer) in accepted
    elif kind == QuestionKind.NUMERIC:
        expected = question.get("numeric_answer")
        right = expected is not None and abs(Decimal(answer) - Decimal(expected)) <= Decimal(
            question.get("tolerance") or "0"
        )
    else:
        raise ValueError(f"unknown question kind {kind!r}")
    return Outcome(points if right else Decimal("0.00"), right)


def max_points(questions):
    return sum((Decimal(q["points"]) for q in questions), start=Decimal("0")).quantize(CENT)


def percent_of(score, maximum):
    if not maximum:
        return Decimal("0.00")
    return (Decimal(score) * 100 / Decimal(maximum)).quantize(CENT, rounding=ROUND_HALF_UP)
