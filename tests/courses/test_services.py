import pytest

from courses import services
from courses.models import EnrolmentMode, ModuleCompletion
from courses.signals import course_completed
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_events():
    events = []

    def receiver(sender, enrolment, **kwargs):
        events.append(enrolment.pk)

    course_completed.connect(receiver)
    yield events
    course_completed.disconnect(receiver)


def test_enrol_is_idempotent():
    course, user = make_course(), UserFactory()
    first = services.enrolment_create(user=user, course=course)
    second = services.enrolment_create(user=user, course=course)
    assert first.pk == second.pk
    assert course.enrolments.count() == 1


def test_cannot_self_enrol_in_assignment_only_or_unpublished_course():
    user = UserFactory()
    with pytest.raises(services.CourseError, match="nur per Zuweisung"):
        services.enrolment_create(
            user=user, course=make_course(enrolment_mode=EnrolmentMode.ASSIGNED)
        )
    with pytest.raises(services.CourseError, match="nicht verfügbar"):
        services.enrolment_create(user=user, course=make_course(live=False))


def test_assignment_enrols_in_assignment_only_course_with_due_date():
    import datetime

    course = make_course(enrolment_mode=EnrolmentMode.ASSIGNED)
    manager, user = UserFactory(), UserFactory()
    due = datetime.date(2026, 12, 31)
    enrolment = services.enrolment_create(
        user=user, course=course, assigned_by=manager, due_date=due
    )
    assert (enrolment.assigned_by, enrolment.due_date) == (manager, due)


def test_completing_every_module_completes_the_course_once(
    completed_events, django_capture_on_commit_callbacks
):
    course, user = make_course(modules=2), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    first, second = course.modules()
    with django_capture_on_commit_callbacks(execute=True):
        services.module_complete(user=user, module=first, via="manual")
    assert services.course_progress(user=user, course=course).percent == 50
    with django_capture_on_commit_callbacks(execute=True):
        services.module_complete(user=user, module=second, via="manual")
        services.module_complete(user=user, module=second, via="manual")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completed_events == [enrolment.pk]
    assert ModuleCompletion.objects.filter(user=user).count() == 2
    assert services.course_progress(user=user, course=course).percent == 100


def test_cannot_complete_without_enrolment_or_out_of_sequence():
    course, user = make_course(modules=2, sequential=True), UserFactory()
    first, second = course.modules()
    with pytest.raises(services.NotEnrolled):
        services.module_complete(user=user, module=first, via="manual")
    services.enrolment_create(user=user, course=course)
    with pytest.raises(services.ModuleLocked):
        services.module_complete(user=user, module=second, via="manual")
    assert not ModuleCompletion.objects.exists()


def test_quiz_modules_cannot_be_marked_done_by_hand():
    from quizzes.models import Quiz

    quiz = Quiz.objects.create(title="Lernkontrolle")
    course = make_course(modules=1, module_kwargs={"completion_rule": "quiz", "quiz": quiz})
    user = UserFactory()
    services.enrolment_create(user=user, course=course)
    with pytest.raises(services.CourseError, match="Lernkontrolle"):
        services.module_complete(user=user, module=course.modules().first(), via="manual")


def test_unenrol_keeps_progress_for_a_return():
    course, user = make_course(modules=2), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    services.module_complete(user=user, module=course.modules().first(), via="manual")
    services.enrolment_cancel(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert not enrolment.is_active
    services.enrolment_create(user=user, course=course)
    assert services.course_progress(user=user, course=course).completed == 1


def test_admin_completion_fires_the_signal_once(
    completed_events, django_capture_on_commit_callbacks
):
    course, user = make_course(), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_mark_completed(enrolment=enrolment)
        services.enrolment_mark_completed(enrolment=enrolment)
    assert completed_events == [enrolment.pk]


def test_a_completed_course_cannot_be_left_and_stays_in_the_reports():
    """Found by the break-it run: leaving a completed course dropped it from every report."""
    from reports.selectors import enrolments_in_scope

    course, user = make_course(modules=1), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    services.module_complete(user=user, module=course.modules().first(), via="manual")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    with pytest.raises(services.CourseError, match="Nachweis"):
        services.enrolment_cancel(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.is_active
    admin = UserFactory(is_superuser=True)
    assert enrolments_in_scope(admin).filter(pk=enrolment.pk).exists()
