import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "email": "ayse@example.org",
        "first_name": "Ayşe",
        "last_name": "Yıldız",
        "job_title": "Fallmanagerin",
        "organisation": org.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_registration_creates_inactive_account_and_mails_a_link(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), _form(organisation))
    assert response.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.text
    user = User.objects.get(email="ayse@example.org")
    assert not user.is_active and user.organisation == organisation
    assert len(mail.outbox) == 1
    assert "Bitte bestätigen Sie Ihre Registrierung" in mail.outbox[0].subject

    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    response = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    assert "Ihr Konto ist bestätigt" in response.text
    user.refresh_from_db()
    assert user.is_active
    # The link works once; afterwards it is refused with a clear message.
    client.logout()
    response = client.get(re.sub(r"^https?://[^/]+", "", link))
    assert response.status_code == 400
    assert "ungültig" in response.text


def _without_token(html, local):
    """The page with the one address and the per-response CSRF token masked."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)
    return html.replace(local, "X@")


def _register(client, data, ip="192.0.2.1"):
    return client.post(reverse("accounts:register"), data, REMOTE_ADDR=ip)


def test_a_taken_address_answers_exactly_like_a_new_one_and_mails_the_owner(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="ayse@example.org", first_name="Ayşe")
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        taken = _register(client, _form(organisation, email="AYSE@example.org"))
        new = _register(client, _form(organisation, email="ben@example.org"))
    assert taken.status_code == new.status_code == 200
    assert _without_token(taken.text, "ayse@") == _without_token(new.text, "ben@")
    assert User.objects.filter(email="ayse@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.is_active
    notice = next(m for m in mail.outbox if m.to == ["ayse@example.org"])
    assert "Registrierungsversuch" in notice.subject
    assert "/konto/passwort/vergessen/" in notice.body and "/konto/anmelden/" in notice.body


def test_a_second_registration_cannot_take_over_a_pending_one(
    client, django_capture_on_commit_callbacks
):
    """Tester's finding: registering again with the same address replaced the waiting
    registration's password and name, so the owner's click confirmed a stranger's password.
    Now the first registration stays as it was and its link works."""
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, _form(organisation))
        second = _register(
            client,
            _form(
                organisation,
                first_name="Mallory",
                password1="Mallorys-Passwort-2026",
                password2="Mallorys-Passwort-2026",
            ),
        )
    assert second.status_code == 200
    assert len(mail.outbox) == 1  # the same link again would be a second mail within minutes
    client.get(
        re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", mail.outbox[0].body).group(0))
    )
    user = User.objects.get(email="ayse@example.org")
    assert user.is_active and user.first_name == "Ayşe"
    assert user.check_password(PASSWORD) and not user.check_password("Mallorys-Passwort-2026")


def test_a_pending_registration_gets_its_link_again_after_the_window(
    client, django_capture_on_commit_callbacks
):
    """Someone whose mail got lost registers again later: the same, still valid link."""
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, _form(organisation))
    later = timezone.now() + datetime.timedelta(minutes=11)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        _register(client, _form(organisation))
    assert len(mail.outbox) == 2
    links = [re.search(r"https?://\S+", m.body).group(0) for m in mail.outbox]
    client.get(re.sub(r"^https?://[^/]+", "", links[0]))
    assert User.objects.get(email="ayse@example.org").is_active


def test_a_double_click_on_register_mails_once_and_the_link_works(
    client, django_capture_on_commit_callbacks
):
    """The same form sent three times (a double click, a reload): one mail, and its link
    activates the account (before: three mails, only the last link worked)."""
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert _register(client, _form(organisation)).status_code == 200
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.get(re.sub(r"^https?://[^/]+", "", link))
    assert User.objects.get(email="ayse@example.org").is_active


def test_a_repeated_attempt_on_a_taken_address_notifies_the_owner_once(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ayse@example.org")
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert _register(client, _form(organisation)).status_code == 200
    assert len(mail.outbox) == 1
    assert "Registrierungsversuch" in mail.outbox[0].subject


def test_registrations_are_throttled_per_client_address(client):
    organisation = OrganisationFactory()
    for number in range(30):
        response = _register(client, _form(organisation, email=f"p{number}@example.org"))
        assert response.status_code == 200
    blocked = _register(client, _form(organisation, email="p99@example.org"))
    assert blocked.status_code == 429
    assert "Zu viele Registrierungen" in blocked.text
    assert not User.objects.filter(email="p99@example.org").exists()
    other = _register(client, _form(organisation, email="p99@example.org"), ip="192.0.2.2")
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz", "Dieses Passwort ist zu kurz"),
        ("1234567890123", "Dieses Passwort ist komplett numerisch"),
        ("password123", "Dieses Passwort ist zu üblich"),
    ],
)
def test_weak_passwords_are_refused_in_german(client, password, message):
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:register"),
        _form(organisation, password1=password, password2=password),
    )
    assert response.status_code == 400
    assert message in response.text
    assert not User.objects.exists()


def test_mismatched_passwords_are_refused(client):
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:register"), _form(organisation, password2=PASSWORD + "x")
    )
    assert response.status_code == 400
    assert "Die beiden Passwörter sind nicht identisch" in response.text


@pytest.mark.parametrize("tampered", ["999999", "abc", "1 OR 1=1"])
def test_tampered_organisation_id_is_a_field_error_not_a_500(client, tampered):
    OrganisationFactory()
    response = client.post(
        reverse("accounts:register"), _form(OrganisationFactory(), organisation=tampered)
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Organisation aus der Liste." in response.text
    assert not User.objects.exists()


def test_inactive_organisation_cannot_be_chosen(client):
    closed = OrganisationFactory(is_active=False)
    response = client.post(reverse("accounts:register"), _form(closed))
    assert response.status_code == 400
    assert not User.objects.exists()


@pytest.mark.parametrize("link", ["/konto/bestaetigen/xx/yy/", "/konto/bestaetigen/MQ/abc-def/"])
def test_mismatched_confirmation_link_is_a_400_with_a_message(client, link):
    UserFactory(is_active=False)
    response = client.get(link)
    assert response.status_code == 400
    assert "Bestätigungslink ist ungültig" in response.text


def test_confirmation_link_of_another_user_does_not_activate(client):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.tokens import email_confirmation_token

    alice = UserFactory(is_active=False)
    bob = UserFactory(is_active=False)
    token = email_confirmation_token.make_token(alice)
    uid = urlsafe_base64_encode(force_bytes(bob.pk))
    response = client.get(f"/konto/bestaetigen/{uid}/{token}/")
    assert response.status_code == 400
    bob.refresh_from_db()
    assert not bob.is_active


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    UserFactory(email="bekannt@example.org")
    known = client.post(reverse("accounts:password_reset"), {"email": "bekannt@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "fremd@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bekannt@example.org"]
    assert "Ihr neues KoFo-Passwort" in mail.outbox[0].subject


def test_login_by_email_ignores_case(client):
    UserFactory(email="zoe@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "ZOE@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_wrong_login_says_so_in_german(client):
    UserFactory(email="zoe@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "zoe@example.org", "password": "falsch"}
    )
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist falsch" in response.text


def test_repeated_failed_logins_are_locked_even_with_the_right_password(client):
    UserFactory(email="zoe@example.org")
    for _ in range(10):
        client.post(reverse("accounts:login"), {"username": "zoe@example.org", "password": "x"})
    response = client.post(
        reverse("accounts:login"), {"username": "zoe@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.text
    assert "_auth_user_id" not in client.session
