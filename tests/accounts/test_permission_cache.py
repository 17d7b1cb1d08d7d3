"""Cached permission sets (accounts.backends): the header's admin link costs no query on a
warm page, and a granted or revoked right shows on the very next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.roles import TRAINERS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LINK = 'href="/verwaltung/"'


def page(client):
    response = client.get("/konto/profil/")
    assert response.status_code == 200
    return response.text


def test_a_warm_page_asks_no_permission_query(client):
    client.force_login(UserFactory())
    page(client)
    with CaptureQueriesContext(connection) as queries:
        assert ADMIN_LINK not in page(client)
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_joining_and_leaving_a_role_shows_at_the_next_request(client):
    person = UserFactory()
    client.force_login(person)
    assert ADMIN_LINK not in page(client)
    trainers = Group.objects.get(name=TRAINERS)
    person.groups.add(trainers)
    assert ADMIN_LINK in page(client)
    person.groups.remove(trainers)
    assert ADMIN_LINK not in page(client)
    trainers.user_set.add(person)  # the reverse side of the relation
    assert ADMIN_LINK in page(client)


def test_a_right_taken_from_a_group_is_gone_for_its_members_at_once(client):
    person = UserFactory()
    group = Group.objects.create(name="Sonderrolle")
    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    group.permissions.add(access)
    person.groups.add(group)
    client.force_login(person)
    assert ADMIN_LINK in page(client)
    group.permissions.remove(access)
    assert ADMIN_LINK not in page(client)
    group.permissions.add(access)
    assert ADMIN_LINK in page(client)
    group.delete()
    assert ADMIN_LINK not in page(client)


def test_a_deactivated_person_has_no_rights_even_when_cached(client):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=TRAINERS))
    assert person.has_perm("wagtailadmin.access_admin")
    person.is_active = False
    person.save()
    fresh = type(person).objects.get(pk=person.pk)
    assert not fresh.has_perm("wagtailadmin.access_admin")
