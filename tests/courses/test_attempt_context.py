"""An attempt records the module it was taken for; older attempts are backfilled only where
that is unambiguous (records issue)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from courses import services
from courses.quiz_access import context_key_of
from quizzes.models import Attempt
from tests.factories import UserFactory, make_course
from tests.quizzes.factories import make_quiz

from .test_quiz_link import course_with_quiz, passed_attempt

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "courses.migrations.0005_records1_attempt_context_backfill"
).backfill


def test_starting_through_the_quiz_page_records_the_module(client):
    quiz = make_quiz(questions=1)
    make_course(title="Andere Fortbildung")
    course, module = course_with_quiz(quiz)
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    assert Attempt.objects.get(user=learner).context_key == context_key_of(module)


def test_backfill_assigns_only_unambiguous_attempts():
    quiz, lonely_quiz = make_quiz(questions=1), make_quiz(questions=1)
    course, module = course_with_quiz(quiz, title="Kinderschutz")
    copy, copy_module = course_with_quiz(quiz, title="Kinderschutz (Kopie)")
    _only, lonely_module = course_with_quiz(lonely_quiz, title="Datenschutz")
    in_copy, in_both, in_none = UserFactory(), UserFactory(), UserFactory()
    services.enrolment_create(user=in_copy, course=copy)
    services.enrolment_create(user=in_both, course=course)
    services.enrolment_create(user=in_both, course=copy)
    attempts = {
        "copy": passed_attempt(in_copy, quiz),
        "both": passed_attempt(in_both, quiz),
        "none": passed_attempt(in_none, quiz),
        "lonely": passed_attempt(in_none, lonely_quiz),
    }

    backfill(apps, None)

    keys = {name: Attempt.objects.get(pk=a.pk).context_key for name, a in attempts.items()}
    assert keys == {
        "copy": context_key_of(copy_module),
        "both": "",  # enrolled in both courses: ambiguous, left unassigned
        "none": "",
        "lonely": context_key_of(lonely_module),
    }
