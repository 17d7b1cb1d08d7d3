"""Recertification in the manager's tools (issue #12, item 3): assigning a course whose
certificate has expired starts a new cycle (with mail); the learner-progress page, filter
and XLSX show "gültig bis" and the validity."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.models import Enrolment
from reports.services import course_assign
from tests.reports.test_assignments import _token

pytestmark = pytest.mark.django_db

DUE = "2027-03-31"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def graduate(world):
    """ob[0] completed the course on 10.03.2025; valid 12 months: until 09.03.2026."""
    course = world["course"]
    course.validity_months = 12
    course.save()
    enrolment = Enrolment.objects.get(user=world["ob"][0], course=course)
    enrolment.completed_at = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=datetime.UTC)
    enrolment.save()
    certificate_issue(enrolment=enrolment)
    return world["ob"][0]


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_an_expired_certificate_is_assigned_again_as_a_new_cycle(
    manager_client, world, graduate, django_capture_on_commit_callbacks
):
    course = world["course"]
    html = manager_client.post(
        reverse("reports:assign"), {"course": course.pk, "due_date": DUE, "person": graduate.pk}
    ).content.decode()
    assert "Teilnahmebescheinigung abgelaufen" in html and "gültig bis 09.03.2026" in html
    assert "bereits abgeschlossen" not in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("reports:assign"), {"confirm": "1", "token": _token(html)}
        )
    assert response.status_code == 302
    first, second = Enrolment.objects.filter(user=graduate, course=course).order_by("cycle")
    assert first.completed_at is not None and first.due_date is None  # history unchanged
    assert (second.cycle, second.due_date, second.completed_at) == (
        2,
        datetime.date(2027, 3, 31),
        None,
    )
    assert [m.to for m in mail.outbox] == [[graduate.email]]
    assert Certificate.objects.get(holder=graduate).valid_until == datetime.date(2026, 3, 9)


@time_machine.travel("2026-03-01 12:00 +01:00", tick=False)
def test_a_still_valid_certificate_is_left_alone(
    manager_client, world, graduate, django_capture_on_commit_callbacks
):
    course = world["course"]
    html = manager_client.post(
        reverse("reports:assign"), {"course": course.pk, "due_date": DUE, "person": graduate.pk}
    ).content.decode()
    assert "bereits abgeschlossen (gültig bis 09.03.2026)" in html
    assert 'name="token"' not in html  # nothing to confirm
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        course_assign(
            users=[graduate],
            course=course,
            due_date=datetime.date(2027, 3, 31),
            assigned_by=world["manager"],
        )
    assert Enrolment.objects.filter(user=graduate, course=course).count() == 1
    assert mail.outbox == []


@time_machine.travel("2026-02-01 12:00 +01:00", tick=False)
def test_the_report_page_filter_and_xlsx_show_the_validity(manager_client, world, graduate):
    url = reverse("reports:learner_progress")
    html = manager_client.get(url).content.decode()
    assert "Gültig bis" in html and "09.03.2026" in html and "Läuft ab" in html

    filtered = manager_client.get(url, {"validity": "expiring"}).content.decode()
    assert graduate.last_name in filtered
    assert world["ob"][1].email not in filtered  # not completed: no validity at all
    assert manager_client.get(url, {"validity": "bogus"}).status_code == 200

    data = b"".join(manager_client.get(url, {"export": "xlsx"}).streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == graduate.last_name)
    until = row[header.index("Gültig bis")]
    assert until.value == datetime.datetime(2026, 3, 9) and until.number_format == "DD.MM.YYYY"
    assert row[header.index("Gültigkeit")].value == "Läuft ab"
