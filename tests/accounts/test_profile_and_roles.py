import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_profile_edits_the_certificate_name_but_not_email_or_organisation(client):
    user = UserFactory(first_name="Zoe", last_name="Muller")
    other_org = UserFactory().organisation
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert "wie in Ihrem Ausweis" in page.text
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Zoë",
            "last_name": "Müller-Lüdenscheidt",
            "job_title": "Erzieherin",
            "email": "hijack@example.org",
            "organisation": other_org.pk,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.job_title) == (
        "Zoë",
        "Müller-Lüdenscheidt",
        "Erzieherin",
    )
    assert user.email != "hijack@example.org"
    assert user.organisation != other_org


def test_profile_requires_a_name(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"first_name": "", "last_name": ""})
    assert response.status_code == 400
    assert "Dieses Feld muss ausgefüllt werden." in response.text


def test_the_four_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)


def test_learners_never_reach_the_admin(client):
    learner = UserFactory()
    learner.groups.add(Group.objects.get(name=roles.LEARNERS))
    client.force_login(learner)
    response = client.get("/verwaltung/")
    assert response.status_code == 302
    assert not learner.has_perm("wagtailadmin.access_admin")


def test_trainers_and_managers_reach_the_admin(client):
    for role in (roles.TRAINERS, roles.MANAGERS):
        person = UserFactory()
        person.groups.add(Group.objects.get(name=role))
        client.force_login(person)
        assert client.get("/verwaltung/").status_code == 200, role


def test_managers_cannot_edit_users_or_pages():
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name=roles.MANAGERS))
    assert not manager.has_perm("accounts.change_user")
    assert not manager.has_perm("wagtailimages.add_image")


def test_trainers_open_the_question_categories_managers_do_not(client):
    trainer, manager = UserFactory(), UserFactory()
    trainer.groups.add(Group.objects.get(name=roles.TRAINERS))
    manager.groups.add(Group.objects.get(name=roles.MANAGERS))
    client.force_login(trainer)
    assert client.get("/verwaltung/lernkontrollen-kategorien/").status_code == 200
    client.force_login(manager)
    assert client.get("/verwaltung/lernkontrollen-kategorien/").status_code == 302


def test_password_change_needs_the_old_password(client):
    from tests.factories import PASSWORD

    user = UserFactory()
    client.force_login(user)
    wrong = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "falsch",
            "new_password1": "Neues-Passwort-2026",
            "new_password2": "Neues-Passwort-2026",
        },
    )
    assert "Das alte Passwort war falsch" in wrong.text
    right = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Neues-Passwort-2026",
            "new_password2": "Neues-Passwort-2026",
        },
    )
    assert right.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neues-Passwort-2026")
