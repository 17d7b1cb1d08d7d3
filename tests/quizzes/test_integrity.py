"""Integrity proof: nothing that gives an answer away reaches the browser before submission.

A full attempt runs through the Django test client like a learner without JavaScript plus the
autosave requests quiz.js makes: start, every question page, an autosave JSON response and a
"Weiter" post per question, the confirmation page, submission and the result. Every response
body is scanned for unique markers planted in the accepted answers, the correct number, the
tolerance and the explanations, and for feedback markup and answer-key JSON fields. Which
choice is correct is proven invisible differently (its text is an option, so it is shown):
two learners answer the same quiz, once with choice A correct and once with choice C correct,
and every page they get is byte-identical after removing per-request tokens.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Attempt, FeedbackMode, Navigation, QuestionKind
from tests.factories import UserFactory

from .factories import ChoiceFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

EXPLANATION = "ERKLAERUNG-MARKER"
ACCEPTED = "AKZEPTIERT-MARKER"
SECRET_MARKERS = (
    EXPLANATION,
    ACCEPTED,
    "987654",  # the correct number 987654.3210, in any notation
    "987.654",
    "0321",  # the tolerance 0.0321
)
# Markup and JSON keys that only feedback uses.
FEEDBACK_MARKERS = (
    'class="feedback',
    "is_correct",
    "correct_choice",
    "accepted_answers",
    "numeric_answer",
    "explanation",
    "tolerance",
)


@pytest.fixture(autouse=True)
def _any_learner_may(settings):
    settings.QUIZZES_ACCESS_POLICY = "quizzes.access.QuizAccessPolicy"


def marked_quiz(**settings):
    """One question of every kind, the secrets carrying markers."""
    quiz = QuizFactory(pass_mark=50, **settings)
    for number, kind in enumerate(QuestionKind.values):
        question = QuestionFactory(
            quiz=quiz,
            kind=kind,
            text=f"<p>Frage {number} ({kind})</p>",
            explanation=f"<p>{EXPLANATION}-{number}</p>",
            accepted_answers=f"{ACCEPTED}-{number}\nZweite {ACCEPTED}"
            if kind == "short_text"
            else "",
            numeric_answer=Decimal("987654.3210") if kind == "numeric" else None,
            tolerance=Decimal("0.0321") if kind == "numeric" else Decimal("0"),
        )
        if kind == "true_false":
            ChoiceFactory(question=question, text="Wahr", is_correct=True)
            ChoiceFactory(question=question, text="Falsch", is_correct=False)
        elif kind in ("single", "multiple"):
            for index, letter in enumerate("ABC"):
                ChoiceFactory(question=question, text=f"Option {letter}", is_correct=index == 0)
    return quiz


def answer_for(question):
    """A plausible answer (never the correct one: nothing may be learnt from it either)."""
    if question["kind"] in ("single", "true_false", "multiple"):
        return [str(question["choices"][-1]["id"])]
    if question["kind"] == "numeric":
        return ["12,5"]
    return ["Meine Antwort"]


def run_attempt(client, quiz):
    """Every response of a full attempt up to (not including) submission, and the attempt."""
    bodies = []

    def keep(response, status=None):
        if status is None:
            assert response.status_code < 400, (response.status_code, response.content[:300])
        else:
            assert response.status_code == status
        bodies.append(response.content.decode())
        return response

    keep(client.get(reverse("quizzes:start", args=[quiz.pk])))
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    keep(response)
    attempt = Attempt.objects.get(quiz=quiz, user=response.wsgi_request.user)
    total = len(attempt.questions)
    one_per_page = attempt.navigation == Navigation.ONE_PER_PAGE
    take = reverse("quizzes:take", args=[attempt.public_id])
    for number, question in enumerate(attempt.questions, start=1):
        page = (
            reverse("quizzes:question", args=[attempt.public_id, number]) if one_per_page else take
        )
        keep(client.get(page))
        answer = {f"answer-{number - 1}": answer_for(question)}
        # A refused answer re-renders the form (400): that page must not leak either.
        bad = {f"answer-{number - 1}": ["999999999", "x"], "action": "save"}
        keep(client.post(page, bad), status=400)
        if attempt.feedback_mode != FeedbackMode.EACH:
            save = reverse("quizzes:save", args=[attempt.public_id, number])
            keep(client.post(save, answer, HTTP_ACCEPT="application/json"))
        if one_per_page:
            action = "next" if number < total else "review"
            keep(client.post(page, {**answer, "action": action}, follow=True))
    if not one_per_page:
        keep(client.post(take, {"action": "review"}, follow=True))
    keep(client.get(reverse("quizzes:confirm", args=[attempt.public_id])))
    keep(client.get(reverse("quizzes:mine")))
    return attempt, bodies


def submit(client, attempt):
    response = client.post(reverse("quizzes:submit", args=[attempt.public_id]), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def found(body, markers):
    # Without UUIDs and CSRF tokens, in which digits like "0321" could occur by chance.
    body = normalised(body)
    return [marker for marker in markers if marker in body]


@pytest.mark.parametrize(
    "quiz_settings",
    [
        {"feedback_mode": FeedbackMode.AFTER},
        {"feedback_mode": FeedbackMode.SCORE},
        {"feedback_mode": FeedbackMode.AFTER, "navigation": Navigation.ALL_ON_ONE_PAGE},
    ],
)
def test_no_answer_or_explanation_reaches_the_browser_before_submission(client, quiz_settings):
    client.force_login(UserFactory())
    attempt, bodies = run_attempt(client, marked_quiz(**quiz_settings))
    assert len(bodies) >= 10
    for body in bodies:
        assert found(body, SECRET_MARKERS + FEEDBACK_MARKERS) == [], body[:2000]
    result = submit(client, attempt)
    if quiz_settings["feedback_mode"] == FeedbackMode.SCORE:
        # Score only: the result shows the score, never an answer or explanation.
        assert found(result, SECRET_MARKERS + FEEDBACK_MARKERS) == []
        assert "result-score" in result or "feedback--pending" not in result
    else:
        assert f"{EXPLANATION}-0" in result and f"{ACCEPTED}-4" in result
        assert "987654,321<" in result or "987654,321 " in result  # German, no trailing 0


def test_feedback_after_each_question_reveals_only_the_answered_question(client):
    client.force_login(UserFactory())
    quiz = marked_quiz(feedback_mode=FeedbackMode.EACH)
    attempt, bodies = run_attempt(client, quiz)
    # Bodies: 0 start page, 1 first question (after starting), then per question n (from 0)
    # 3n+2 its page, 3n+3 the refused bad answer (400), 3n+4 the next page after "Weiter".
    # So before body i the questions 0 … (i-1)//3 - 1 were answered; only their
    # explanations may show.
    for index, body in enumerate(bodies):
        answered = max(0, (index - 1) // 3)
        shown = {int(number) for number in re.findall(rf"{EXPLANATION}-(\d+)", body)}
        assert shown <= set(range(answered)), (index, shown)
    answers_page = bodies[3 * 1 + 2]  # question 1's page, question 0 answered
    assert "Frage 1 (" in answers_page
    assert found(answers_page, (f"{EXPLANATION}-1", ACCEPTED, "987654")) == []
    assert found(bodies[2], SECRET_MARKERS + FEEDBACK_MARKERS) == []
    # Going back to question 0 now shows its feedback (the mode allows it, the answer is final).
    back = client.get(reverse("quizzes:question", args=[attempt.public_id, 1])).content.decode()
    assert f"{EXPLANATION}-0" in back and "feedback--wrong" in back


def normalised(body):
    body = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", body)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body)
    return re.sub(r"\d\d:\d\d", "HH:MM", body)


def test_which_choice_is_correct_does_not_change_a_single_byte_before_submission(client):
    quiz = marked_quiz(feedback_mode=FeedbackMode.AFTER)
    client.force_login(UserFactory())
    _, first = run_attempt(client, quiz)
    for question in quiz.questions.filter(kind__in=["single", "multiple", "true_false"]):
        choices = list(question.choices.order_by("sort_order"))
        for choice in choices:
            choice.is_correct = choice is choices[-1]
            choice.save()
    client.force_login(UserFactory())
    _, second = run_attempt(client, quiz)
    assert len(first) == len(second)
    for one, other in zip(first, second, strict=True):
        assert normalised(one) == normalised(other)
