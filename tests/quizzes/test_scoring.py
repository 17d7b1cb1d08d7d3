import re
from decimal import Decimal

import pytest
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from quizzes.scoring import (
    AnswerError,
    normalise_answer,
    parse_number,
    percent_of,
    score_answer,
)


def message(text):
    """The message as the learner reads it (German once the lead merged the catalogue)."""
    return re.escape(gettext(text))


POINTS = st.decimals(min_value="0.01", max_value="100", places=2)


@st.composite
def choice_questions(draw, kind=None):
    kind = kind or draw(st.sampled_from(["single", "true_false", "multiple"]))
    count = 2 if kind == "true_false" else draw(st.integers(2, 8))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=count, max_size=count, unique=True))
    if kind == "multiple":
        flags = draw(st.lists(st.booleans(), min_size=count, max_size=count))
        if not any(flags):
            flags[0] = True
    else:
        correct = draw(st.integers(0, count - 1))
        flags = [index == correct for index in range(count)]
    return {
        "kind": kind,
        "points": str(draw(POINTS)),
        "partial_credit": draw(st.booleans()),
        "choices": [
            {"id": i, "text": f"A{i}", "is_correct": flag}
            for i, flag in zip(ids, flags, strict=True)
        ],
    }


def correct_ids(question):
    return [c["id"] for c in question["choices"] if c["is_correct"]]


@given(choice_questions(), st.data())
def test_score_lies_between_zero_and_the_points(question, data):
    ids = [c["id"] for c in question["choices"]]
    if question["kind"] == "multiple":
        selected = data.draw(st.lists(st.sampled_from(ids), unique=True))
    else:
        selected = [data.draw(st.sampled_from(ids))]
    outcome = score_answer(question, normalise_answer(question, selected))
    assert Decimal(0) <= outcome.points <= Decimal(question["points"])
    assert outcome.is_correct == (outcome.points == Decimal(question["points"]))


@given(choice_questions())
def test_the_correct_answers_earn_full_marks(question):
    outcome = score_answer(question, normalise_answer(question, correct_ids(question)))
    assert outcome.points == Decimal(question["points"])
    assert outcome.is_correct is True


@given(choice_questions(kind="multiple"), st.data(), st.randoms())
def test_score_does_not_depend_on_choice_or_selection_order(question, data, rnd):
    ids = [c["id"] for c in question["choices"]]
    selected = data.draw(st.lists(st.sampled_from(ids), unique=True))
    before = score_answer(question, normalise_answer(question, selected))
    shuffled = dict(question, choices=rnd.sample(question["choices"], len(ids)))
    rnd.shuffle(selected)
    after = score_answer(shuffled, normalise_answer(shuffled, [str(i) for i in selected]))
    assert before == after


def multiple(partial):
    choices = [
        {"id": 1, "text": "a", "is_correct": True},
        {"id": 2, "text": "b", "is_correct": True},
        {"id": 3, "text": "c", "is_correct": False},
        {"id": 4, "text": "d", "is_correct": False},
    ]
    return {"kind": "multiple", "points": "2.00", "partial_credit": partial, "choices": choices}


@pytest.mark.parametrize(
    ("selected", "partial", "points"),
    [
        ([1, 2], False, "2.00"),
        ([1], False, "0.00"),
        ([1, 2, 3], False, "0.00"),
        ([1], True, "1.00"),
        ([1, 2, 3], True, "1.00"),
        ([1, 3], True, "0.00"),
        ([3, 4], True, "0.00"),
        ([], True, "0.00"),
    ],
)
def test_multiple_choice_all_or_nothing_and_partial_credit(selected, partial, points):
    question = multiple(partial)
    assert score_answer(question, normalise_answer(question, selected)).points == Decimal(points)


def test_foreign_choice_ids_and_two_answers_to_single_choice_are_refused():
    question = multiple(False) | {"kind": "single"}
    foreign = message("This choice does not belong to the question.")
    with pytest.raises(AnswerError, match=foreign):
        normalise_answer(question, [99])
    with pytest.raises(AnswerError, match=foreign):
        normalise_answer(question, ["x"])
    with pytest.raises(AnswerError, match=message("Please choose exactly one answer.")):
        normalise_answer(question, [1, 2])
    assert normalise_answer(question, "2") == [2]
    assert normalise_answer(question, []) is None


SHORT = {"kind": "short_text", "points": "1", "accepted_answers": ["SGB VIII", "Achtes Buch"]}


@pytest.mark.parametrize("answer", ["SGB VIII", "  sgb viii ", "achtes   BUCH"])
def test_short_text_is_compared_case_insensitive_and_trimmed(answer):
    assert score_answer(SHORT, normalise_answer(SHORT, answer)).is_correct is True


def test_short_text_wrong_and_too_long():
    assert score_answer(SHORT, normalise_answer(SHORT, "SGB II")).points == Decimal("0.00")
    with pytest.raises(AnswerError):
        normalise_answer(SHORT, "x" * 501)


NUMERIC = {"kind": "numeric", "points": "3", "numeric_answer": "3.5", "tolerance": "0.1"}


@pytest.mark.parametrize(
    ("answer", "right"),
    [("3,5", True), ("3.45", True), ("3,6", True), ("3,61", False), (3.5, True), ("-3,5", False)],
)
def test_numeric_with_tolerance_reads_german_numbers(answer, right):
    outcome = score_answer(NUMERIC, normalise_answer(NUMERIC, answer))
    assert outcome.is_correct is right
    assert outcome.points == (Decimal("3.00") if right else Decimal("0.00"))


@pytest.mark.parametrize("text", ["drei", "3,5,1", "1e5", "NaN", "Infinity", "--1", "1" * 50])
def test_not_a_number_is_refused_with_an_example(text):
    with pytest.raises(AnswerError, match=message("Please enter a number, e.g. 3,5.")):
        parse_number(text)


@pytest.mark.parametrize(
    ("typed", "stored"), [("100", "100"), ("3,50", "3.5"), ("0,0", "0"), ("1.000,25", "1000.25")]
)
def test_numbers_are_stored_in_plain_notation(typed, stored):
    assert normalise_answer(NUMERIC, typed) == stored


@pytest.mark.parametrize(
    "typed", ["123456789012345678901234567890", "0,12345678901234567890123456789"]
)
def test_more_digits_than_can_be_kept_are_refused_not_rounded(typed):
    """Before: 30 digits were stored and scored as a rounded number ("…567900")."""
    with pytest.raises(AnswerError, match="höchstens 28 Ziffern"):
        normalise_answer(NUMERIC, typed)


def test_long_numbers_within_the_limit_are_kept_exactly():
    typed = "1234567890123456789012345678"  # 28 digits
    assert normalise_answer(NUMERIC, typed) == typed
    assert normalise_answer(NUMERIC, "1" + "0" * 35) == "1" + "0" * 35


def test_german_thousands_separator():
    assert parse_number("1.234,5") == Decimal("1234.5")
    assert parse_number(" 7 ") == Decimal("7")


def test_essay_needs_marking_unless_left_empty():
    essay = {"kind": "essay", "points": "5"}
    outcome = score_answer(essay, normalise_answer(essay, "Meine Antwort"))
    assert outcome.needs_marking and outcome.points is None
    empty = score_answer(essay, normalise_answer(essay, "   "))
    assert not empty.needs_marking and empty.points == Decimal("0.00")


@given(st.decimals(min_value=0, max_value=1000, places=2), POINTS)
def test_percent_is_rounded_to_cents(score, maximum):
    value = percent_of(score, maximum)
    assert value == value.quantize(Decimal("0.01"))
