"""The admin's user search finds names typed without their special letters (issue #15, 8)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get(reverse("wagtailusers_users:index"), {"q": query})
    assert response.status_code == 200
    return {user.email for user in response.context["object_list"]}


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True, first_name="Ada", last_name="Admin")
    client.force_login(admin)
    UserFactory(first_name="Ayşe", last_name="Yıldız", email="a.yildiz@jobcenter.example")
    UserFactory(first_name="Jörg", last_name="Müller", email="mueller@jugendamt.example")
    UserFactory(first_name="Anna", last_name="Schmidt", email="schmidt@familienzentrum.example")
    return client


@pytest.mark.parametrize(
    ("typed", "emails"),
    [
        ("yildiz", {"a.yildiz@jobcenter.example"}),
        ("Yıldız", {"a.yildiz@jobcenter.example"}),
        ("YILDIZ", {"a.yildiz@jobcenter.example"}),
        ("ayse yildiz", {"a.yildiz@jobcenter.example"}),
        ("Muller", {"mueller@jugendamt.example"}),
        ("Jorg", {"mueller@jugendamt.example"}),
        ("Schmidt", {"schmidt@familienzentrum.example"}),
        ("Quantenphysik", set()),
    ],
)
def test_admin_user_search_folds_special_letters(admin_client, typed, emails):
    assert found(admin_client, typed) == emails
