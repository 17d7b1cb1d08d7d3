import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from quizzes import services
from quizzes.models import (
    Attempt,
    AttemptStatus,
    FeedbackMode,
    Navigation,
    QuestionKind,
    Quiz,
)

from .factories import CategoryFactory, add_question, correct_answer, make_quiz, wrong_answer

pytestmark = pytest.mark.django_db

SECRET_KEYS = ("is_correct", "accepted_answers", "numeric_answer", "tolerance", "explanation")


def all_kinds_quiz(**fields):
    return make_quiz(questions=6, kinds=list(QuestionKind), **fields)


def test_quiz_validation_explains_impossible_settings():
    quiz = Quiz(title="Test", pass_mark=101)
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "pass_mark" in error.value.message_dict
    quiz = Quiz(
        title="Test",
        navigation=Navigation.ALL_ON_ONE_PAGE,
        feedback_mode=FeedbackMode.EACH,
        allow_back=False,
    )
    with pytest.raises(ValidationError) as error:
        quiz.clean()
    assert set(error.value.message_dict) == {"feedback_mode", "allow_back"}


def test_question_needs_alt_text_for_its_image_and_answers_for_its_kind():
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
    quiz = make_quiz(questions=0)
    question = add_question(quiz, QuestionKind.SHORT_TEXT, accepted_answers=" \n ")
    question.image = image
    question.kind = QuestionKind.SHORT_TEXT
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert set(error.value.message_dict) == {"image_alt", "accepted_answers"}
    numeric = add_question(quiz, QuestionKind.NUMERIC, numeric_answer=None)
    with pytest.raises(ValidationError) as error:
        numeric.clean()
    assert set(error.value.message_dict) == {"numeric_answer"}


def test_the_image_is_frozen_with_its_alt_text(learner):
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
    quiz = make_quiz(questions=0)
    add_question(quiz, image=image, image_alt="Ein Organigramm des Jugendamts")
    question = services.attempt_start(quiz=quiz, user=learner).questions_for_learner()[0]
    assert question["image_alt"] == "Ein Organigramm des Jugendamts"
    assert question["image_url"].startswith("/media/images/")


def test_one_open_attempt_per_person_and_quiz_is_a_database_constraint(learner):
    attempt = services.attempt_start(quiz=make_quiz(), user=learner)
    duplicate = Attempt(
        quiz=attempt.quiz,
        user=learner,
        number=2,
        started_at=attempt.started_at,
        max_score=1,
        title="x",
        pass_mark=50,
        feedback_mode="after",
        navigation="one_per_page",
        allow_back=True,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    services.attempt_submit(attempt=attempt)
    duplicate.number = 1
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    duplicate.number = 2
    duplicate.save()


def test_a_quiz_with_attempts_cannot_be_deleted(learner):
    quiz = make_quiz()
    services.attempt_start(quiz=quiz, user=learner)
    with pytest.raises(ProtectedError):
        quiz.delete()


def test_roles_find_their_permissions():
    codenames = set(
        Permission.objects.filter(content_type__app_label="quizzes").values_list(
            "codename", flat=True
        )
    )
    assert {"add_quiz", "change_quiz", "delete_quiz", "publish_quiz"} <= codenames
    assert {"mark_response", "view_attempt"} <= codenames


def test_publishing_a_revision_keeps_questions_and_choices():
    quiz = make_quiz(questions=2, live=False)
    quiz.title = "Kinderschutz – Lernkontrolle"
    revision = quiz.save_revision()
    revision.publish()
    quiz = Quiz.objects.get(pk=quiz.pk)
    assert quiz.live and quiz.title == "Kinderschutz – Lernkontrolle"
    assert quiz.questions.count() == 2 and quiz.revisions.count() == 1
    assert Quiz.objects.filter(_revisions__pk=revision.pk).get() == quiz
    assert quiz.get_preview_template(None, "") == "quizzes/preview.html"


# --- what the learner may see --------------------------------------------------------------------


def test_questions_for_learner_give_nothing_away(learner):
    attempt = services.attempt_start(quiz=all_kinds_quiz(), user=learner)
    shown = attempt.questions_for_learner()
    dumped = json.dumps(shown)
    for key in SECRET_KEYS:
        assert f'"{key}"' not in dumped
    assert "Weil es im Modul" not in dumped  # the explanation text
    assert "SGB VIII" not in dumped  # an accepted answer
    assert [q["position"] for q in shown] == list(range(6))
    assert [c["text"] for c in shown[1]["choices"]] == ["Wahr", "Falsch"]


@pytest.mark.parametrize("mode", [FeedbackMode.AFTER, FeedbackMode.SCORE])
def test_no_feedback_before_submission_unless_after_each_question(learner, mode):
    attempt = services.attempt_start(quiz=all_kinds_quiz(feedback_mode=mode), user=learner)
    question = attempt.questions[0]
    response = services.attempt_save_answer(
        attempt=attempt, question=0, answer=correct_answer(question)
    )
    assert attempt.feedback_for(0, response) is None
    assert attempt.result() is None and attempt.category_breakdown() == []
    services.attempt_submit(attempt=attempt)
    response.refresh_from_db()
    feedback = attempt.feedback_for(0, response)
    if mode == FeedbackMode.SCORE:
        assert feedback is None
        assert attempt.result()["status"] == AttemptStatus.FAILED
    else:
        assert feedback["is_correct"] is True
        assert feedback["explanation"] == "<p>Weil es im Modul so steht.</p>"
        assert feedback["correct_choice_values"] == correct_answer(question)


def test_feedback_after_each_question_only_for_answered_questions(learner):
    quiz = all_kinds_quiz(feedback_mode=FeedbackMode.EACH)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    responses = attempt.responses_by_position()
    assert attempt.feedback_for(0, responses[0]) is None
    saved = services.attempt_save_answer(
        attempt=attempt, question=3, answer="Eine Antwort mit Begründung."
    )
    feedback = attempt.feedback_for(3, saved)
    assert feedback["needs_marking"] is True and feedback["points"] is None
    assert attempt.feedback_for(4, responses[4]) is None


def test_result_and_category_breakdown(learner):
    law, practice = CategoryFactory(name="Recht"), CategoryFactory(name="Praxis")
    quiz = make_quiz(questions=0, pass_mark=50, success_text="<p>Gut gemacht!</p>")
    add_question(quiz, category=law, points=Decimal("2"))
    add_question(quiz, category=law)
    add_question(quiz, category=practice)
    add_question(quiz)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    pick = [correct_answer, wrong_answer, correct_answer, wrong_answer]
    for position, question in enumerate(attempt.questions):
        answer = pick[position](question)
        services.attempt_save_answer(attempt=attempt, question=position, answer=answer)
    services.attempt_submit(attempt=attempt)
    result = attempt.result()
    assert result["passed"] and result["text"] == "<p>Gut gemacht!</p>"
    assert (result["score"], result["max_score"], result["percent"]) == (3, 5, 60)
    rows = {row["name"]: (row["score"], row["max_score"]) for row in attempt.category_breakdown()}
    assert rows == {"Recht": (2, 3), "Praxis": (1, 1), None: (0, 1)}
