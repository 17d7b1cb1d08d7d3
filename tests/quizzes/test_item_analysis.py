"""Item analysis (issue #15, item 7): facility, discrimination, distractors and flags for a
hand-built set of attempts whose figures were computed by hand (see ``quiz`` below)."""

import csv
import io
import math

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from quizzes import item_analysis, services
from quizzes.item_analysis import Flag, correlation
from quizzes.scoring import choice_value
from tests.factories import UserFactory

from .factories import ChoiceFactory, QuestionFactory, QuizFactory
from .test_admin import learner, trainer

pytestmark = pytest.mark.django_db

# Six 1-point single-choice questions; per question the choice texts, the first one correct.
CHOICES = [
    ("A richtig", "B falsch", "C falsch"),
    ("D richtig", "E falsch"),
    ("F richtig", "G falsch"),
    ("Richtig", "Falsch"),
    ("H richtig", "I falsch"),
    ("J richtig", "K falsch"),
]
# What five learners ticked (None = not answered). Scores: 4, 3, 3, 2, 2 of 6.
PLANS = [
    ("A richtig", "D richtig", "F richtig", "Falsch", "H richtig", "K falsch"),
    ("A richtig", "D richtig", "G falsch", "Falsch", "H richtig", "K falsch"),
    ("B falsch", "D richtig", "F richtig", "Falsch", "H richtig", "K falsch"),
    ("C falsch", "E falsch", "G falsch", "Richtig", "H richtig", "K falsch"),
    (None, "E falsch", "F richtig", "Falsch", "H richtig", "K falsch"),
]


def answer(question, text):
    return [choice_value(c) for c in question["choices"] if c["text"] == text]


@pytest.fixture
def quiz():
    quiz = QuizFactory(title="Netzwerke im Kinderschutz", pass_mark=50, shuffle_choices=False)
    for number, texts in enumerate(CHOICES, start=1):
        question = QuestionFactory(quiz=quiz, text=f"<p>Frage {number}</p>")
        for index, text in enumerate(texts):
            ChoiceFactory(question=question, text=text, is_correct=index == 0)
    for plan in PLANS:
        attempt = services.attempt_start(quiz=quiz, user=UserFactory())
        answers = {
            p: answer(q, text)
            for p, (q, text) in enumerate(zip(attempt.questions, plan, strict=True))
            if text is not None
        }
        services.attempt_save_answers(attempt=attempt, answers=answers)
        services.attempt_submit(attempt=attempt)
    # An open attempt, all right: not counted (its score is not final).
    attempt = services.attempt_start(quiz=quiz, user=UserFactory())
    services.attempt_save_answers(
        attempt=attempt,
        answers={p: answer(q, CHOICES[p][0]) for p, q in enumerate(attempt.questions)},
    )
    return quiz


def test_correlation_by_hand():
    assert correlation([1, 0], [2, 0]) == pytest.approx(1.0)
    assert correlation([1, 1], [2, 0]) is None  # everybody right: undefined
    assert correlation([1], [1]) is None


def test_facility_and_discrimination_match_the_figures_computed_by_hand(quiz):
    rows = item_analysis.analyse(quiz)
    assert [row["asked"] for row in rows] == [5] * 6
    assert [row["facility"] for row in rows] == pytest.approx([0.4, 0.6, 0.6, 0.2, 1.0, 0.0])
    # Rest scores (attempt points minus the question's own): question 1: 3, 2, 3, 2, 2 against
    # right 1, 1, 0, 0, 0 -> sxy 0.2, sxx 1.2, syy 1.2 -> r = 0.2 / 1.2.
    r = [row["discrimination"] for row in rows]
    assert r[0] == pytest.approx(0.2 / 1.2)
    assert r[1] == pytest.approx(0.4 / math.sqrt(1.2 * 0.8))  # 0.41
    assert r[2] == pytest.approx(-0.6 / math.sqrt(1.2 * 2.8))  # -0.33
    assert r[3] == pytest.approx(-1.6 / math.sqrt(0.8 * 5.2))  # -0.78
    assert r[4] is None and r[5] is None  # all right / all wrong


def test_flags_hard_easy_and_negative_discrimination(quiz):
    flags = [row["flags"] for row in item_analysis.analyse(quiz)]
    # Question 4: facility exactly 0.2 is not "under 0.2"; its discrimination is negative.
    assert flags == [[], [], [Flag.NEGATIVE], [Flag.NEGATIVE], [Flag.EASY], [Flag.HARD]]


def test_distractors_count_each_choice_through_the_snapshot(quiz):
    first = item_analysis.analyse(quiz)[0]
    picked = {c["text"]: (c["picked"], c["share"]) for c in first["choices"]}
    assert picked == {"A richtig": (2, 0.4), "B falsch": (1, 0.2), "C falsch": (1, 0.2)}
    assert first["unanswered"] == 1


def test_a_choice_deleted_since_is_still_listed_as_it_was_asked(quiz):
    question = quiz.questions.order_by("sort_order").first()
    question.choices.get(text="B falsch").delete()
    texts = [c["text"] for c in item_analysis.analyse(quiz)[0]["choices"]]
    assert texts == ["A richtig", "B falsch", "C falsch"]


def test_the_analysis_needs_a_fixed_number_of_queries(quiz, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        item_analysis.analyse(quiz)


def test_trainer_sees_the_page_with_flags_and_german_numbers(client, quiz):
    client.force_login(trainer())
    url = reverse("quizzes_admin:item_analysis", args=[quiz.pk])
    html = client.get(url).content.decode()
    assert "Aufgabenanalyse: Netzwerke im Kinderschutz" in html
    assert '<span data-stat="discrimination">-0,78</span>' in html
    assert '<span data-stat="facility">40 %</span>' in html
    assert "negative Trennschärfe" in html
    assert html.count('data-flags="negative"') == 2
    statistics = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
    assert url in statistics.content.decode()


def test_csv_export_is_german_with_one_row_per_choice(client, quiz):
    client.force_login(trainer())
    url = reverse("quizzes_admin:item_analysis", args=[quiz.pk])
    response = client.get(url, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:7] == [
        "Nr.",
        "Frage",
        "Fragetyp",
        "Gestellt",
        "Schwierigkeit (% richtig)",
        "Trennschärfe (r)",
        "Hinweise",
    ]
    assert len(rows) == 1 + 3 + 2 * 5  # heading, question 1 with three choices, five with two
    first = rows[1]
    assert first[:6] == ["1", "Frage 1", "Einfachauswahl", "5", "40,0", "0,17"]
    assert first[7:] == ["A richtig", "Ja", "2", "40,0"]
    assert [rows[8][0], rows[8][5], rows[8][7]] == ["4", "-0,78", "Richtig"]  # a number, not text


def test_xlsx_export_opens_with_numbers_as_numbers(client, quiz):
    client.force_login(trainer())
    url = reverse("quizzes_admin:item_analysis", args=[quiz.pk])
    response = client.get(url, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = [cell.value for cell in sheet[2]]
    assert values[0] == 1 and float(values[4]) == 40.0 and float(values[5]) == 0.17


def test_people_without_the_statistics_permission_are_refused(client, quiz):
    client.force_login(learner())
    url = reverse("quizzes_admin:item_analysis", args=[quiz.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.get(url, {"export": "csv"}).status_code in (302, 403)
