"""A wrong access-policy setting or missing learner pages are reported by `manage.py check`
(quizzes/checks.py) instead of being papered over at run time."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from quizzes.checks import check_access_policy, check_learner_pages


class NotAPolicy:
    pass


def test_the_project_passes_the_quiz_checks():
    assert check_access_policy() == []
    assert check_learner_pages() == []
    call_command("check")  # raises SystemCheckError on any error


@override_settings(QUIZZES_ACCESS_POLICY="courses.quiz_access.NoSuchPolicy")
def test_a_policy_that_cannot_be_imported_is_an_error():
    assert [error.id for error in check_access_policy()] == ["quizzes.E001"]
    with pytest.raises(SystemCheckError, match="quizzes.E001"):
        call_command("check")


@override_settings(QUIZZES_ACCESS_POLICY="tests.quizzes.test_checks.NotAPolicy")
def test_a_policy_of_the_wrong_kind_is_an_error():
    assert [error.id for error in check_access_policy()] == ["quizzes.E002"]


@override_settings(ROOT_URLCONF="tests.quizzes.test_checks")
def test_a_project_without_the_learner_pages_is_told_so():
    assert [error.id for error in check_learner_pages()] == ["quizzes.E003"]


urlpatterns = []  # the URLconf of the last test: no quiz pages
