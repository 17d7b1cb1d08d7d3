"""Modules and Lernkontrollen: the rule "quiz", completion on a pass, KoFo's access policy."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import services
from courses.models import CompletionRule, ModuleCompletion, ModulePage
from courses.quiz_access import CourseQuizAccessPolicy
from quizzes.access import access_policy
from quizzes.models import Attempt, AttemptStatus, Quiz
from quizzes.signals import attempt_passed
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return Quiz.objects.create(title="Lernkontrolle Netzwerke")


def passed_attempt(user, quiz, number=1, status=AttemptStatus.PASSED):
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        status=status,
        started_at=timezone.now(),
        max_score=10,
        score=8,
        percent=80,
        title=quiz.title,
        pass_mark=50,
        feedback_mode=quiz.feedback_mode,
        navigation=quiz.navigation,
        allow_back=True,
    )


def course_with_quiz(quiz, *, modules=2, rule=CompletionRule.QUIZ, **fields):
    course = make_course(modules=modules, **fields)
    last = ModulePage.objects.child_of(course).order_by("path").last()
    last.quiz, last.completion_rule = quiz, rule
    last.save_revision().publish()
    return course, ModulePage.objects.get(pk=last.pk)


def test_rule_quiz_needs_a_quiz():
    course = make_course(modules=1)
    module = course.modules().get()
    module.completion_rule = CompletionRule.QUIZ
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "Lernkontrolle" in str(error.value)


def test_a_passed_attempt_completes_the_module_and_the_course(quiz):
    course, module = course_with_quiz(quiz, modules=1)
    learner, stranger = UserFactory(), UserFactory()
    enrolment = services.enrolment_create(user=learner, course=course)
    for user in (learner, stranger):
        attempt_passed.send(sender=Attempt, attempt=passed_attempt(user, quiz))
    completion = ModuleCompletion.objects.get()
    assert (completion.user, completion.module, completion.via) == (learner, module, "quiz")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    attempt_passed.send(sender=Attempt, attempt=passed_attempt(learner, quiz, number=2))
    assert ModuleCompletion.objects.count() == 1


def test_a_practice_quiz_does_not_complete_a_manual_module(quiz):
    course, _module = course_with_quiz(quiz, rule=CompletionRule.MANUAL)
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    attempt_passed.send(sender=Attempt, attempt=passed_attempt(learner, quiz))
    assert not ModuleCompletion.objects.exists()


def test_policy_is_the_configured_one_and_follows_enrolment_and_sequence(quiz):
    assert isinstance(access_policy(), CourseQuizAccessPolicy)
    policy = CourseQuizAccessPolicy()
    course, module = course_with_quiz(quiz, sequential=True)
    learner = UserFactory()
    assert "melden Sie sich" in policy.refusal(learner, quiz)
    services.enrolment_create(user=learner, course=course)
    assert "melden Sie sich" in policy.refusal(learner, quiz)  # module 2 is still locked
    services.module_complete(user=learner, module=course.modules().first(), via="manual")
    assert policy.refusal(learner, quiz) is None
    assert policy.return_url(learner, quiz) == module.url


def test_policy_lets_admins_and_responsible_trainers_try_it(quiz):
    policy = CourseQuizAccessPolicy()
    course, module = course_with_quiz(quiz)
    trainer = UserFactory()
    course.responsible_trainers.add(trainer)
    course.save()
    assert policy.refusal(trainer, quiz) is None
    assert policy.refusal(UserFactory(is_superuser=True), quiz) is None
    assert policy.return_url(trainer, quiz) == module.url
    assert policy.refusal(UserFactory(), quiz) is not None


def test_module_page_shows_the_quiz_and_the_latest_attempt(client, quiz):
    course, module = course_with_quiz(quiz, modules=1)
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    page = client.get(module.url).text
    assert "Lernkontrolle: Lernkontrolle Netzwerke" in page
    assert "wenn Sie die Lernkontrolle bestehen" in page
    assert "Als erledigt markieren" not in page
    passed_attempt(learner, quiz, status=AttemptStatus.FAILED)
    assert "Ihr letzter Versuch (Nr. 1): Nicht bestanden – 80 %" in client.get(module.url).text


def test_passing_through_the_quiz_engine_completes_the_module(
    client, django_capture_on_commit_callbacks
):
    """The whole way: start via the module's link, answer, submit, module done."""
    from quizzes import services as quizzes
    from tests.quizzes.factories import correct_answer, make_quiz

    quiz = make_quiz(questions=2)
    course, module = course_with_quiz(quiz, modules=1)
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    page = client.get(module.url).text
    assert f'href="/lernkontrollen/{quiz.pk}/">Lernkontrolle starten</a>' in page
    with django_capture_on_commit_callbacks(execute=True):
        attempt = quizzes.attempt_start(quiz=quiz, user=learner)
        quizzes.attempt_save_answers(
            attempt=attempt,
            answers={n: correct_answer(q) for n, q in enumerate(attempt.questions)},
        )
        quizzes.attempt_submit(attempt=attempt)
    completion = ModuleCompletion.objects.get(user=learner)
    assert (completion.module, completion.via) == (module, "quiz")
    page = client.get(module.url).text
    assert "Sie haben dieses Modul abgeschlossen." in page and "Bestanden – 100 %" in page


def test_whoever_may_preview_the_module_may_try_its_quiz(quiz, client):
    from django.contrib.auth.models import Group

    from lms.roles import ADMINISTRATION

    course, module = course_with_quiz(quiz)
    administrator = UserFactory()
    administrator.groups.add(Group.objects.get(name=ADMINISTRATION))
    client.force_login(administrator)
    assert client.get(module.url).status_code == 200  # preview without enrolment
    assert CourseQuizAccessPolicy().refusal(administrator, quiz) is None


def test_a_quiz_s_figures_are_for_the_people_who_run_a_course_using_it(client, quiz):
    """Tester's finding: every trainer saw the statistics of every course's Lernkontrolle.
    Now: the course's responsible trainers and the Administration."""
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from wagtail.models import GroupPagePermission

    from tests.quizzes.test_admin import trainer

    course, _module = course_with_quiz(quiz, modules=1)
    responsible, other = trainer(), trainer()
    # The other trainer may edit the course page (authoring), but does not run the course.
    editors = Group.objects.create(name="Redaktion")
    GroupPagePermission.objects.create(group=editors, page=course, permission_type="change")
    other.groups.add(editors)
    course.responsible_trainers.add(responsible)
    course.save()  # a ParentalManyToManyField writes on save
    for name in ("quizzes_admin:statistics", "quizzes_admin:item_analysis"):
        url = reverse(name, args=[quiz.pk])
        client.force_login(responsible)
        assert client.get(url).status_code == 200
        client.force_login(other)
        assert client.get(url).status_code in (302, 403)
    unused = Quiz.objects.create(title="Noch in keiner Fortbildung")
    assert client.get(reverse("quizzes_admin:statistics", args=[unused.pk])).status_code == 200
