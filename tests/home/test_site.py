import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_home_page_is_german_and_links_the_legal_pages(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="de">' in html
    assert "Zum Inhalt springen" in html
    for title in ("Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit"):
        assert title in html


def test_browser_language_does_not_override_german(client, demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in response.text


def test_language_switch_to_english_and_back(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.text
    assert "Skip to content" in response.text
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/"}, follow=True)
    assert "Zum Inhalt springen" in response.text


def test_unknown_page_is_a_german_404(client, demo):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text


def test_seed_demo_is_idempotent(demo):
    from django.core.management import call_command

    from accounts.models import User
    from home.models import ContentPage
    from organisations.models import Organisation

    counts = (User.objects.count(), Organisation.objects.count(), ContentPage.objects.count())
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        ContentPage.objects.count(),
    )
    assert User.objects.get(email="lernende@example.org").check_password("kofo-demo")
    assert User.objects.get(email="admin@example.org").is_superuser


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="x" * 60 + "production-secret-from-env",
        ALLOWED_HOSTS="kofo.example.org",
        CSRF_TRUSTED_ORIGINS="https://kofo.example.org",
        # In memory: parallel test runs (pytest-xdist) share no database file.
        DATABASE_URL="sqlite://:memory:",
        SITE_URL="https://kofo.example.org",
    )
    env.update(overrides)
    return env


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_about_a_local_site_url():
    env = _production_env(SITE_URL="http://127.0.0.1:8000")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "kofo.W001" in result.stdout + result.stderr


def test_production_settings_name_a_missing_variable():
    env = _production_env()
    del env["SECRET_KEY"]
    del env["CSRF_TRUSTED_ORIGINS"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY, CSRF_TRUSTED_ORIGINS" in result.stderr
