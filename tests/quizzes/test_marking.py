"""Marking essays in the Wagtail admin: the queue, the form, and what the learner then gets."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext

from quizzes import services
from quizzes.models import AttemptStatus, QuestionKind, Response
from quizzes.wagtail_hooks import register_marking_menu_item

from .factories import correct_answer, make_quiz
from .test_admin import learner, manager, trainer

pytestmark = pytest.mark.django_db

QUEUE = "quizzes_admin:marking"


def submitted_with_essay(quiz, person, *, essay="Ich würde zuerst das Gespräch suchen."):
    """A submitted attempt of ``person``: choice questions right, the essay written."""
    attempt = services.attempt_start(quiz=quiz, user=person)
    for position, question in enumerate(attempt.questions):
        answer = essay if question["kind"] == QuestionKind.ESSAY else correct_answer(question)
        services.attempt_save_answer(attempt=attempt, question=position, answer=answer)
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def essay_quiz():
    # Single choice (1 point) + essay (1 point); pass mark 60 %.
    return make_quiz(
        questions=2, kinds=(QuestionKind.SINGLE, QuestionKind.ESSAY), title="Hilfeplanung"
    )


@pytest.fixture
def waiting(essay_quiz):
    person = learner(first_name="Zoë", last_name="Öztürk", email="zoe@example.org")
    attempt = submitted_with_essay(essay_quiz, person)
    assert attempt.status == AttemptStatus.PENDING
    return Response.objects.get(attempt=attempt, needs_marking=True)


@pytest.fixture
def trainer_client(client):
    client.force_login(trainer())
    return client


def test_queue_lists_waiting_essays_with_the_learners_name(trainer_client, waiting):
    html = trainer_client.get(reverse(QUEUE)).content.decode()
    assert "Zoë Öztürk" in html
    assert "Hilfeplanung" in html
    assert reverse("quizzes_admin:mark", args=[waiting.pk]) in html
    assert "zoe@example.org" not in html  # the name is enough; nothing else personal


def test_queue_filters_by_quiz_and_lists_newest_first(trainer_client, waiting, essay_quiz):
    other_quiz = make_quiz(
        questions=2, kinds=(QuestionKind.SINGLE, QuestionKind.ESSAY), title="Datenschutz"
    )
    submitted_with_essay(other_quiz, learner(first_name="Ben", last_name="Later"))
    html = trainer_client.get(reverse(QUEUE)).content.decode()
    assert html.index("Ben Later") < html.index("Zoë Öztürk")
    filtered = trainer_client.get(reverse(QUEUE), {"quiz": essay_quiz.pk}).content.decode()
    assert "Zoë Öztürk" in filtered and "Ben Later" not in filtered


def test_queue_is_paginated(trainer_client, essay_quiz):
    for number in range(26):
        submitted_with_essay(essay_quiz, learner(last_name=f"Person-{number:02d}"))
    first = trainer_client.get(reverse(QUEUE))
    assert first.context["paginator"].count == 26
    assert len(first.context["object_list"]) == 25
    second = trainer_client.get(reverse(QUEUE), {"p": 2})
    assert len(second.context["object_list"]) == 1


def test_marking_form_shows_the_frozen_question_and_the_answer(trainer_client, waiting):
    frozen_text = waiting.frozen_question["text"]
    waiting.question.text = "<p>Später geändert</p>"
    waiting.question.save()
    html = trainer_client.get(reverse("quizzes_admin:mark", args=[waiting.pk])).content.decode()
    assert frozen_text.removeprefix("<p>").removesuffix("</p>") in html
    assert "Später geändert" not in html
    assert "Ich würde zuerst das Gespräch suchen." in html
    assert "Zoë Öztürk" in html


def test_marking_finishes_the_attempt_and_mails_the_learner(
    trainer_client, waiting, django_capture_on_commit_callbacks
):
    url = reverse("quizzes_admin:mark", args=[waiting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(
            url, {"points": "0,5", "feedback": "Gut begründet, aber ohne Fristen."}, follow=True
        )
    assert response.redirect_chain[-1][0] == reverse(QUEUE)
    waiting.refresh_from_db()
    assert waiting.points == Decimal("0.50")
    assert waiting.feedback == "Gut begründet, aber ohne Fristen."
    assert not waiting.needs_marking and waiting.marked_by is not None
    attempt = waiting.attempt
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED  # 1.5 of 2 points = 75 % >= 60 %
    assert attempt.percent == Decimal("75.00")
    assert [message.to for message in mail.outbox] == [["zoe@example.org"]]
    messages = [str(m) for m in response.context["messages"]]
    assert any("Zoë Öztürk" in m for m in messages)
    assert "Zoë Öztürk" not in str(response.context["object_list"])  # the queue is empty now


@pytest.mark.parametrize("points", ["3", "1,01", "-1", "abc", ""])
def test_points_outside_0_to_max_are_refused_and_nothing_is_saved(trainer_client, waiting, points):
    url = reverse("quizzes_admin:mark", args=[waiting.pk])
    response = trainer_client.post(url, {"points": points, "feedback": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["points"]
    waiting.refresh_from_db()
    assert waiting.needs_marking and waiting.points is None
    assert not mail.outbox


def test_an_answer_marked_already_is_not_marked_twice(trainer_client, waiting):
    url = reverse("quizzes_admin:mark", args=[waiting.pk])
    trainer_client.post(url, {"points": "1", "feedback": ""})
    again = trainer_client.post(url, {"points": "0", "feedback": ""}, follow=True)
    assert again.redirect_chain[-1][0] == reverse(QUEUE)
    waiting.refresh_from_db()
    assert waiting.points == Decimal("1.00")


@pytest.mark.parametrize("method", ["get", "post"])
def test_managers_and_learners_cannot_mark(client, waiting, method):
    url = reverse("quizzes_admin:mark", args=[waiting.pk])
    # Wagtail turns "permission denied" in the admin into a redirect: managers to the admin
    # start page (with a message), learners (no admin access) to the login.
    home, login = reverse("wagtailadmin_home"), reverse("wagtailadmin_login")
    for person, expected in ((manager(), home), (learner(), login)):
        client.force_login(person)
        response = getattr(client, method)(url, {"points": "1", "feedback": ""})
        assert response.status_code == 302
        assert response.url.startswith(expected) and response.url != url
        assert "Zoë" not in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.needs_marking


def test_unknown_answer_is_404(trainer_client):
    assert trainer_client.get(reverse("quizzes_admin:mark", args=[999999])).status_code == 404


def test_menu_item_shows_how_many_answers_wait(waiting):
    item = register_marking_menu_item()
    request = RequestFactory().get("/admin/")
    request.user = trainer()
    assert item.is_shown(request)
    label = item.render_component(request).label
    assert label == gettext("Answers to mark (%(count)s)") % {"count": 1}
    request.user = manager()
    assert not item.is_shown(request)


def test_queue_queries_do_not_grow_with_waiting_answers(trainer_client, essay_quiz):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert trainer_client.get(reverse(QUEUE)).status_code == 200
        return len(queries)

    submitted_with_essay(essay_quiz, learner())
    trainer_client.get(reverse(QUEUE))  # warm per-session caches
    few = count()
    for _ in range(8):
        submitted_with_essay(essay_quiz, learner())
    assert count() == few
