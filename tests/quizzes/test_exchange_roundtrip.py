"""Export -> import gives the same questions: a property test over generated questions for
both formats, and the fixture files written and read again (quizzes.exchange)."""

import html
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.exchange import (
    ExchangeChoice,
    ExchangeGap,
    ExchangeImage,
    ExchangeQuestion,
    read_gift,
    read_moodle_xml,
    read_questions,
    write_gift,
    write_moodle_xml,
)
from quizzes.exchange.text import partial_credit_of

FIXTURES = Path(__file__).parent / "fixtures"
# Everything a German trainer types, GIFT's and HTML's special characters included; no
# backslash (GIFT has no escape for it) and single spaces (HTML collapses them anyway).
ALPHABET = "abcxyzÄÖÜäöüßé0189 :~=#{}%&<>\"'!?.,;()/*-"


def clean(text):
    return " ".join(text.split())


words = st.text(ALPHABET, min_size=1, max_size=30).map(clean).filter(bool)
safe_words = words.filter(lambda text: "->" not in text and "{" not in text and "}" not in text)
decimals = st.decimals(min_value=-9999, max_value=9999, places=4).map(lambda d: d.normalize())
points = st.decimals(min_value=Decimal("0.01"), max_value=999, places=2)
fractions = st.sampled_from([Decimal(v) for v in ("-100", "-50", "0", "25", "33.33333", "50")])
feedback = st.one_of(st.just(""), words)
categories = st.one_of(
    st.just(""),
    st.lists(
        st.text("abcÄü -", min_size=1, max_size=8).map(clean).filter(bool), min_size=1, max_size=3
    ).map("/".join),
).filter(lambda name: name != "top" and not name.startswith("top/"))


def html_text(text):
    return f"<p>{html.escape(text, quote=False)}</p>"


@st.composite
def choice_question(draw, kind):
    count = draw(st.integers(2, 5))
    choices = [ExchangeChoice(draw(words), draw(fractions), draw(feedback)) for _ in range(count)]
    choices[draw(st.integers(0, count - 1))].fraction = Decimal(100)
    question = ExchangeQuestion(kind=kind, text="", choices=choices)
    if kind == "multiple":
        question.partial_credit = partial_credit_of(choices)
    return question


@st.composite
def true_false(draw):
    is_true = draw(st.booleans())
    return ExchangeQuestion(
        kind="true_false",
        text="",
        choices=[
            ExchangeChoice(gettext("True"), Decimal(100 if is_true else 0), draw(feedback)),
            ExchangeChoice(gettext("False"), Decimal(0 if is_true else 100), draw(feedback)),
        ],
    )


@st.composite
def kind_specific(draw, kinds):
    kind = draw(st.sampled_from(kinds))
    if kind in ("single", "multiple"):
        return draw(choice_question(kind))
    if kind == "true_false":
        return draw(true_false())
    question = ExchangeQuestion(kind=kind, text="")
    if kind == "short_text":
        question.accepted_answers = draw(st.lists(safe_words, min_size=1, max_size=4))
    elif kind == "numeric":
        question.numeric_answer = draw(decimals)
        question.tolerance = abs(draw(decimals))
    elif kind == "matching":
        question.pairs = draw(st.lists(st.tuples(safe_words, safe_words), min_size=2, max_size=5))
    elif kind == "ordering":
        question.items = draw(st.lists(words, min_size=2, max_size=5))
    elif kind == "cloze":
        question.gaps = draw(st.lists(gap(), min_size=1, max_size=3))
    return question


@st.composite
def gap(draw):
    kind = draw(st.sampled_from(["short_text", "numeric", "select"]))
    count = 1 if kind == "numeric" else draw(st.integers(1, 3))
    values = safe_words if kind != "numeric" else decimals.map(str)
    answers = [
        ExchangeChoice(str(draw(values)), Decimal(draw(st.integers(0, 99))), draw(feedback))
        for _ in range(count)
    ]
    answers[0].fraction = Decimal(100)
    tolerance = abs(draw(decimals)) if kind == "numeric" else Decimal(0)
    return ExchangeGap(kind, answers, tolerance, Decimal(draw(st.integers(1, 5))))


@st.composite
def question(draw, kinds, with_images=False):
    question = draw(kind_specific(kinds))
    text = draw(safe_words if question.kind == "cloze" else words)
    question.text = html_text(text)
    if question.kind == "cloze":
        markers = " ".join(f"[[{n}]]" for n in range(1, len(question.gaps) + 1))
        question.text = f"<p>{html.escape(text, quote=False)} {markers}</p>"
    question.title = draw(st.one_of(st.just(""), words))
    question.points = draw(points)
    question.feedback = draw(st.one_of(st.just(""), words.map(html_text)))
    question.category = draw(categories)
    if with_images and draw(st.booleans()):
        alt = draw(st.text("abcäöü ", min_size=1, max_size=10).map(clean).filter(bool))
        question.images = [ExchangeImage("bild.png", draw(st.binary(min_size=1, max_size=64)), alt)]
        question.text += f'<p><img src="@@PLUGINFILE@@/bild.png" alt="{alt}"/></p>'
    return question


GIFT_KINDS = ["single", "multiple", "true_false", "short_text", "numeric", "essay", "matching"]
XML_KINDS = GIFT_KINDS + ["ordering", "cloze"]
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.lists(question(GIFT_KINDS), min_size=1, max_size=6))
def test_gift_round_trip(questions):
    result = read_gift(write_gift(questions))
    assert result.problems == []
    assert result.questions == questions


@PROPERTY
@given(st.lists(question(XML_KINDS, with_images=True), min_size=1, max_size=6))
def test_moodle_xml_round_trip(questions):
    result = read_moodle_xml(write_moodle_xml(questions).decode("utf-8"))
    assert result.problems == []
    assert result.questions == questions


def test_fixture_files_survive_a_round_trip():
    for name in ("alle_konstrukte.gift", "alle_typen.xml"):
        first = read_questions((FIXTURES / name).read_bytes(), name)
        again = read_questions(write_moodle_xml(first.questions))
        assert again.questions == first.questions
        expressible = [q for q in first.questions if q.kind not in ("ordering", "cloze")]
        for q in expressible:
            q.images = []  # GIFT cannot carry images
        gift = read_gift(write_gift(expressible)).questions
        assert [(q.kind, q.choices, q.points, q.category) for q in gift] == [
            (q.kind, q.choices, q.points, q.category) for q in expressible
        ]
