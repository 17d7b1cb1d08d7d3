import re

import pytest
from django.core import mail
from django.urls import reverse

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


def test_registration_creates_inactive_account_and_mails_a_link(client):
    organisation = OrganisationFactory()
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


def test_taken_email_is_refused_at_the_field_case_insensitively(client):
    UserFactory(email="ayse@example.org")
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:register"), _form(organisation, email="AYSE@example.org")
    )
    assert response.status_code == 400
    assert "Es gibt bereits ein Konto mit dieser E-Mail-Adresse" in response.text
    assert User.objects.filter(email__iexact="ayse@example.org").count() == 1


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


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(client):
    UserFactory(email="zoe@example.org")
    for _ in range(10):
        client.post(reverse("accounts:login"), {"username": "zoe@example.org", "password": "x"})
    response = client.post(
        reverse("accounts:login"), {"username": "zoe@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Zu viele Fehlversuche" in response.text
    assert "_auth_user_id" not in client.session
