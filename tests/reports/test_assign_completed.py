"""Assigning a course to someone who completed it (records issue): listed as already
completed (with the certificate's validity), no new due date, no mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from certificates.services import certificate_issue
from courses.models import Enrolment

pytestmark = pytest.mark.django_db

DUE = "2026-12-31"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def graduate(world):
    """ob[0] completed the course on 10.03.2026; the course's certificate is valid 24 months."""
    course = world["course"]
    course.validity_months = 24
    course.save()
    enrolment = Enrolment.objects.get(user=world["ob"][0], course=course)
    enrolment.completed_at = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    enrolment.save()
    certificate_issue(enrolment=enrolment)
    return world["ob"][0]


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_preview_lists_a_graduate_as_already_completed_with_validity(
    manager_client, world, graduate
):
    response = manager_client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": DUE, "person": graduate.pk},
    )
    html = response.content.decode()
    assert "bereits abgeschlossen (gültig bis 09.03.2028)" in html
    assert "Bereits angemeldet" not in html
    assert f'name="user" value="{graduate.pk}"' not in html


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_preview_without_validity_says_already_completed(manager_client, world):
    person = world["fz"][0]  # completed, the course has no validity
    response = manager_client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": DUE, "person": person.pk},
    )
    html = response.content.decode()
    assert "bereits abgeschlossen</li>" in html
    assert "gültig bis" not in html


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_confirming_anyway_sets_no_due_date_and_sends_no_mail(
    manager_client, world, graduate, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("reports:assign"),
            {"confirm": "1", "course": world["course"].pk, "due_date": DUE, "user": [graduate.pk]},
        )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=graduate, course=world["course"])
    assert enrolment.due_date is None
    assert enrolment.completed_at is not None
    assert mail.outbox == []
