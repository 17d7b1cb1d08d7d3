"""Item analysis for trainers (issue #15, item 7): which questions measure what the quiz measures.

Classical test theory, over the attempts with a final result (passed or failed; open and
pending attempts are left out, their scores are not final):

- **facility** (Schwierigkeitsindex) p = share of the attempts that asked the question and got
  it fully right (``Response.is_correct``; unanswered counts as wrong), 0…1;
- **discrimination** (Trennschärfe) = Pearson correlation between "fully right" (1/0) and the
  **rest score** (the attempt's points minus this question's points), i.e. the corrected
  point-biserial correlation (Lienert & Raatz, *Testaufbau und Testanalyse*; Moodle's
  "discrimination index" is the same idea). ``None`` when it is undefined (fewer than two
  attempts, or everybody right, or everybody wrong, or all rest scores equal);
- **distractors**: per choice, how many attempts ticked it. Stored answers are frozen choice
  ids (the per-attempt tokens never reach the database), and the texts come from the
  snapshots, so a choice deleted since is still listed as it was asked.

Flags (common rules of thumb): facility < 0.2 (hard: check the key), > 0.95 (says little),
negative discrimination (strong candidates get it wrong more often: often a wrong key).

Questions are identified by their frozen ``key`` (the authored question's pk). Three queries,
whatever the number of attempts and questions.
"""

import math
from decimal import Decimal

from django.utils.html import strip_tags

from .models import Attempt, AttemptStatus, Question, Response

DECIDED = (AttemptStatus.PASSED, AttemptStatus.FAILED)
HARD_BELOW = 0.2
EASY_ABOVE = 0.95
CHOICE_KINDS = ("single", "true_false", "multiple")


class Flag:
    HARD = "hard"
    EASY = "easy"
    NEGATIVE = "negative"


def correlation(xs, ys):
    """Pearson's r of two equally long number sequences, or ``None`` if undefined
    (fewer than two pairs, or either sequence constant)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def flags_for(facility, discrimination):
    """The flags (list of ``Flag`` values) for a question's figures (floats or ``None``)."""
    flags = []
    if facility is not None and facility < HARD_BELOW:
        flags.append(Flag.HARD)
    if facility is not None and facility > EASY_ABOVE:
        flags.append(Flag.EASY)
    if discrimination is not None and discrimination < 0:
        flags.append(Flag.NEGATIVE)
    return flags


def _load(quiz):
    attempts = {
        a.pk: a
        for a in Attempt.objects.filter(quiz=quiz, status__in=DECIDED).only(
            "pk", "score", "snapshot"
        )
    }
    responses = Response.objects.filter(attempt_id__in=list(attempts)).only(
        "attempt_id", "position", "answer", "points", "is_correct"
    )
    return attempts, responses


def _authored_order(quiz):
    order = Question.objects.filter(quiz=quiz).order_by("sort_order", "pk")
    return {pk: index for index, pk in enumerate(order.values_list("pk", flat=True))}


def analyse(quiz):
    """Per question of ``quiz`` (authored order; questions deleted since at the end), a dict:

    ``key``, ``number`` (1…), ``text`` (plain), ``kind``, ``asked`` (attempts), ``correct``,
    ``facility`` (0…1 float or None), ``discrimination`` (-1…1 float or None), ``flags``
    (list of ``Flag``), ``choices`` (choice questions: ``[{id, text, is_correct, picked,
    share}]`` in authored order, share 0…1 of ``asked``) and ``unanswered`` (count).
    Three queries (attempts, responses, the current question order).
    """
    attempts, responses = _load(quiz)
    items = {}
    for response in responses:
        attempt = attempts[response.attempt_id]
        question = attempt.questions[response.position]
        item = items.setdefault(question["key"], _new_item(question))
        _merge_choices(item, question)
        right = 1 if response.is_correct else 0
        points = response.points if response.points is not None else Decimal(0)
        item["xs"].append(right)
        item["ys"].append(float((attempt.score or Decimal(0)) - points))
        answer = response.answer
        if answer in (None, "", []):
            item["unanswered"] += 1
        elif question["kind"] in CHOICE_KINDS:
            for choice_id in answer if isinstance(answer, list) else [answer]:
                if choice_id in item["choice_map"]:
                    item["choice_map"][choice_id]["picked"] += 1
    order = _authored_order(quiz)
    keys = sorted(items, key=lambda key: (order.get(key, len(order)), key))
    return [_finish(number, items[key]) for number, key in enumerate(keys, start=1)]


def _new_item(question):
    return {
        "key": question["key"],
        "text": strip_tags(question["text"]).strip(),
        "kind": question["kind"],
        "points": Decimal(question["points"]),
        "choice_map": {},
        "xs": [],
        "ys": [],
        "unanswered": 0,
    }


def _merge_choices(item, question):
    # Shuffled per attempt; the authored order is the order of the ids (Choice pks).
    for choice in question.get("choices", []):
        item["choice_map"].setdefault(
            choice["id"],
            {
                "id": choice["id"],
                "text": choice["text"],
                "is_correct": choice["is_correct"],
                "picked": 0,
            },
        )


def _finish(number, item):
    asked = len(item["xs"])
    correct = sum(item["xs"])
    facility = correct / asked if asked else None
    discrimination = correlation(item["xs"], item["ys"])
    choices = sorted(item["choice_map"].values(), key=lambda c: c["id"])
    for choice in choices:
        choice["share"] = choice["picked"] / asked if asked else None
    return {
        "key": item["key"],
        "number": number,
        "text": item["text"],
        "kind": item["kind"],
        "points": item["points"],
        "asked": asked,
        "correct": correct,
        "facility": facility,
        "discrimination": discrimination,
        "flags": flags_for(facility, discrimination),
        "choices": choices,
        "unanswered": item["unanswered"],
    }


def export_rows(analysis):
    """One flat row per question and choice (a question without choices: one row), for the
    CSV/XLSX export. Figures rounded: facility and shares in percent (0.1), r to 0.01."""
    rows = []
    for item in analysis:
        base = {
            "number": item["number"],
            "text": item["text"],
            "kind": item["kind"],
            "asked": item["asked"],
            "facility": _percent(item["facility"]),
            "discrimination": _round(item["discrimination"], "0.01"),
            "flags": item["flags"],
        }
        for choice in item["choices"] or [None]:
            row = dict(base)
            row["choice"] = choice["text"] if choice else ""
            row["choice_correct"] = choice["is_correct"] if choice else None
            row["picked"] = choice["picked"] if choice else None
            row["picked_share"] = _percent(choice["share"]) if choice else None
            rows.append(row)
    return rows


def _round(value, step):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(step))


def _percent(share):
    return None if share is None else _round(share * 100, "0.1")
