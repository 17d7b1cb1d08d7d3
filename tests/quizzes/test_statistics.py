"""Statistics per quiz: the figures for a hand-built set of attempts, and fixed query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services, statistics
from quizzes.models import AttemptStatus, QuestionKind

from .factories import correct_answer, make_quiz, wrong_answer
from .test_admin import learner, trainer

pytestmark = pytest.mark.django_db

KINDS = (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.SHORT_TEXT)


def take(quiz, plan, *, submit=True):
    """One attempt by a new learner; ``plan[i]`` is "right", "wrong" or None (no answer) for
    the quiz's i-th question (authored order, no shuffling)."""
    attempt = services.attempt_start(quiz=quiz, user=learner())
    for position, (question, how) in enumerate(zip(attempt.questions, plan, strict=True)):
        if how is not None:
            answer = correct_answer(question) if how == "right" else wrong_answer(question)
            services.attempt_save_answer(attempt=attempt, question=position, answer=answer)
    return services.attempt_submit(attempt=attempt) if submit else attempt


@pytest.fixture
def quiz():
    """Three 1-point questions, pass mark 60 %, and four learners:

    A: right, right, right   -> 100 %, passed
    B: right, wrong, wrong   -> 33.33 %, failed
    C: wrong, wrong, —       -> 0 %, failed
    D: right, right, (open, not submitted: not counted)
    """
    quiz = make_quiz(questions=3, kinds=KINDS)
    outcomes = [
        take(quiz, ["right", "right", "right"]),
        take(quiz, ["right", "wrong", "wrong"]),
        take(quiz, ["wrong", "wrong", None]),
    ]
    assert [a.status for a in outcomes] == [
        AttemptStatus.PASSED,
        AttemptStatus.FAILED,
        AttemptStatus.FAILED,
    ]
    take(quiz, ["right", "right", None], submit=False)
    return quiz


def test_summary_counts_submitted_attempts_only(quiz):
    summary = statistics.quiz_summary(quiz)
    assert summary["submitted"] == 3
    assert summary["people"] == 3
    assert (summary["passed"], summary["failed"], summary["pending"]) == (1, 2, 0)
    assert summary["pass_rate"] == Decimal("33.3")
    # (100 + 33.33 + 0) / 3
    assert summary["average_percent"] == Decimal("44.4")


def test_per_question_share_correct_answered_and_average_points(quiz):
    rows = statistics.question_rows(quiz)
    figures = [
        (row["asked"], row["answered"], row["correct_share"], row["average_points"]) for row in rows
    ]
    assert figures == [
        (3, 3, Decimal("66.7"), Decimal("0.67")),
        (3, 3, Decimal("33.3"), Decimal("0.33")),
        (3, 2, Decimal("33.3"), Decimal("0.33")),
    ]


def test_a_quiz_without_attempts_shows_dashes_not_errors(client):
    quiz = make_quiz(questions=2, title="Noch unbenutzt")
    summary = statistics.quiz_summary(quiz)
    assert summary["submitted"] == 0 and summary["pass_rate"] is None
    client.force_login(trainer())
    response = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
    assert response.status_code == 200
    assert "Noch unbenutzt" in response.content.decode()


def test_statistics_page_shows_the_figures(client, quiz):
    client.force_login(trainer())
    html = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk])).content.decode()
    assert '<td data-stat="submitted">3</td>' in html
    assert '<td data-stat="pass_rate">33,3 %</td>' in html
    assert '<td data-stat="correct_share">66,7 %</td>' in html


def _quiz_with_attempts(questions):
    quiz = make_quiz(questions=questions, kinds=KINDS)
    for plan in (["right"] * questions, ["wrong"] * questions):
        take(quiz, plan)
    return quiz


@pytest.mark.parametrize("questions", [3, 30])
def test_statistics_run_three_queries_whatever_the_number_of_questions(
    questions, django_assert_num_queries
):
    quiz = _quiz_with_attempts(questions)
    with django_assert_num_queries(3):
        statistics.quiz_summary(quiz)
        rows = statistics.question_rows(quiz)
    assert len(rows) == questions
    assert {row["asked"] for row in rows} == {2}


def test_statistics_page_queries_do_not_grow_with_questions(client):
    client.force_login(trainer())
    counts = []
    for questions in (3, 30):
        quiz = _quiz_with_attempts(questions)
        url = reverse("quizzes_admin:statistics", args=[quiz.pk])
        client.get(url)  # warm per-session caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_essays_waiting_for_marking_do_not_count_as_wrong():
    quiz = make_quiz(questions=2, kinds=(QuestionKind.SINGLE, QuestionKind.ESSAY))
    started = services.attempt_start(quiz=quiz, user=learner())
    services.attempt_save_answer(
        attempt=started, question=0, answer=correct_answer(started.questions[0])
    )
    services.attempt_save_answer(attempt=started, question=1, answer="Eine Begründung.")
    services.attempt_submit(attempt=started)
    summary = statistics.quiz_summary(quiz)
    assert (summary["submitted"], summary["pending"], summary["pass_rate"]) == (1, 1, None)
    choice_row, essay_row = statistics.question_rows(quiz)
    assert choice_row["correct_share"] == Decimal("100.0")
    assert (essay_row["waiting"], essay_row["correct_share"]) == (1, None)
    assert essay_row["average_points"] is None


def test_statistics_of_an_unknown_quiz_is_404(client):
    client.force_login(trainer())
    assert client.get(reverse("quizzes_admin:statistics", args=[999999])).status_code == 404
