"""What learners type into numeric, short-text and essay questions (lms.inputs at work).

Each observed fault is a test here: NaN/Infinity was a 500, "10.000" was silently 10,
"1,000.00" was 1, "−3" was refused, NUL was a 500 on PostgreSQL, decomposed "Mädchen"
scored 0. The message always comes at the question, with a 400, and nothing is saved.
"""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Navigation, QuestionKind
from tests.factories import UserFactory

from .factories import QuizFactory, add_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _any_learner_may(settings):
    settings.QUIZZES_ACCESS_POLICY = "quizzes.access.QuizAccessPolicy"


@pytest.fixture
def learner_client(client):
    learner = UserFactory()
    client.force_login(learner)
    client.learner = learner
    return client


def attempt_with(client, kind, **question):
    quiz = QuizFactory()
    add_question(quiz, kind, **question)
    return services.attempt_start(quiz=quiz, user=client.learner)


def post_everywhere(client, attempt, value):
    """The three ways an answer arrives: question page, autosave (JSON), no-JS autosave."""
    key = attempt.public_id
    page = client.post(
        reverse("quizzes:question", args=[key, 1]), {"answer-0": value, "action": "save"}
    )
    save = reverse("quizzes:save", args=[key, 1])
    autosave = client.post(save, {"answer-0": value}, HTTP_ACCEPT="application/json")
    plain = client.post(save, {"answer-0": value})
    return page, autosave, plain


def saved(attempt):
    return attempt.responses.get(position=0).answer


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "-inf", "nan"])
def test_not_a_number_is_a_400_with_the_message_at_the_question(learner_client, typed):
    attempt = attempt_with(learner_client, QuestionKind.NUMERIC)
    page, autosave, plain = post_everywhere(learner_client, attempt, typed)
    assert page.status_code == autosave.status_code == plain.status_code == 400
    body = page.content.decode()
    assert "Bitte geben Sie eine Zahl ein, z. B. 3,5." in body
    assert f'value="{typed}"' in body  # shown again as typed, to be corrected
    assert json.loads(autosave.content)["error"] == "Bitte geben Sie eine Zahl ein, z. B. 3,5."
    assert saved(attempt) is None


@pytest.mark.parametrize(("typed", "readings"), [("10.000", "10000"), ("1.000", "1000")])
def test_an_ambiguous_number_is_refused_and_says_what_to_type(learner_client, typed, readings):
    attempt = attempt_with(learner_client, QuestionKind.NUMERIC, numeric_answer=Decimal(readings))
    page, autosave, _plain = post_everywhere(learner_client, attempt, typed)
    assert page.status_code == autosave.status_code == 400
    message = json.loads(autosave.content)["error"]
    assert "nicht eindeutig" in message and readings in message
    assert "nicht eindeutig" in page.content.decode()
    assert saved(attempt) is None


@pytest.mark.parametrize(
    ("typed", "stored", "expected"),
    [
        ("1,000.00", "1000", "1000"),
        ("1.000,00", "1000", "1000"),
        ("10\u202f000", "10000", "10000"),
        ("\u22123", "-3", "-3"),  # minus sign
        ("\u20133", "-3", "-3"),  # en dash
        ("0,5", "0.5", "0.5"),
    ],
)
def test_numbers_with_one_meaning_are_saved_and_scored(learner_client, typed, stored, expected):
    attempt = attempt_with(
        learner_client, QuestionKind.NUMERIC, numeric_answer=Decimal(expected), tolerance=0
    )
    _page, autosave, _plain = post_everywhere(learner_client, attempt, typed)
    assert autosave.status_code == 200, autosave.content
    assert saved(attempt) == stored
    services.attempt_submit(attempt=attempt)
    assert attempt.responses.get().is_correct is True


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        (QuestionKind.SHORT_TEXT, "SGB\x00VIII"),
        (QuestionKind.ESSAY, "Meine Antwort\x00"),
        (QuestionKind.ESSAY, "Escape \x1b[31m"),
        (QuestionKind.SHORT_TEXT, "SGB\nVIII"),  # a line break cannot come from a one-line box
    ],
)
def test_control_characters_are_refused_at_the_question(learner_client, kind, typed):
    attempt = attempt_with(learner_client, kind)
    page, autosave, plain = post_everywhere(learner_client, attempt, typed)
    assert page.status_code == autosave.status_code == plain.status_code == 400
    assert "Steuerzeichen" in json.loads(autosave.content)["error"]
    assert "Steuerzeichen" in page.content.decode()
    assert saved(attempt) is None


def test_an_essay_keeps_its_line_breaks(learner_client):
    attempt = attempt_with(learner_client, QuestionKind.ESSAY)
    _page, autosave, _plain = post_everywhere(learner_client, attempt, "Erstens.\r\n\tZweitens.")
    assert autosave.status_code == 200
    assert saved(attempt) == "Erstens.\r\n\tZweitens."


def test_nul_on_the_all_on_one_page_form_is_refused_too(learner_client):
    quiz = QuizFactory(navigation=Navigation.ALL_ON_ONE_PAGE)
    add_question(quiz, QuestionKind.SHORT_TEXT)
    add_question(quiz, QuestionKind.NUMERIC)
    attempt = services.attempt_start(quiz=quiz, user=learner_client.learner)
    take = reverse("quizzes:take", args=[attempt.public_id])
    response = learner_client.post(take, {"answer-0": "a\x00b", "answer-1": "NaN"})
    assert response.status_code == 400
    assert not attempt.responses.exclude(answer=None).exists()


@pytest.mark.parametrize(
    ("accepted", "typed"),
    [
        ("Mädchen", "Ma\u0308dchen"),  # learner pasted decomposed text (macOS, PDF)
        ("Ma\u0308dchen", "Mädchen"),  # the trainer's accepted answer is the decomposed one
        ("Straße", "STRASSE"),
        ("Jugendamt", "  jugendamt "),
    ],
)
def test_short_answers_match_however_the_same_word_is_encoded(learner_client, accepted, typed):
    attempt = attempt_with(learner_client, QuestionKind.SHORT_TEXT, accepted_answers=accepted)
    _page, autosave, _plain = post_everywhere(learner_client, attempt, typed)
    assert autosave.status_code == 200
    services.attempt_submit(attempt=attempt)
    response = attempt.responses.get()
    assert response.is_correct is True and response.points == Decimal("1.00")
