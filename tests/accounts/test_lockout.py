"""Login lockout (django-axes, accounts.lockout): every login path, per account and client,
per account, malformed posts, unlocking."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from lms import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = "/konto/anmelden/"
ADMIN = "/verwaltung/login/"
EMAIL = "kiss@example.org"
LOCKED = "Anmeldung vorübergehend gesperrt"


def _post(client, password, *, url=SITE, username=EMAIL, ip="192.0.2.10"):
    data = {"username": username, "password": password}
    if password is None:
        del data["password"]
    return client.post(url, data, REMOTE_ADDR=ip)


def _fail(client, times, **kwargs):
    for _ in range(times):
        response = _post(client, "falsch", **kwargs)
    return response


@pytest.fixture
def kiss():
    return UserFactory(email=EMAIL)


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_the_tenth_failure_locks_and_even_the_right_password_is_refused(client, kiss):
    assert _fail(client, 9).status_code == 200
    locked = _post(client, "falsch")
    assert locked.status_code == 429 and LOCKED in locked.text
    right = _post(client, PASSWORD)
    assert right.status_code == 429 and LOCKED in right.text
    assert not _logged_in(client)


@pytest.mark.parametrize(
    "malformed",
    [
        {"password": ""},  # the observed fault: an empty password field
        {"password": None},  # the field missing
        {"username": ""},
        {"username": "kein-at-zeichen"},
    ],
    ids=["empty-password", "missing-password", "empty-username", "invalid-username"],
)
def test_a_malformed_post_never_resets_the_failure_count(client, kiss, malformed):
    _fail(client, 9)
    kwargs = {"username": malformed.get("username", EMAIL)}
    response = _post(client, malformed.get("password", "x"), **kwargs)
    assert response.status_code == 200
    locked = _post(client, "falsch")
    assert locked.status_code == 429


def test_a_post_without_csrf_token_never_resets_the_failure_count(client, kiss):
    _fail(client, 9)
    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, "", ip="192.0.2.10").status_code == 403
    assert _post(client, "falsch").status_code == 429


def test_45_wrong_passwords_with_empty_posts_in_between_are_blocked(client, kiss):
    statuses = []
    for _round in range(5):
        for _ in range(9):
            statuses.append(_post(client, "falsch").status_code)
        _post(client, "")
    assert statuses[:9] == [200] * 9
    assert set(statuses[9:]) == {429}
    assert _post(client, PASSWORD).status_code == 429


def test_the_locked_page_says_until_when_and_links_the_password_reset(client, kiss):
    with time_machine.travel(datetime.datetime(2026, 11, 22, 13, 0, tzinfo=datetime.UTC)):
        page = _fail(client, 10)
    assert page.status_code == 429
    # 13:00 UTC is 14:00 in Berlin; the lock ends 15 minutes after the last failure.
    assert "Bitte versuchen Sie es nach 14:15 Uhr am 22.11.2026 erneut." in page.text
    assert f'href="{reverse("accounts:password_reset")}"' in page.text


def test_the_lock_ends_by_itself_after_fifteen_minutes(client, kiss):
    start = datetime.datetime(2026, 11, 22, 13, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start):
        _fail(client, 10)
    with time_machine.travel(start + datetime.timedelta(minutes=14)):
        assert _post(client, PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16)):
        assert _post(client, PASSWORD).status_code == 302
    assert _logged_in(client)


def test_one_clients_failures_do_not_lock_the_person_out_elsewhere(client, kiss):
    _fail(client, 10, ip="198.51.100.1")
    assert _post(client, PASSWORD, ip="198.51.100.2").status_code == 302


def test_guessing_spread_over_many_addresses_locks_the_account_at_fifty(client, kiss):
    for number in range(49):
        assert _post(client, "falsch", ip=f"203.0.113.{number + 1}").status_code == 200
    assert _post(client, "falsch", ip="203.0.113.50").status_code == 429
    assert _post(Client(), PASSWORD, ip="198.51.100.77").status_code == 429


def test_a_success_clears_only_the_failures_of_that_client(client, kiss):
    _fail(client, 9, ip="198.51.100.1")  # an attacker
    person = Client()
    _fail(person, 3, ip="198.51.100.2")
    assert _post(person, PASSWORD, ip="198.51.100.2").status_code == 302
    # The person's success does not give the attacker ten new guesses.
    assert _post(client, "falsch", ip="198.51.100.1").status_code == 429
    assert not AccessAttempt.objects.filter(ip_address="198.51.100.2").exists()


@pytest.mark.parametrize("spelling", ["KISS@example.org", "kıss@example.org", "kiſs@example.org"])
def test_look_alike_spellings_count_against_the_same_account(client, kiss, spelling):
    _fail(client, 5)
    _fail(client, 4, username=spelling)
    assert _post(client, "falsch", username=spelling).status_code == 429
    assert _post(client, PASSWORD).status_code == 429


def test_the_admin_login_is_locked_by_the_same_counter(client, kiss):
    kiss.groups.add(Group.objects.get(name=roles.TRAINERS))
    _fail(client, 5)
    _fail(client, 4, url=ADMIN)
    locked = _post(client, "falsch", url=ADMIN)
    assert locked.status_code == 429 and LOCKED in locked.text
    assert _post(client, PASSWORD, url=ADMIN).status_code == 429
    assert not _logged_in(client)


def test_a_learner_gets_no_session_from_the_admin_login(client, kiss):
    kiss.groups.add(Group.objects.get(name=roles.LEARNERS))
    response = _post(client, PASSWORD, url=ADMIN)
    assert response.status_code == 200
    assert "keinen Zugang zur Verwaltung" in response.text
    assert not _logged_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_a_trainer_logs_in_at_the_admin_login(client, kiss):
    kiss.groups.add(Group.objects.get(name=roles.TRAINERS))
    assert _post(client, PASSWORD, url=ADMIN).status_code == 302
    assert _logged_in(client)


def test_setting_a_new_password_through_the_mailed_link_unlocks(client, kiss):
    for number in range(50):
        _post(client, "falsch", ip=f"203.0.113.{number + 1}")
    assert _post(client, PASSWORD).status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": EMAIL})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    form = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    new = "Neues-Passwort-2026!"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Ihr Passwort wurde gesetzt" in done.text or done.status_code == 200
    assert _post(client, new).status_code == 302


@pytest.fixture
def administration():
    admin = UserFactory(email="admin@example.org")
    admin.groups.add(Group.objects.get(name=roles.ADMINISTRATION))
    return admin


def test_administration_sees_the_locks_and_unlocks_by_deleting(client, kiss, administration):
    _fail(client, 10)
    attempt = AccessAttempt.objects.get(username=EMAIL)
    staff = Client()
    staff.force_login(administration)
    listing = staff.get("/verwaltung/anmeldesperren/")
    assert listing.status_code == 200 and EMAIL in listing.text
    assert "/verwaltung/anmeldesperren/new/" not in listing.text
    delete_url = f"/verwaltung/anmeldesperren/delete/{attempt.pk}/"
    assert staff.post(delete_url).status_code == 302
    assert _post(client, PASSWORD).status_code == 302


@pytest.mark.parametrize("role", [roles.MANAGERS, roles.TRAINERS])
def test_only_administration_sees_the_locks(client, role):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=role))
    client.force_login(person)
    assert client.get("/verwaltung/anmeldesperren/").status_code in (302, 403)
