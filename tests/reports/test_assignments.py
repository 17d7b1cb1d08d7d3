import datetime
import re
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from reports.services import confirmation_create

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def _due():
    return (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _csv(text, encoding="utf-8"):
    return SimpleUploadedFile("liste.csv", text.encode(encoding), content_type="text/csv")


def _preview(client, world, upload):
    response = client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": _due(), "email_file": upload},
    )
    assert response.status_code == 200
    return response.content.decode()


def _token(html):
    return re.search(r'name="token" value="([0-9a-f-]+)"', html).group(1)


def _confirm(client, token, **kwargs):
    return client.post(reverse("reports:assign"), {"confirm": "1", "token": token}, **kwargs)


def test_person_choices_hold_only_people_in_scope(manager_client):
    html = manager_client.get(reverse("reports:assign")).content.decode()
    assert "Jobcenter Oberhausen" in html
    assert SECRET not in html and "Jugendamt Gelsenkirchen" not in html


def test_csv_preview_saves_nothing_and_hides_who_exists_outside_the_scope(manager_client, world):
    newcomer = world["ob"][0]
    newcomer_enrolment = Enrolment.objects.get(user=newcomer)
    newcomer_enrolment.delete()
    upload = _csv(
        "E-Mail\n"
        f"{newcomer.email}\n"
        f"{world['ob'][1].email}\n"
        "kein-at-zeichen\n"
        f"{world['ge'].email}\n"
        "niemand@example.org\n"
    )
    response = manager_client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": _due(), "email_file": upload},
    )
    html = response.content.decode()
    assert "1 Person wird angemeldet" in html
    assert "Bereits angemeldet" in html and world["ob"][1].email in html
    assert "Das ist keine gültige E-Mail-Adresse." in html
    # Existing (other region) and unknown addresses get the same words, and no name.
    assert (
        html.count("In Ihrem Verantwortungsbereich gibt es keine Person mit dieser Adresse.") == 2
    )
    assert SECRET not in html
    assert not Enrolment.objects.filter(user=newcomer).exists()
    assert mail.outbox == []


def test_confirm_enrols_with_due_date_and_sends_mail(
    manager_client, world, django_capture_on_commit_callbacks
):
    person = world["ob"][0]
    Enrolment.objects.filter(user=person).delete()
    token = _token(_preview(manager_client, world, _csv(f"{person.email}\n")))
    with django_capture_on_commit_callbacks(execute=True):
        response = _confirm(manager_client, token)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.assigned_by == world["manager"]
    assert enrolment.due_date.isoformat() == _due()
    assert mail.outbox[0].to == [person.email]
    assert "Berufsrückkehr begleiten" in mail.outbox[0].subject


def test_a_second_confirm_gives_the_same_answer_and_no_second_mail(
    manager_client, world, django_capture_on_commit_callbacks
):
    person = world["ob"][0]
    Enrolment.objects.filter(user=person).delete()
    token = _token(_preview(manager_client, world, _csv(f"{person.email}\n")))
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = _confirm(manager_client, token, follow=True)
        assert "„Berufsrückkehr begleiten“ wurde 1 Person zugewiesen." in response.content.decode()
    assert len(mail.outbox) == 1


def test_confirm_refuses_people_outside_the_scope(manager_client, world):
    # The scope changed between preview and confirm: the confirm step checks it again.
    token = confirmation_create(
        purpose="assignment",
        user=world["manager"],
        payload={"course": world["course"].pk, "due_date": _due(), "user": [world["ge"].pk]},
    ).token
    response = _confirm(manager_client, token, follow=True)
    assert "Es wurde nichts zugewiesen." in response.content.decode()
    assert SECRET not in response.content.decode()
    assert Enrolment.objects.get(user=world["ge"]).assigned_by is None


def test_semicolon_file_of_german_excel_is_understood(manager_client, world):
    person = world["ob"][0]
    Enrolment.objects.filter(user=person).delete()
    text = f"Nachname;Vorname;E-Mail-Adresse\r\n{person.last_name};Jörg;{person.email}\r\n"
    html = _preview(manager_client, world, _csv(text, "cp1252"))
    assert "1 Person wird angemeldet" in html and person.email in html
    assert "keine gültige E-Mail-Adresse" not in html
    assert "Windows-1252" in html and "Semikolon" in html


@pytest.mark.parametrize(
    "text",
    [
        "E-Mail\r{email}\r",
        "E-Mail\n{email}\n" + "x" * 131_073 + "@example.org\n",
        'E-Mail\n{email}\n"offen@example.org\n',
        "E-Mail\n{email}\nn\x00ul@example.org\n",
    ],
    ids=["cr-only", "field-over-131072", "unterminated-quote", "nul"],
)
def test_awkward_files_give_a_preview_not_a_server_error(manager_client, world, text):
    person = world["ob"][0]
    Enrolment.objects.filter(user=person).delete()
    html = _preview(manager_client, world, _csv(text.format(email=person.email)))
    assert "1 Person wird angemeldet" in html


@pytest.fixture
def _site_tree(transactional_db):
    """A transactional test starts on flushed tables: the page tree comes back first."""
    from home.site import ensure_site

    ensure_site()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_parallel_confirms_of_one_assignment_give_one_result(_site_tree, world):
    person = world["ob"][0]
    Enrolment.objects.filter(user=person).delete()
    manager = Client()
    manager.force_login(world["manager"])
    token = _token(_preview(manager, world, _csv(f"{person.email}\n")))
    barrier, results = threading.Barrier(6), []

    def confirm():
        client = Client()
        client.force_login(world["manager"])
        barrier.wait()
        try:
            results.append(_confirm(client, token, follow=True))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [response.status_code for response in results] == [200] * 6
    assert all("1 Person zugewiesen" in response.content.decode() for response in results)
    assert Enrolment.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 1


def test_whole_organisation_preview_lists_only_its_people(manager_client, world):
    response = manager_client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": _due(), "organisation": world["fz_ob"].pk},
    )
    html = response.content.decode()
    assert all(person.email in html for person in world["fz"])
    assert world["ob"][0].email not in html


def test_organisation_outside_the_scope_is_not_a_choice(manager_client, world):
    response = manager_client.post(
        reverse("reports:assign"),
        {"course": world["course"].pk, "due_date": _due(), "organisation": world["ja_ge"].pk},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Vorschau anzeigen" in html
    assert "Jugendamt Gelsenkirchen" not in html


def test_past_due_date_and_no_target_are_explained(manager_client, world):
    response = manager_client.post(
        reverse("reports:assign"), {"course": world["course"].pk, "due_date": "2000-01-01"}
    )
    html = response.content.decode()
    assert "Das Fälligkeitsdatum darf nicht in der Vergangenheit liegen." in html
    assert "Wählen Sie genau eines" in html


def test_learners_cannot_assign(client, world):
    client.force_login(world["ob"][0])
    assert client.get(reverse("reports:assign")).status_code in (302, 404)
