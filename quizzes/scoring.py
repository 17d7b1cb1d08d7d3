"""Scoring and answer validation against a frozen snapshot question. Pure: no database.

A snapshot question is a dict (see ``services.freeze_question``); points, numbers and
tolerances are decimal strings. Stored answers are normalised:
single / true_false / multiple -> sorted list of choice ids; short_text / essay -> str;
numeric -> decimal string ("3.5"). ``None`` means "not answered".
"""

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
SHORT_TEXT_MAX = 500
ESSAY_MAX = 20_000
NUMBER_MAX_CHARS = 40
CHOICE_KINDS = ("single", "true_false", "multiple")


class AnswerError(ValueError):
    """The answer does not fit the question; ``str(error)`` is a message for the learner."""


@dataclass(frozen=True)
class Outcome:
    points: Decimal | None  # None while a trainer still has to mark it
    is_correct: bool | None
    needs_marking: bool = False


def _is_empty(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def _choice_ids(raw):
    values = raw if isinstance(raw, list | tuple) else [raw]
    ids = set()
    for value in values:
        if isinstance(value, bool):
            raise AnswerError(_("This choice does not belong to the question."))
        try:
            ids.add(int(str(value).strip()))
        except ValueError:
            raise AnswerError(_("This choice does not belong to the question.")) from None
    return ids


def parse_number(raw):
    """A Decimal from "3,5", "3.5", "1.234,5", " -2 " or a number; AnswerError otherwise."""
    if isinstance(raw, bool):
        raise AnswerError(_("Please enter a number, e.g. 3,5."))
    text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
    if "," in text:
        # German notation: dots group thousands, the comma is the decimal mark.
        text = text.replace(".", "").replace(",", ".")
    if len(text) > NUMBER_MAX_CHARS or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
        raise AnswerError(_("Please enter a number, e.g. 3,5."))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise AnswerError(_("Please enter a number, e.g. 3,5.")) from None


def normalise_answer(question, raw):
    """The answer as stored, or ``None`` for "no answer"; AnswerError when it cannot be valid."""
    if _is_empty(raw):
        return None
    kind = question["kind"]
    if kind in CHOICE_KINDS:
        ids = _choice_ids(raw)
        if not ids <= {choice["id"] for choice in question["choices"]}:
            raise AnswerError(_("This choice does not belong to the question."))
        if kind != "multiple" and len(ids) != 1:
            raise AnswerError(_("Please choose exactly one answer."))
        return sorted(ids)
    if kind == "numeric":
        # Plain notation ("100", "3.5"), never "1E+2".
        return format(parse_number(raw).normalize(), "f")
    if not isinstance(raw, str):
        raise AnswerError(_("Please enter your answer as text."))
    text = raw.strip()
    limit = SHORT_TEXT_MAX if kind == "short_text" else ESSAY_MAX
    if len(text) > limit:
        raise AnswerError(_("The answer is too long."))
    return text


def _fold(text):
    return " ".join(text.split()).casefold()


def _choice_outcome(question, selected, points):
    correct = {c["id"] for c in question["choices"] if c["is_correct"]}
    chosen = set(selected or [])
    if chosen == correct:
        return Outcome(points, True)
    if question["kind"] != "multiple" or not question.get("partial_credit") or not correct:
        return Outcome(Decimal("0.00"), False)
    share = Decimal(len(chosen & correct) - len(chosen - correct)) / len(correct)
    # Rounded down: a partly right answer never reaches the full points.
    earned = max(Decimal(0), share * points).quantize(CENT, rounding=ROUND_DOWN)
    return Outcome(earned, False)


def score_answer(question, answer):
    """Points for a stored answer; essays with text need a trainer (points ``None``)."""
    points = Decimal(question["points"]).quantize(CENT)
    kind = question["kind"]
    if kind == "essay":
        if _is_empty(answer):
            return Outcome(Decimal("0.00"), False)
        return Outcome(None, None, needs_marking=True)
    if _is_empty(answer):
        return Outcome(Decimal("0.00"), False)
    if kind in CHOICE_KINDS:
        return _choice_outcome(question, answer, points)
    if kind == "short_text":
        accepted = {_fold(text) for text in question.get("accepted_answers", [])}
        right = _fold(answer) in accepted
    elif kind == "numeric":
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
