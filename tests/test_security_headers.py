"""Security headers: Content-Security-Policy and Permissions-Policy on the learner site and in
the admin, and no request to another host (gravatar) from the admin."""

import pytest

from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def _directives(response):
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_learner_pages_forbid_inline_scripts_and_other_hosts(client):
    client.force_login(UserFactory())
    course = make_course(title="Kinderschutz")
    for url in ("/", course.get_parent().url, course.url, "/konto/anmelden/"):
        directives = _directives(client.get(url))
        assert directives["script-src"] == ["'self'"]
        assert directives["default-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert "https://www.youtube-nocookie.com" in directives["frame-src"]


def test_admin_policy_is_looser_only_where_wagtail_needs_it(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/verwaltung/")
    directives = _directives(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert not any(source.startswith("http") for source in directives["img-src"])


@pytest.mark.parametrize("url", ["/", "/konto/anmelden/", "/verwaltung/login/"])
def test_permissions_policy_denies_devices_and_payment(client, url):
    policy = client.get(url).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_the_admin_shows_no_gravatar(client):
    client.force_login(
        UserFactory(email="katrin.hoffmann@example.org", is_superuser=True, is_staff=True)
    )
    for url in ("/verwaltung/", "/verwaltung/users/", "/verwaltung/account/"):
        assert "gravatar" not in client.get(url).text
