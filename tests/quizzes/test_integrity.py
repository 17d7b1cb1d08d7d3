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

from quizzes.models import Attempt, Choice, FeedbackMode, Navigation, QuestionKind
from quizzes.scoring import choice_value
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
        return [choice_value(question["choices"][-1])]
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


# The value of every radio button and checkbox (other buttons, e.g. "go to question 1", may
# carry small numbers that equal a pk by chance on SQLite).
CHOICE_INPUT_VALUE = re.compile(r'<input type="(?:radio|checkbox)"[^>]*\svalue="([^"]*)"')


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
    quiz = marked_quiz(**quiz_settings)
    attempt, bodies = run_attempt(client, quiz)
    assert len(bodies) >= 10
    # Choice pks tell the authored order (correct first, as trainers tend to write them).
    pks = {
        str(pk) for pk in Choice.objects.filter(question__quiz=quiz).values_list("pk", flat=True)
    }
    for body in bodies:
        assert found(body, SECRET_MARKERS + FEEDBACK_MARKERS) == [], body[:2000]
        assert not pks & set(CHOICE_INPUT_VALUE.findall(body))
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
    # Choice values are random per attempt (that is the point); their order is not.
    body = re.sub(r'value="[A-Za-z0-9_-]{12}"', 'value="TOKEN"', body)
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


# --- what the choice values say ---------------------------------------------------------------

VALUE = re.compile(r'<input type="radio"\s+name="answer-(\d+)" id="[^"]*" value="([^"]*)"')


def choice_values(body):
    """``{position: [value, …]}`` in display order, as the browser gets them."""
    values = {}
    for position, value in VALUE.findall(body):
        values.setdefault(int(position), []).append(value)
    return values


def correct_entered_first_quiz(questions=16):
    """As in the demo: the trainer entered the correct choice first, every time."""
    quiz = QuizFactory(
        navigation=Navigation.ALL_ON_ONE_PAGE, feedback_mode=FeedbackMode.AFTER, pass_mark=50
    )
    for number in range(questions):
        question = QuestionFactory(quiz=quiz, text=f"<p>Frage {number}</p>")
        for index, letter in enumerate("ABC"):
            ChoiceFactory(question=question, text=f"Option {letter}", is_correct=index == 0)
    return quiz


def start_on_one_page(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert response.status_code == 200
    attempt = Attempt.objects.get(quiz=quiz, user=response.wsgi_request.user, status="open")
    return attempt, choice_values(response.content.decode())


def test_choice_values_say_nothing_about_order_or_correctness(client):
    quiz = correct_entered_first_quiz()
    choices = Choice.objects.filter(question__quiz=quiz)
    pks = {str(pk) for pk in choices.values_list("pk", flat=True)}
    client.force_login(UserFactory())
    attempt, values = start_on_one_page(client, quiz)
    assert len(values) == 16 and all(len(shown) == 3 for shown in values.values())
    assert not pks & {value for shown in values.values() for value in shown}  # no pks
    correct = {p: choice_value(q["choices"][0]) for p, q in enumerate(attempt.questions)}
    # The correct value is the smallest (or largest) about a third of the time, never in all
    # 16 questions (chance of that: 3**-16); with pks it was the smallest in all 16.
    smallest = sum(correct[p] == min(shown) for p, shown in values.items())
    largest = sum(correct[p] == max(shown) for p, shown in values.items())
    assert smallest < 16 and largest < 16
    # "Pick the smallest value" no longer passes the Lernkontrolle with full marks.
    take = reverse("quizzes:take", args=[attempt.public_id])
    smallest_answers = {f"answer-{p}": [min(shown)] for p, shown in values.items()}
    assert client.post(take, {**smallest_answers, "action": "save"}).status_code == 302
    client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    attempt.refresh_from_db()
    assert attempt.percent < 100


def test_values_of_another_attempt_or_pks_are_refused_and_save_nothing(client):
    quiz = correct_entered_first_quiz(questions=2)
    client.force_login(UserFactory())
    first, first_values = start_on_one_page(client, quiz)
    client.post(reverse("quizzes:submit", args=[first.public_id]))
    second, second_values = start_on_one_page(client, quiz)
    assert not set(first_values[0]) & set(second_values[0])  # fresh tokens per attempt
    stale = first_values[0][0]
    pk = str(Choice.objects.filter(question__quiz=quiz).first().pk)
    take = reverse("quizzes:take", args=[second.public_id])
    save = reverse("quizzes:save", args=[second.public_id, 1])
    for value in (stale, pk, "0", "1"):
        response = client.post(save, {"answer-0": [value]}, HTTP_ACCEPT="application/json")
        assert response.status_code == 400, value
        response = client.post(take, {"answer-0": [value], "action": "save"})
        assert response.status_code == 400, value
    assert not second.responses.exclude(answer=None).exists()


def test_attempts_frozen_before_tokens_keep_working_and_keep_their_results(client):
    """Snapshot version 1 (no tokens): the choice id stays its value, results unchanged."""
    quiz = correct_entered_first_quiz(questions=2)
    client.force_login(UserFactory())
    attempt, _values = start_on_one_page(client, quiz)
    for question in attempt.snapshot["questions"]:
        for choice in question["choices"]:
            del choice["token"]
    attempt.snapshot["version"] = 1
    attempt.save(update_fields=["snapshot"])
    body = client.get(reverse("quizzes:take", args=[attempt.public_id])).content.decode()
    legacy = choice_values(body)
    first_ids = [str(q["choices"][0]["id"]) for q in attempt.questions]
    assert [legacy[0][0], legacy[1][0]] == first_ids
    take = reverse("quizzes:take", args=[attempt.public_id])
    answers = {"answer-0": [first_ids[0]], "answer-1": [first_ids[1]], "action": "save"}
    assert client.post(take, answers).status_code == 302
    client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    attempt.refresh_from_db()
    assert attempt.percent == 100


def test_the_token_migration_gives_open_attempts_tokens_and_leaves_results_alone(client):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("quizzes.migrations.0003_quiz_choice_tokens")
    quiz = correct_entered_first_quiz(questions=2)
    client.force_login(UserFactory())
    submitted, _values = start_on_one_page(client, quiz)
    assert client.post(reverse("quizzes:submit", args=[submitted.public_id])).status_code == 302
    client.force_login(UserFactory())
    still_open, _values = start_on_one_page(client, quiz)
    for attempt in (submitted, still_open):
        attempt.refresh_from_db()
        for question in attempt.snapshot["questions"]:
            for choice in question["choices"]:
                del choice["token"]
        attempt.snapshot["version"] = 1
        attempt.save(update_fields=["snapshot"])
    submitted.refresh_from_db()
    assert submitted.status != "open"
    before = (submitted.snapshot, submitted.score, submitted.percent, submitted.status)

    migration.add_tokens(apps, None)

    submitted.refresh_from_db()
    assert (submitted.snapshot, submitted.score, submitted.percent, submitted.status) == before
    still_open.refresh_from_db()
    body = client.get(reverse("quizzes:take", args=[still_open.public_id])).content.decode()
    ids = {str(c["id"]) for q in still_open.questions for c in q["choices"]}
    shown = {value for values in choice_values(body).values() for value in values}
    assert len(shown) == 6 and not shown & ids
