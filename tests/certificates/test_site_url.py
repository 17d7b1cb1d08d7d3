"""One base URL for every link that leaves a request: PDF, QR code and mails."""

import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.urls import reverse

from tests.factories import UserFactory

from .factories import completed_enrolment, stored_pdf_text
from .pdfcheck import link_uris

pytestmark = pytest.mark.django_db


def test_pdf_and_mail_use_site_url_not_the_default_host(settings):
    settings.SITE_URL = "https://kofo.example.org/"
    enrolment = completed_enrolment()
    certificate = enrolment.certificates.get()
    with certificate.pdf.open("rb") as handle:
        data = handle.read()

    assert link_uris(data) == [
        f"https://kofo.example.org/bescheinigungen/pruefen/{certificate.code}/"
    ]
    assert "https://kofo.example.org/bescheinigungen/pruefen/" in stored_pdf_text(certificate)
    body = mail.outbox[-1].body
    assert f"https://kofo.example.org/bescheinigungen/{certificate.pk}/herunterladen/" in body
    assert f"https://kofo.example.org/bescheinigungen/{certificate.pk}/" in body
    assert "127.0.0.1" not in body and "testserver" not in body


def test_password_reset_mail_uses_site_url_not_the_request_host(client, settings):
    settings.SITE_URL = "https://kofo.example.org"
    UserFactory(email="bekannt@example.org")
    client.post(
        reverse("accounts:password_reset"),
        {"email": "bekannt@example.org"},
        HTTP_HOST="evil.example.com",
    )
    assert re.search(r"https://kofo\.example\.org/\S*passwort/neu/\S+/\S+/", mail.outbox[0].body)
    assert "evil.example.com" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("http://127.0.0.1:8000", ["kofo.W001"]),
        ("http://localhost", ["kofo.W001"]),
        ("http://kofo.example.org", ["kofo.W002"]),
        ("https://kofo.example.org", []),
    ],
)
def test_check_deploy_warns_when_site_url_points_at_this_machine(settings, url, ids):
    settings.SITE_URL = url
    found = [m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("kofo.")]
    assert found == ids


def test_production_refuses_to_start_without_site_url():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "DJANGO_SETTINGS_MODULE"}
    } | {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "kofo.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://kofo.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import lms.settings.production"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
