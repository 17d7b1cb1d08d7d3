"""The quiz editor per question type (issue #15, item 5): a draft saves with the problems that
would block publishing shown as warnings at the field; publishing still refuses them."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from quizzes.admin_forms import MESSAGES
from quizzes.models import Quiz

from .test_admin import EDIT, _publish, choice, question, quiz_data, trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client):
    client.force_login(trainer())
    return client


def warnings_block(html, warnings_id):
    start = html.index(f'{warnings_id}" data-publish-warnings')
    return html[start : html.index("</div>", html.index("</div>", start) + 1)]


def test_a_draft_shows_what_blocks_publishing_as_warnings_at_the_field(trainer_client):
    saved = _publish(
        trainer_client,
        questions=[
            question(choices=[choice("Das Jobcenter")]),  # one answer, none correct
            question("true_false", choices=[choice("Richtig"), choice("Falsch")]),
        ],
        max_questions="5",
        publish=False,
    )
    assert saved.status_code == 302  # saved, not stopped
    quiz = Quiz.objects.get()
    assert not quiz.live
    html = trainer_client.get(reverse(EDIT, args=[quiz.pk])).content.decode()
    first = warnings_block(html, "questions-0-choices-publish-warnings")
    assert "Vor dem Veröffentlichen:" in first
    assert escape(str(MESSAGES["too_few_choices"])) in first
    assert escape(str(MESSAGES["one_correct"])) in first
    second = warnings_block(html, "questions-1-choices-publish-warnings")
    assert escape(str(MESSAGES["one_correct"])) in second
    assert escape(str(MESSAGES["too_few_choices"])) not in second
    pool = warnings_block(html, "max_questions-publish-warnings")
    assert "Im Fragenpool sind nur 2 Fragen" in pool
    # Warnings, not errors: nothing on the page is marked as a form error.
    assert "error-message" not in html


def test_a_sound_draft_shows_no_warnings(trainer_client):
    choices = [choice("Das Jobcenter", correct=True), choice("Das Jugendamt")]
    _publish(trainer_client, questions=[question(choices=choices)], publish=False)
    html = trainer_client.get(reverse(EDIT, args=[Quiz.objects.get().pk])).content.decode()
    assert "data-publish-warnings" not in html


def test_publishing_the_same_quiz_still_refuses_with_errors(trainer_client):
    _publish(trainer_client, questions=[question(choices=[choice("A")])], publish=False)
    quiz = Quiz.objects.get()
    refused = trainer_client.post(
        reverse(EDIT, args=[quiz.pk]), quiz_data(questions=[question(choices=[choice("A")])])
    )
    assert refused.status_code == 200
    assert escape(str(MESSAGES["too_few_choices"])) in refused.content.decode()
    quiz.refresh_from_db()
    assert not quiz.live


def test_fields_say_which_question_types_they_belong_to(trainer_client):
    _publish(trainer_client, questions=[question(choices=[choice("A")])], publish=False)
    html = trainer_client.get(reverse(EDIT, args=[Quiz.objects.get().pk])).content.decode()
    assert 'data-question-kinds="short_text"' in html
    assert 'data-question-kinds="numeric"' in html
    assert 'data-question-kinds="multiple"' in html
    assert 'data-question-kinds="single true_false multiple"' in html
    assert 'data-true-false-choices="Richtig|Falsch"' in html
    assert "quizzes/question_editor.js" in html  # a file: no inline script under the CSP
