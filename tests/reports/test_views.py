import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import Reminder

from .conftest import SECRET, add_learners

pytestmark = pytest.mark.django_db

REPORTS = ["reports:completion", "reports:learner_progress", "reports:overdue"]


def _csv(response):
    # German Excel: UTF-8 with BOM, semicolons (lms.exports).
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response):
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", REPORTS)
def test_report_page_never_shows_people_outside_the_scope(manager_client, name):
    response = manager_client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET not in html and "Gelsenkirchen" not in html
    assert "Oberhausen" in html


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_never_contain_people_outside_the_scope(manager_client, name, export):
    response = manager_client.get(reverse(name), {"export": export})
    rows = _csv(response) if export == "csv" else _xlsx(response)
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert SECRET not in flat and "Gelsenkirchen" not in flat
    assert len(rows) > 1


@pytest.mark.parametrize("name", REPORTS)
def test_filtering_by_an_organisation_outside_the_scope_is_refused(manager_client, world, name):
    response = manager_client.get(reverse(name), {"organisation": world["ja_ge"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in html and "Jugendamt Gelsenkirchen" not in html


def test_learner_progress_export_has_german_headers(manager_client):
    rows = _xlsx(manager_client.get(reverse("reports:learner_progress"), {"export": "xlsx"}))
    assert rows[0] == [
        "Nachname",
        "Vorname",
        "E-Mail-Adresse",
        "Organisation",
        "Fortbildung",
        "Fortschritt (%)",
        "Fällig am",
        "Status",
        "Abgeschlossen am",
        "Durchgang",
        "Gültig bis",
        "Gültigkeit",
    ]
    assert len(rows) == 1 + 6
    assert {row[7] for row in rows[1:]} == {
        "Abgeschlossen",
        "In Bearbeitung",
        "Überfällig",
        "Nicht begonnen",
    }


def test_completion_export_rows_per_organisation(manager_client, world):
    rows = _csv(
        manager_client.get(
            reverse("reports:completion"), {"export": "csv", "organisation": world["fz_ob"].pk}
        )
    )
    assert rows[0][:3] == ["Fortbildung", "Organisation", "Art der Organisation"]
    assert rows[1][1] == "Familienzentrum Oberhausen" and rows[1][-1] == "100"


@pytest.mark.parametrize("name", [*REPORTS, "wagtailadmin_home"])
def test_report_query_count_does_not_grow_with_rows(manager_client, world, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(reverse(name)).status_code == 200
        return len(queries)

    count()  # warm the per-person caches (permissions, session) as a running site has them
    small = count()
    for organisation in (world["jc_ob"], world["fz_ob"]):
        add_learners(
            course=world["course"],
            organisation=organisation,
            count=30,
            completed=10,
            started=10,
            overdue=5,
        )
    assert count() == small


def test_people_without_the_permission_get_404(client, world):
    client.force_login(world["ob"][0])
    for name in REPORTS:
        assert client.get(reverse(name)).status_code in (302, 404)


def test_reminders_once_a_day_and_only_in_scope(
    manager_client, world, django_capture_on_commit_callbacks
):
    from courses.models import Enrolment

    overdue_ob = Enrolment.objects.get(user=world["ob"][2])
    overdue_ge = Enrolment.objects.get(user=world["ge"])
    url = reverse("reports:send_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            url, {"enrolment": [overdue_ob.pk, overdue_ge.pk]}, follow=True
        )
    assert "Eine Erinnerung wurde an 1 Person verschickt." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[world["ob"][2].email]]
    assert "Berufsrückkehr begleiten" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = manager_client.post(url, {"enrolment": [overdue_ob.pk]}, follow=True)
    assert "bereits heute eine Erinnerung" in again.content.decode()
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1
    assert SECRET not in again.content.decode()


def test_admin_home_panel_shows_scope_figures_and_accessible_chart(manager_client):
    html = manager_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Fortbildungen in Ihrem Verantwortungsbereich" in html
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "Familienzentrum Oberhausen" in html
    assert SECRET not in html and "Gelsenkirchen" not in html


def test_trainer_sees_only_the_courses_they_are_responsible_for(client, world):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory, make_course

    trainer = UserFactory(organisation=None)
    trainer.groups.add(Group.objects.get(name="Trainer:innen"))
    own = make_course(title="Kinderschutz kompakt", modules=1)
    own.responsible_trainers.add(trainer)
    own.save()
    from courses.models import Enrolment

    Enrolment.objects.create(user=world["ob"][0], course=own)
    client.force_login(trainer)
    html = client.get(reverse("reports:learner_progress")).content.decode()
    assert "Kinderschutz kompakt" in html
    assert "Berufsrückkehr begleiten" not in html and SECRET not in html


@pytest.mark.parametrize("name", REPORTS)
def test_every_filter_at_once_and_bad_values_never_fail(manager_client, world, name):
    params = {
        "course": world["course"].pk,
        "organisation": world["jc_ob"].pk,
        "organisation_kind": "jobcenter",
        "region": world["jc_ob"].region_id,
        "enrolled_from": "2020-01-01",
        "enrolled_to": "2099-12-31",
        "completed_from": "2020-01-01",
        "completed_to": "2099-12-31",
        "due_status": "overdue",
    }
    assert manager_client.get(reverse(name), params).status_code == 200
    bad = {"course": "x", "enrolled_from": "gestern", "due_status": "irgendwas"}
    response = manager_client.get(reverse(name), bad)
    assert response.status_code == 200 and SECRET not in response.content.decode()
