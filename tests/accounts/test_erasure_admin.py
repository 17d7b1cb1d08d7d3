"""Deleting a person in the Wagtail admin is the DSGVO erasure; the export for Administration.

Before: the user admin's delete (single and bulk) removed the person's attempts, responses,
enrolments and completions in cascade (issue #12, "Deleting a person deletes their exam
record").
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import Enrolment, ModuleCompletion
from lms.roles import ADMINISTRATION, MANAGERS
from organisations.models import ManagerScope
from quizzes.models import Attempt, Response
from tests.factories import UserFactory

from .personal_data_world import world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data():
    return world()


def _member(role, email):
    person = UserFactory(email=email)
    person.groups.add(Group.objects.get(name=role))
    return person


@pytest.fixture
def admin_client(client):
    client.force_login(_member(ADMINISTRATION, "verwaltung@example.org"))
    return client


def _records(user):
    return (
        Attempt.objects.filter(user=user).count(),
        Response.objects.filter(attempt__user=user).count(),
        Enrolment.objects.filter(user=user).count(),
        ModuleCompletion.objects.filter(user=user).count(),
    )


def test_deleting_a_person_in_the_admin_erases_and_keeps_the_attempts(admin_client, data):
    learner = data["learner"]
    records = _records(learner)
    assert records == (1, 2, 1, 1)
    url = reverse("wagtailusers_users:delete", args=[learner.pk])

    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Art. 17 DSGVO" in confirm.text and "Grund für die Löschung" in confirm.text

    refused = admin_client.post(url, {"reason": " "})
    assert refused.status_code == 400
    assert "Bitte geben Sie einen Grund für die Löschung an." in refused.text

    response = admin_client.post(url, {"reason": "Antrag vom 22.11.2026"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.erased_at is not None and learner.last_name == ""
    assert _records(learner) == records

    again = admin_client.get(url)
    assert "bereits gelöscht" in again.text


def test_bulk_delete_in_the_admin_erases_every_selected_person(admin_client, data):
    people = [data["learner"], data["stranger"]]
    before = [_records(person) for person in people]
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    query = "?" + "&".join(f"id={person.pk}" for person in people)

    confirm = admin_client.get(url + query)
    assert confirm.status_code == 200
    assert "Art. 17 DSGVO" in confirm.text and "Lena Lernwillig" in confirm.text

    response = admin_client.post(url + query, {"reason": "Auflösung der Dienststelle"})
    assert response.status_code == 302
    for person, records in zip(people, before, strict=True):
        person.refresh_from_db()
        assert person.erased_at is not None
        assert _records(person) == records


def test_administration_sees_anybodys_data_managers_never(client, data):
    learner = data["learner"]
    manager = _member(MANAGERS, "chefin@example.org")
    ManagerScope.objects.create(manager=manager).organisations.add(data["organisation"])
    page = reverse("accounts_admin:person_data", args=[learner.pk])
    as_json = reverse("accounts_admin:person_data_json", args=[learner.pk])
    delete = reverse("wagtailusers_users:delete", args=[learner.pk])

    client.force_login(manager)
    for url in (page, as_json):
        refused = client.get(url)  # Wagtail turns PermissionDenied into a redirect home
        assert refused.status_code in (302, 403) and b"Lernwillig" not in refused.content
    assert client.post(delete, {"reason": "x"}).status_code in (302, 403)
    learner.refresh_from_db()
    assert learner.erased_at is None

    client.force_login(_member(ADMINISTRATION, "verwaltung@example.org"))
    html = client.get(page)
    assert html.status_code == 200 and "Lena Lernwillig" in html.text
    assert json.loads(client.get(as_json).content)["sections"]["account"]["first_name"] == "Lena"
    assert client.get(reverse("accounts_admin:person_data", args=["9" * 25])).status_code == 404
    listing = client.get(reverse("wagtailusers_users:index")).text
    assert page in listing


def test_an_erased_account_cannot_be_given_a_name_again(admin_client, data):
    from accounts.personal_data import person_erase

    learner = data["learner"]
    person_erase(user=learner, by=None, reason="Antrag")
    learner.refresh_from_db()
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        {
            "email": "lena.neu@example.org",
            "first_name": "Lena",
            "last_name": "Lernwillig",
            "is_active": "on",
        },
    )
    assert "kann nicht mehr geändert werden" in response.text
    learner.refresh_from_db()
    assert learner.last_name == "" and not learner.is_active
