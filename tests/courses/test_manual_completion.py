"""Recording completions by hand in the Wagtail admin (records issue): trainers of the course
and the Administration, with a required reason, logged, shown in reports, certified."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from courses import services
from courses.models import Enrolment, ModuleCompletion
from lms.roles import ADMINISTRATION, MANAGERS, TRAINERS
from reports.selectors import learner_progress
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def with_role(role, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def setting():
    course = make_course(modules=2, title="Kinderschutz kompakt")
    trainer = with_role(TRAINERS)
    course.responsible_trainers.add(trainer)
    course.save()  # a ParentalManyToManyField is stored when the page is saved
    learners = [UserFactory(), UserFactory()]
    for learner in learners:
        services.enrolment_create(user=learner, course=course)
    return course, trainer, learners


def url(course):
    return f"/verwaltung/abschluesse/{course.pk}/"


def test_trainer_records_a_whole_course_for_two_people_and_certificates_follow(
    client, setting, django_capture_on_commit_callbacks
):
    course, trainer, learners = setting
    client.force_login(trainer)
    form = client.get(url(course))
    assert form.status_code == 200
    assert 'for="id_reason"' in form.text and "Grund" in form.text
    reason = "Präsenzveranstaltung am 12.11.2026 besucht"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(course), {"module": "", "people": [p.pk for p in learners], "reason": reason}
        )
    assert response.status_code == 302
    for learner in learners:
        enrolment = Enrolment.objects.get(user=learner, course=course)
        assert enrolment.completed_at is not None
        assert (enrolment.completion_reason, enrolment.completion_recorded_by) == (reason, trainer)
        assert Certificate.objects.filter(enrolment=enrolment, status="valid").exists()
        log = ModelLogEntry.objects.get(object_id=str(enrolment.pk))
        assert (log.action, log.user, log.data["reason"]) == (
            "kofo.completion_recorded",
            trainer,
            reason,
        )
    assert all(
        row.completion_reason == reason
        for row in learner_progress(Enrolment.objects.filter(course=course))
    )
    client.force_login(UserFactory(is_superuser=True))
    report = client.get(reverse("reports:learner_progress"), {"course": course.pk})
    assert report.text.count(f"Abgeschlossen (manuell: {reason})") == 2


def test_administration_records_one_module_and_the_course_completes_by_the_rule(
    client, setting, django_capture_on_commit_callbacks
):
    course, _trainer, (learner, _other) = setting
    first, second = course.modules()
    services.module_complete(user=learner, module=first, via="manual")
    client.force_login(with_role(ADMINISTRATION))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(course), {"module": second.pk, "people": [learner.pk], "reason": "Nachweis"}
        )
    assert response.status_code == 302
    completion = ModuleCompletion.objects.get(user=learner, module=second)
    assert (completion.via, completion.reason) == ("admin", "Nachweis")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_a_reason_is_required(client, setting):
    course, trainer, learners = setting
    client.force_login(trainer)
    response = client.post(url(course), {"module": "", "people": [learners[0].pk], "reason": " "})
    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund für den manuell erfassten Abschluss an." in response.text
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()


@pytest.mark.parametrize("role", [TRAINERS, MANAGERS, None])
def test_a_forged_post_by_someone_not_responsible_changes_nothing(client, setting, role):
    course, _trainer, learners = setting
    intruder = with_role(role) if role else UserFactory()
    if role == MANAGERS:
        intruder.organisation = learners[0].organisation
        intruder.save()
    client.force_login(intruder)
    data = {"module": "", "people": [learners[0].pk], "reason": "gefälscht"}
    response = client.post(url(course), data)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:  # no admin access at all: to the login page
        assert "/login/" in response["Location"]
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()
    assert client.get("/verwaltung/abschluesse/").status_code in (302, 403, 404)


def test_huge_ids_in_the_url_or_the_people_answer_without_a_500(client, setting):
    """Found by the break-it run: 26-digit course ids and person ids gave HTTP 500."""
    course, trainer, learners = setting
    client.force_login(trainer)
    assert client.get("/verwaltung/abschluesse/99999999999999999999999999/").status_code == 404
    response = client.post(url(course), {"module": "", "people": ["9" * 30], "reason": "x"})
    assert response.status_code == 200
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()
