import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def _due():
    return (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _csv(text):
    return SimpleUploadedFile("liste.csv", text.encode("utf-8"), content_type="text/csv")


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
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("reports:assign"),
            {
                "confirm": "1",
                "course": world["course"].pk,
                "due_date": _due(),
                "user": [person.pk],
            },
        )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.assigned_by == world["manager"]
    assert enrolment.due_date.isoformat() == _due()
    assert mail.outbox[0].to == [person.email]
    assert "Berufsrückkehr begleiten" in mail.outbox[0].subject


def test_confirm_refuses_people_outside_the_scope(manager_client, world):
    response = manager_client.post(
        reverse("reports:assign"),
        {
            "confirm": "1",
            "course": world["course"].pk,
            "due_date": _due(),
            "user": [world["ge"].pk],
        },
        follow=True,
    )
    assert "Es wurde nichts zugewiesen." in response.content.decode()
    assert SECRET not in response.content.decode()
    assert Enrolment.objects.get(user=world["ge"]).assigned_by is None


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
