"""One rule for the client address (lms.throttle.client_ip), used by every throttle."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from lms.throttle import client_ip
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.5"


def _request(xff=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # nobody trusted: a forged header is ignored
        (0, None, PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the left one is the client's claim
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer hops than proxies: not through our proxies
        (1, "kein-ip", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, count, xff, expected):
    settings.KOFO_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(xff)) == expected


def _verify(client, ip):
    return client.get(
        reverse("certificates:verify", kwargs={"code": "ABCD-EFGH-JKLM-NPQR"}),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ip,
    )


@pytest.mark.django_db
def test_behind_one_proxy_bad_codes_block_only_the_client_that_sent_them(client, settings):
    settings.KOFO_TRUSTED_PROXY_COUNT = 1
    for _ in range(10):
        assert _verify(client, "203.0.113.7").status_code == 404
    assert _verify(client, "203.0.113.7").status_code == 429
    assert _verify(client, "198.51.100.8").status_code == 404


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_header_does_not_escape_the_throttle(client, settings):
    settings.KOFO_TRUSTED_PROXY_COUNT = 0
    for number in range(10):
        _verify(client, f"203.0.113.{number}")
    assert _verify(client, "198.51.100.8").status_code == 429


@pytest.mark.django_db
def test_the_login_lockout_uses_the_same_client_address(settings):
    settings.KOFO_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="kiss@example.org")
    attacker, person = Client(), Client()
    for _ in range(10):
        attacker.post(
            reverse("accounts:login"),
            {"username": "kiss@example.org", "password": "falsch"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = person.post(
        reverse("accounts:login"),
        {"username": "kiss@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_request_without_client_address_is_counted_not_a_500(client, settings):
    settings.KOFO_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote="")) is None
    UserFactory(email="kiss@example.org")
    for _ in range(10):
        response = client.post(
            reverse("accounts:login"),
            {"username": "kiss@example.org", "password": "falsch"},
            REMOTE_ADDR="",
        )
    assert response.status_code == 429
