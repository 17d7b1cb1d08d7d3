"""Answer reveal policy (issue #15, item 6): the correct answers and explanations reach the
browser only when the quiz's policy allows it, asserted on the HTML the learner receives."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Revision

from quizzes import services
from quizzes.models import AnswerReveal, Attempt, FeedbackMode, Navigation, QuestionKind, Quiz
from tests.factories import UserFactory

from .factories import ChoiceFactory, QuestionFactory, QuizFactory, correct_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _any_learner_may(settings):
    # The engine's default policy: these tests are about what the pages show, not enrolment.
    settings.QUIZZES_ACCESS_POLICY = "quizzes.access.QuizAccessPolicy"


RIGHT_CHOICE = "Das Jugendamt nach § 8a SGB VIII"
ACCEPTED = "Schutzauftrag-Geheimwort"
EXPLANATION = "Erklärung-nur-nach-Freigabe"
# Everything that would give the answers away (the wrong choice text may always show).
SECRETS = (RIGHT_CHOICE, ACCEPTED, EXPLANATION)


def two_question_quiz(**fields):
    """Question 1 (single choice) is answered correctly, question 2 (short text) wrongly, so
    pass mark 50 passes and 100 fails. Only question 2's answers are secret."""
    fields.setdefault("feedback_mode", FeedbackMode.AFTER)
    quiz = QuizFactory(title="Kinderschutz", **fields)
    first = QuestionFactory(quiz=quiz, text="<p>Wer bewilligt Bürgergeld?</p>", explanation="")
    ChoiceFactory(question=first, text="Das Jobcenter", is_correct=True)
    ChoiceFactory(question=first, text="Die Familienkasse")
    second = QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.SINGLE,
        text="<p>Wer handelt bei Kindeswohlgefährdung?</p>",
        explanation=f"<p>{EXPLANATION}</p>",
    )
    ChoiceFactory(question=second, text=RIGHT_CHOICE, is_correct=True)
    ChoiceFactory(question=second, text="Die Bundesagentur für Arbeit")
    third = QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.SHORT_TEXT,
        text="<p>Wie heißt der Auftrag?</p>",
        points=Decimal("0.5"),
        accepted_answers=ACCEPTED,
        explanation="",
    )
    assert third.pk
    return quiz


def take(client, quiz, user):
    """One attempt: question 1 right, questions 2 and 3 wrong; returns the result page HTML."""
    attempt = services.attempt_start(quiz=quiz, user=user)
    questions = attempt.questions
    services.attempt_save_answers(
        attempt=attempt,
        answers={
            0: correct_answer(questions[0]),
            1: wrong_answer(questions[1]),
            2: wrong_answer(questions[2]),
        },
    )
    services.attempt_submit(attempt=attempt)
    response = client.get(reverse("quizzes:result", args=[attempt.public_id]))
    assert response.status_code == 200
    return Attempt.objects.get(pk=attempt.pk), response.content.decode()


def leaked(html):
    return [secret for secret in SECRETS if secret in html]


# 1 + 0 + 0 of 2.5 points = 40 %: pass mark 40 passes, 60 fails.
@pytest.mark.parametrize(
    ("policy", "pass_mark", "revealed"),
    [
        (AnswerReveal.NEVER, 60, False),
        (AnswerReveal.NEVER, 40, False),
        (AnswerReveal.EACH_ATTEMPT, 60, True),
        (AnswerReveal.EACH_ATTEMPT, 40, True),
        (AnswerReveal.PASSED, 60, False),
        (AnswerReveal.PASSED, 40, True),
    ],
)
def test_result_page_shows_the_answers_only_as_the_policy_allows(
    client, policy, pass_mark, revealed
):
    user = UserFactory()
    client.force_login(user)
    attempt, html = take(client, two_question_quiz(answer_reveal=policy, pass_mark=pass_mark), user)
    assert attempt.passed == (pass_mark == 40)
    # The learner always sees whether an answer was right (feedback "after submission").
    assert "Nicht richtig." in html
    if revealed:
        assert leaked(html) == list(SECRETS)
        assert 'id="answers-hidden-note"' not in html
    else:
        assert leaked(html) == []
        assert 'id="answers-hidden-note"' in html


def test_after_the_last_attempt_reveals_only_on_the_last_allowed_attempt(client):
    user = UserFactory()
    client.force_login(user)
    quiz = two_question_quiz(answer_reveal=AnswerReveal.LAST_ATTEMPT, max_attempts=2)
    first, first_html = take(client, quiz, user)
    assert leaked(first_html) == []
    assert "nach Ihrem letzten möglichen Versuch" in first_html
    second, second_html = take(client, quiz, user)
    assert second.number == 2
    assert leaked(second_html) == list(SECRETS)
    # The first result page stays as it was: the policy was frozen per attempt.
    again = client.get(reverse("quizzes:result", args=[first.public_id])).content.decode()
    assert leaked(again) == []


def test_the_policy_in_force_at_start_applies_even_if_the_trainer_changes_it(client):
    user = UserFactory()
    client.force_login(user)
    quiz = two_question_quiz(answer_reveal=AnswerReveal.NEVER)
    attempt = services.attempt_start(quiz=quiz, user=user)
    Quiz.objects.filter(pk=quiz.pk).update(answer_reveal=AnswerReveal.EACH_ATTEMPT)
    services.attempt_submit(attempt=attempt)
    html = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert leaked(html) == []


@pytest.mark.parametrize(
    ("policy", "revealed"), [(AnswerReveal.PASSED, False), (AnswerReveal.EACH_ATTEMPT, True)]
)
def test_feedback_after_each_question_shows_the_answer_only_if_each_attempt_allows_it(
    client, policy, revealed
):
    user = UserFactory()
    client.force_login(user)
    quiz = two_question_quiz(
        answer_reveal=policy, feedback_mode=FeedbackMode.EACH, navigation=Navigation.ONE_PER_PAGE
    )
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_answer(
        attempt=attempt, question=1, answer=wrong_answer(attempt.questions[1])
    )
    page = client.get(reverse("quizzes:question", args=[attempt.public_id, 2]))
    html = page.content.decode()
    # All choices are on the question page anyway; which one is right is the secret. With
    # two choices, "Nicht richtig." alone would tell it: withheld until the answers are.
    assert ("Nicht richtig." in html) == revealed
    assert ("Ob sie richtig war" in html) == (not revealed)
    secrets = [s for s in ("Richtige Antwort:", EXPLANATION) if s in html]
    assert secrets == (["Richtige Antwort:", EXPLANATION] if revealed else [])


@pytest.mark.parametrize("kind", [QuestionKind.TRUE_FALSE, QuestionKind.SINGLE])
def test_a_verdict_that_tells_the_answer_is_withheld_with_the_answers(client, kind):
    """Tester's finding: with the answers withheld, "Nicht richtig." on a true-or-false
    question (or a choice of two) said which one was right."""
    user = UserFactory()
    client.force_login(user)
    quiz = QuizFactory(title="Wahr oder falsch", answer_reveal=AnswerReveal.NEVER)
    question = QuestionFactory(quiz=quiz, kind=kind, text="<p>Das Jobcenter zahlt Kindergeld.</p>")
    ChoiceFactory(question=question, text="Richtig")
    ChoiceFactory(question=question, text="Falsch", is_correct=True)
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_answers(attempt=attempt, answers={0: wrong_answer(attempt.questions[0])})
    services.attempt_submit(attempt=attempt)
    html = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert "Nicht richtig." not in html and "Richtig." not in html.replace("Nicht richtig.", "")
    assert "Ob sie richtig war, sehen Sie" in html
    assert "0 von 1 Punkten" in html  # the total score stays: it is the result


def test_migration_keeps_todays_behaviour_for_existing_quizzes_attempts_and_drafts():
    """The data migration maps feedback "score" to never and "each"/"after" to each attempt."""
    from importlib import import_module

    migration = import_module("quizzes.migrations.0004_answer_reveal_policy")
    user = UserFactory()
    score = two_question_quiz(feedback_mode=FeedbackMode.SCORE, max_attempts=3)
    after = two_question_quiz(feedback_mode=FeedbackMode.AFTER)
    attempt = services.attempt_start(quiz=score, user=user)
    after.save_revision()  # a draft that lacks the new field, as drafts saved before it do
    revision = Revision.objects.filter(object_id=str(after.pk)).latest("pk")
    del revision.content["answer_reveal"]
    revision.save()
    # As the schema migration leaves them: every row at the new default.
    Quiz.objects.update(answer_reveal=AnswerReveal.PASSED)
    Attempt.objects.update(answer_reveal=AnswerReveal.PASSED, attempts_allowed=0)
    migration.keep_todays_behaviour(apps, None)
    score.refresh_from_db()
    after.refresh_from_db()
    attempt.refresh_from_db()
    revision.refresh_from_db()
    assert score.answer_reveal == AnswerReveal.NEVER
    assert after.answer_reveal == AnswerReveal.EACH_ATTEMPT
    assert (attempt.answer_reveal, attempt.attempts_allowed) == (AnswerReveal.NEVER, 3)
    assert revision.content["answer_reveal"] == AnswerReveal.EACH_ATTEMPT


def test_last_attempt_needs_a_maximum_of_attempts():
    from django.core.exceptions import ValidationError

    quiz = Quiz(title="Ohne Grenze", answer_reveal=AnswerReveal.LAST_ATTEMPT, max_attempts=0)
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "answer_reveal" in error.value.message_dict
