"""Pickers offer only people of the right role, and a forged POST is refused at the field."""

import pytest
from django.contrib.auth.models import Group

from lms import roles
from organisations.models import ManagerScope
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_SCOPE = "/verwaltung/sichtbereiche/new/"


def _with_role(role, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(_with_role(roles.ADMINISTRATION, last_name="Verwaltung"))
    return client


def test_manager_scope_picker_lists_only_managers(admin_client):
    manager = _with_role(roles.MANAGERS, last_name="Leitungsperson")
    learner = _with_role(roles.LEARNERS, last_name="Lernperson")
    page = admin_client.get(NEW_SCOPE)
    assert page.status_code == 200
    picker = page.text.split('name="manager"')[1].split("</select>")[0]
    assert f'value="{manager.pk}"' in picker and "Leitungsperson" in picker
    assert f'value="{learner.pk}"' not in picker and "Lernperson" not in page.text


def test_a_learner_posted_as_manager_is_refused_at_the_field(admin_client):
    learner = _with_role(roles.LEARNERS)
    region = RegionFactory(name="Oberhausen")
    response = admin_client.post(NEW_SCOPE, {"manager": learner.pk, "regions": [region.pk]})
    assert response.status_code == 200
    assert "Nur Mitglieder der Gruppe „Manager:innen“ können einen Sichtbereich haben." in (
        response.text
    )
    assert not ManagerScope.objects.exists()


def test_a_manager_gets_a_scope(admin_client):
    manager = _with_role(roles.MANAGERS)
    region = RegionFactory(name="Oberhausen")
    response = admin_client.post(NEW_SCOPE, {"manager": manager.pk, "regions": [region.pk]})
    assert response.status_code == 302
    assert list(ManagerScope.objects.get().regions.all()) == [region]
