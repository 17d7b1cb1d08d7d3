"""Commands for the Administration (export_person_data, erase_person) and the retention of
answer texts (erase_expired_answers, KOFO_ANSWER_RETENTION_YEARS)."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from home.models import FooterLinks
from quizzes.models import Attempt, Response
from quizzes.personal_data import ERASED_TEXT
from quizzes.tasks import erase_expired_answers
from tests.factories import UserFactory

from .personal_data_world import take_quiz, world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def _run(*args, **kwargs):
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_export_person_data_prints_json():
    world()
    export = json.loads(_run("export_person_data", "LENA.Lernwillig@example.org"))
    assert export["sections"]["account"]["email"] == "lena.lernwillig@example.org"
    assert export["sections"]["attempts"][0]["quiz"] == "Kinderschutz"
    assert "Sven" not in json.dumps(export)
    with pytest.raises(CommandError, match="Kein Konto"):
        _run("export_person_data", "niemand@example.org")


def test_erase_person_asks_unless_yes(monkeypatch):
    data = world()
    monkeypatch.setattr("builtins.input", lambda prompt: "nein")
    assert "Abgebrochen" in _run("erase_person", "lena.lernwillig@example.org", reason="Antrag")
    data["learner"].refresh_from_db()
    assert data["learner"].erased_at is None

    out = _run("erase_person", "lena.lernwillig@example.org", reason="Antrag", yes=True)
    assert out.startswith("Gelöscht.")
    data["learner"].refresh_from_db()
    assert data["learner"].erased_at is not None
    assert Attempt.objects.filter(user=data["learner"]).count() == 1
    with pytest.raises(CommandError, match="Kein Konto"):  # the address is gone
        _run("erase_person", "lena.lernwillig@example.org", reason="Antrag", yes=True)


def _free_text(user):
    return Response.objects.get(attempt__user=user, position=0)


def test_retention_erases_old_answer_texts_and_keeps_the_scores(settings):
    data = world()  # Lena's attempt: now
    old = UserFactory(email="alt@example.org")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3 * 365 + 2)):
        take_quiz(old, data["quiz"], data["module"], text="SGB VIII bei Familie K.")
    before = _free_text(old)
    assert before.answer == "SGB VIII bei Familie K."

    settings.KOFO_ANSWER_RETENTION_YEARS = None
    assert "Keine Aufbewahrungsfrist" in _run("erase_expired_answers")
    assert _free_text(old).answer == "SGB VIII bei Familie K."

    settings.KOFO_ANSWER_RETENTION_YEARS = 3
    assert _run("erase_expired_answers").startswith("Gelöschte Antworten: 1 ")
    after = _free_text(old)
    assert after.answer == ERASED_TEXT
    assert (after.points, after.is_correct) == (before.points, before.is_correct)
    assert Attempt.objects.get(user=old).percent == 50  # the wrong text still counts wrong
    assert _free_text(data["learner"]).answer == "SGB VIII"  # younger: kept
    # Idempotent; the task does the same.
    assert erase_expired_answers.enqueue().return_value == 0


def test_privacy_page_states_rights_and_retention(client, settings, demo):
    privacy = FooterLinks.for_site(Site.objects.get(is_default_site=True)).privacy
    settings.KOFO_ANSWER_RETENTION_YEARS = 2
    text = client.get(privacy.url).text
    assert "Meine Daten" in text and "Inhaber:in gelöscht" in text
    assert "2 Jahre nach dem Versuch" in text
    settings.KOFO_ANSWER_RETENTION_YEARS = None
    assert "solange Ihr Konto besteht" in client.get(privacy.url).text
