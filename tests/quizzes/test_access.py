"""Who may work on an open attempt is asked on every request, not only at start.

KoFo's policy (``courses.quiz_access``): only learners enrolled in the course whose module
uses the quiz. A learner who leaves the course may no longer answer, autosave, review or
submit; the attempt stays open and untouched and can be continued after enrolling again.
"""

import json

import pytest
from django.urls import reverse

from courses import services as course_services
from courses.models import CompletionRule, Enrolment
from quizzes.models import Attempt, AttemptStatus
from tests.factories import UserFactory, make_course

from .factories import correct_answer, make_quiz

pytestmark = pytest.mark.django_db

REFUSAL = ("Modul", "module")  # the policy's message names the module, German or English


@pytest.fixture(autouse=True)
def _kofo_policy(settings):
    settings.QUIZZES_ACCESS_POLICY = "courses.quiz_access.CourseQuizAccessPolicy"


@pytest.fixture
def enrolled_attempt(client):
    quiz = make_quiz(questions=2)
    course = make_course(
        modules=1, module_kwargs={"quiz": quiz, "completion_rule": CompletionRule.QUIZ}
    )
    learner = UserFactory()
    course_services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(user=learner, quiz=quiz), course


def leave(attempt, course):
    enrolment = Enrolment.objects.get(user=attempt.user, course=course)
    course_services.enrolment_cancel(enrolment=enrolment)


def refused(response):
    page = response.content.decode()
    return response.status_code == 403 and any(word in page for word in REFUSAL)


def test_after_leaving_the_course_no_page_of_the_open_attempt_accepts_anything(
    client, enrolled_attempt
):
    attempt, course = enrolled_attempt
    key = attempt.public_id
    answer = {"answer-0": correct_answer(attempt.questions[0]), "action": "next"}
    leave(attempt, course)

    assert refused(client.get(reverse("quizzes:take", args=[key])))
    assert refused(client.get(reverse("quizzes:question", args=[key, 1])))
    assert refused(client.post(reverse("quizzes:question", args=[key, 1]), answer))
    assert refused(client.post(reverse("quizzes:save", args=[key, 1]), answer))
    assert refused(client.get(reverse("quizzes:confirm", args=[key])))
    assert refused(client.post(reverse("quizzes:submit", args=[key])))
    autosave = client.post(
        reverse("quizzes:save", args=[key, 1]), answer, HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 403
    body = json.loads(autosave.content)
    assert body["saved"] is False and any(word in body["error"] for word in REFUSAL)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN  # kept, not scored: see views._refused
    assert not attempt.responses.exclude(answer=None).exists()


def test_enrolling_again_continues_the_same_attempt(client, enrolled_attempt):
    attempt, course = enrolled_attempt
    leave(attempt, course)
    course_services.enrolment_create(user=attempt.user, course=course)
    save = reverse("quizzes:save", args=[attempt.public_id, 1])
    response = client.post(
        save, {"answer-0": correct_answer(attempt.questions[0])}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and json.loads(response.content)["saved"] is True


def test_the_result_of_a_submitted_attempt_stays_readable_after_leaving(client, enrolled_attempt):
    attempt, course = enrolled_attempt
    assert client.post(reverse("quizzes:submit", args=[attempt.public_id])).status_code == 302
    leave(attempt, course)
    response = client.get(reverse("quizzes:result", args=[attempt.public_id]))
    assert response.status_code == 200
