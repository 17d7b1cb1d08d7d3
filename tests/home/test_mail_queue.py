"""No request waits for a mail server (outbox): mails are recorded, sent by a task on commit,
retried, and failures are listed for the Administration."""

import socket

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import send_mail
from django.urls import reverse

from accounts.models import User
from lms.roles import ADMINISTRATION, MANAGERS
from lms.settings import base
from outbox.models import Mail, MailStatus
from outbox.services import BACKOFF, MAX_ATTEMPTS, mail_deliver, mail_send_due
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
SUBJECT = "Bitte bestätigen Sie Ihre Registrierung"


@pytest.fixture
def smtp_down(settings):
    """The project's mail settings, with an SMTP server that refuses connections."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        settings.EMAIL_BACKEND = base.EMAIL_BACKEND
        settings.KOFO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed.getsockname()[1]
        yield settings


def _register(client, captured):
    data = {
        "email": "ayse@example.org",
        "first_name": "Ayşe",
        "last_name": "Yıldız",
        "job_title": "Fallmanagerin",
        "organisation": OrganisationFactory().pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with captured(execute=True):
        return client.post(reverse("accounts:register"), data)


def _staff(role):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=role))
    return person


def test_registration_with_the_mail_server_down_is_a_normal_answer_and_the_mail_waits(
    client, smtp_down, django_capture_on_commit_callbacks
):
    response = _register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.text
    assert User.objects.filter(email="ayse@example.org").exists()
    queued = Mail.objects.get()
    assert queued.status == MailStatus.RETRYING and queued.attempts == 1
    assert SUBJECT in queued.subject and "ConnectionRefusedError" in queued.last_error
    assert mail.outbox == []


def test_failed_mails_are_listed_for_the_administration_and_can_be_sent_again(
    client, smtp_down, django_capture_on_commit_callbacks
):
    _register(client, django_capture_on_commit_callbacks)
    queued = Mail.objects.get()

    client.force_login(_staff(MANAGERS))
    listing = client.get(reverse("outbox_mail:index"), follow=True)
    assert SUBJECT not in listing.text

    client.force_login(_staff(ADMINISTRATION))
    listing = client.get(reverse("outbox_mail:index"))
    assert listing.status_code == 200
    assert SUBJECT in listing.text and "ayse@example.org" in listing.text
    assert "Fehlgeschlagen, wird erneut versucht" in listing.text

    # The mail server is back: "Send again" delivers it.
    smtp_down.KOFO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = reverse("outbox_admin:retry", args=[queued.pk])
    assert "Erneut senden" in client.get(retry).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry, follow=True)
    assert "wird erneut gesendet" in response.text
    assert [message.to for message in mail.outbox] == [["ayse@example.org"]]
    assert SUBJECT in mail.outbox[0].subject and "/bestaetigen/" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.attempts == 2


def test_a_mail_is_retried_with_backoff_then_marked_failed(
    client, smtp_down, django_capture_on_commit_callbacks
):
    _register(client, django_capture_on_commit_callbacks)
    queued = Mail.objects.get()
    now = queued.next_attempt_at
    assert now - queued.created_at >= BACKOFF[0]
    for _attempt in range(2, MAX_ATTEMPTS + 1):
        assert mail_send_due(now=now) == 1  # the immediate backend delivers at once
        queued.refresh_from_db()
        now = queued.next_attempt_at or now
    assert queued.status == MailStatus.FAILED and queued.attempts == MAX_ATTEMPTS
    assert mail_send_due(now=now) == 0


def test_a_sent_mail_is_not_sent_twice(smtp_down, django_capture_on_commit_callbacks):
    smtp_down.KOFO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Betreff", "Text", None, ["a@example.org"])
    queued = Mail.objects.get()
    assert queued.status == MailStatus.SENT
    assert mail_deliver(mail_id=queued.pk) is None
    assert len(mail.outbox) == 1
