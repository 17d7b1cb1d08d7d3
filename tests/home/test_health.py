"""/healthz: what a load balancer and monitoring see of one app host."""

import pytest
from django.core.files.storage import storages
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    # Port 1: nothing listens there, the connection is refused at once.
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}


def test_healthy_host_answers_ok_cheaply_for_any_host_name_without_a_session(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        # A probe addresses the host by its internal address over plain HTTP.
        response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert client.head("/healthz").status_code == 200


def test_an_unreachable_cache_is_named_with_503(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"failed: cache\n")


def test_a_failing_storage_is_named_with_503(client, monkeypatch):
    def refused(name):
        raise PermissionError("Access Denied")

    monkeypatch.setattr(storages["private"], "exists", refused)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"failed: storage\n")


def test_every_failing_part_is_named_and_the_reason_stays_in_the_log(
    client, settings, monkeypatch, caplog
):
    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", lost)
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"failed: database, cache\n")
    assert "server closed the connection" not in response.content.decode()
    assert "server closed the connection" in caplog.text
