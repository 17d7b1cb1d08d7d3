"""A refresher cycle starts the Lernkontrolle's attempt limit afresh (issue #12, item 3).

Found when recertification landed: a person who had used the one allowed attempt in the
first cycle was told "Sie haben keine Versuche mehr" in the refresher and could never
complete it. The earlier attempts stay in the history; they just no longer count.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.cycles import enrolment_cycles_start
from courses.models import Enrolment
from quizzes.models import Attempt, AttemptStatus
from quizzes.signals import attempt_passed
from tests.courses.test_quiz_link import course_with_quiz, passed_attempt
from tests.factories import UserFactory
from tests.quizzes.factories import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def refresher(client):
    quiz = make_quiz(questions=2, max_attempts=1)
    course, _module = course_with_quiz(quiz, modules=1, validity_months=12)
    learner = UserFactory()
    with time_machine.travel(datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC)):
        services.enrolment_create(user=learner, course=course)
        attempt_passed.send(sender=Attempt, attempt=passed_attempt(learner, quiz))
    first = Enrolment.objects.get(user=learner, course=course)
    assert first.completed_at is not None
    client.force_login(learner)
    return {"quiz": quiz, "course": course, "learner": learner, "first": first}


def test_without_a_refresher_the_used_attempt_still_counts(client, refresher):
    page = client.get(reverse("quizzes:start", args=[refresher["quiz"].pk]))
    assert page.status_code == 200
    response = client.post(reverse("quizzes:start", args=[refresher["quiz"].pk]), follow=True)
    assert "keine Versuche mehr" in response.content.decode()
    assert Attempt.objects.filter(user=refresher["learner"]).count() == 1


def test_a_refresher_cycle_gives_the_attempts_again_and_keeps_the_old_one(client, refresher):
    enrolment_cycles_start(due_dates={refresher["first"].pk: timezone.localdate()})
    quiz = refresher["quiz"]
    page = client.get(reverse("quizzes:start", args=[quiz.pk])).content.decode()
    assert "keine Versuche mehr" not in page
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    attempts = list(Attempt.objects.filter(user=refresher["learner"]).order_by("number"))
    assert [(a.number, a.status) for a in attempts] == [
        (1, AttemptStatus.PASSED),
        (2, AttemptStatus.OPEN),
    ]
