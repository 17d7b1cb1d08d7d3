"""Argon2id hashing (accounts.hashers); the rest of the suite keeps the fast MD5 hasher."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from lms.settings import base
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CURRENT = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


def test_an_old_pbkdf2_hash_becomes_argon2id_at_the_next_login(client, settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(email="alt@example.org")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(
        reverse("accounts:login"), {"username": "alt@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(CURRENT)
    assert user.check_password(PASSWORD)


def test_an_argon2id_hash_with_older_parameters_is_rehashed_at_the_next_login(client, settings):
    from argon2 import PasswordHasher, Type

    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(email="vorher@example.org")
    older = PasswordHasher(time_cost=3, memory_cost=19456, parallelism=1, type=Type.ID)
    user.password = "argon2" + older.hash(PASSWORD)
    user.save(update_fields=["password"])

    response = client.post(
        reverse("accounts:login"), {"username": "vorher@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(CURRENT)
