"""DSGVO rights (issue #12 item 7): export (Art. 15/20) and erasure (Art. 17) of a person."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.personal_data import (
    PersonErasureError,
    export_json,
    person_data_export,
    person_erase,
)
from certificates.models import Certificate, private_storage
from certificates.services import (
    CertificateError,
    certificate_reissue,
    certificates_reissue_with_new_name,
)
from courses.models import Enrolment, ModuleCompletion, ReflectionAnswer
from lms.personal_data import sections
from lms.roles import ADMINISTRATION, MANAGERS
from organisations.models import ManagerScope
from outbox.models import Mail
from quizzes.models import Attempt, Response
from quizzes.personal_data import ERASED_TEXT
from quizzes.statistics import question_rows, quiz_summary
from reports import selectors as report_selectors
from reports.models import Reminder
from reports.selectors import quiz_results as quiz_report
from reports.tasks import send_reminder
from tests.certificates.factories import run_on_commit
from tests.factories import UserFactory

from .personal_data_world import FREE_TEXT, world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_and_outbox(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    # Mails go through the outbox, as in production: "mails sent to the person" are its rows.
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"


@pytest.fixture
def data():
    return world()


@pytest.fixture
def administration():
    person = UserFactory(email="verwaltung@example.org")
    person.groups.add(Group.objects.get(name=ADMINISTRATION))
    return person


def test_export_contains_every_section_for_a_learner_with_data(data):
    export = person_data_export(user=data["learner"])

    assert list(export["sections"]) == [section.key for section in sections()]
    assert set(export["sections"]) >= {
        "account",
        "enrolments",
        "module_completions",
        "reflection_answers",
        "attempts",
        "certificates",
        "mails",
        "reminders",
    }
    got = export["sections"]
    assert got["account"]["email"] == "lena.lernwillig@example.org"
    assert got["account"]["organisation"] == "Jobcenter Bottrop"
    assert [row["course"] for row in got["enrolments"]] == ["Kinderschutz kompakt"]
    assert got["enrolments"][0]["organisation"] == "Jobcenter Bottrop"
    assert [row["via"] for row in got["module_completions"]] == ["Lernkontrolle bestanden"]
    assert [row["answer"] for row in got["reflection_answers"]] == [FREE_TEXT]
    (attempt,) = got["attempts"]
    assert attempt["status"] == "Bestanden"
    assert [answer["answer"] for answer in attempt["answers"]][0] == "SGB VIII"
    assert [row["holder_name"] for row in got["certificates"]] == ["Lena Lernwillig"]
    assert [row["subject"] for row in got["mails"]] == ["Ihre Teilnahmebescheinigung ist da"]
    assert got["reminders"][0]["courses"] == ["Kinderschutz kompakt"]
    # Machine-readable (Art. 20): plain JSON, local times with their offset.
    parsed = json.loads(export_json(export))
    assert parsed["format"] == "kofo-personal-data"
    assert parsed["sections"]["enrolments"][0]["enrolled_at"].endswith("+01:00")


def test_another_persons_data_never_appears(data):
    text = export_json(person_data_export(user=data["learner"]))
    for foreign in (
        "Sven",
        "Fremd",
        "sven.fremd@example.org",
        "Svens eigene Gedanken",
        "Achtes Buch",
    ):
        assert foreign not in text


def test_learner_sees_and_downloads_their_data_from_the_profile(client, data):
    client.force_login(data["learner"])
    profile = client.get(reverse("accounts:profile")).text
    assert reverse("accounts:my_data") in profile
    assert reverse("accounts:my_data_json") in profile

    page = client.get(reverse("accounts:my_data"))
    assert page.status_code == 200
    html = page.text
    for heading in (
        "Konto",
        "Teilnahmen",
        "Antworten auf Reflexionsfragen",
        "Teilnahmebescheinigungen",
    ):
        assert heading in html
    assert "Lena" in html and "Familie Yilmaz" in html and "Sven" not in html
    assert page["Cache-Control"] == "private, no-store"

    download = client.get(reverse("accounts:my_data_json"))
    assert download["Content-Disposition"].startswith("attachment;")
    assert json.loads(download.content)["sections"]["account"]["last_name"] == "Lernwillig"
    as_file = client.get(reverse("accounts:my_data"), {"herunterladen": "1"})
    assert as_file["Content-Disposition"].startswith("attachment;")


def test_own_data_pages_need_a_login(client):
    for name in ("accounts:my_data", "accounts:my_data_json"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def _report_figures(course, quiz, viewers):
    """Everything the reports count, as plain values, for each viewer's scope."""
    figures = {
        "course": course.enrolments.filter(is_active=True).totals(),
        "quiz_summary": quiz_summary(quiz),
        "questions": [
            {k: v for k, v in row.items() if k != "question"} for row in question_rows(quiz)
        ],
        "certificates": sorted(Certificate.objects.values_list("status", "total_units")),
        "completions": ModuleCompletion.objects.count(),
    }
    for viewer in viewers:
        enrolments = report_selectors.enrolments_in_scope(viewer)
        attempts = quiz_report.attempts_in_scope(viewer)
        figures[viewer.email] = {
            "totals": report_selectors.totals(enrolments),
            "by_course_and_organisation": list(
                report_selectors.completion_by_course_and_organisation(enrolments)
            ),
            "progress": sorted(
                (row.pk, row.status, row.progress_percent, row.organisation.name)
                for row in report_selectors.learner_progress(enrolments)
            ),
            "by_kind": report_selectors.completion_by(enrolments, "organisation__kind"),
            "quizzes": list(quiz_report.quiz_rows(attempts)),
            "modules": quiz_report.module_rows(viewer, attempts),
        }
    return figures


def test_erasure_keeps_the_totals_of_every_report(data, administration):
    manager = UserFactory(email="chefin@example.org")
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).organisations.add(data["organisation"])
    viewers = [administration, manager]
    before = _report_figures(data["course"], data["quiz"], viewers)
    assert before[manager.email]["totals"]["completed"] == 2

    person_erase(user=data["learner"], by=administration, reason="Antrag vom 22.11.2026")

    assert _report_figures(data["course"], data["quiz"], viewers) == before


def test_erasure_removes_what_identifies_the_person_and_keeps_the_records(data, administration):
    learner, stranger = data["learner"], data["stranger"]
    certificate = Certificate.objects.get(holder=learner)
    pdf_name = certificate.pdf.name
    assert private_storage.exists(pdf_name)
    scores = list(
        Response.objects.filter(attempt__user=learner).values_list("points", "is_correct")
    )

    with run_on_commit():
        summary = person_erase(user=learner, by=administration, reason="Antrag vom 22.11.2026")

    learner.refresh_from_db()
    assert learner.email.startswith("geloescht-") and learner.email.endswith("@geloescht.invalid")
    assert (learner.first_name, learner.last_name, learner.job_title) == ("", "", "")
    assert not learner.is_active and not learner.has_usable_password()
    assert learner.erased_at is not None and not learner.groups.exists()
    assert learner.organisation == data["organisation"]  # reports count by it
    # Records stay: enrolment, completion, attempt with its scores, certificate.
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    assert Attempt.objects.filter(user=learner).count() == 1
    responses = Response.objects.filter(attempt__user=learner).order_by("position")
    assert list(responses.values_list("points", "is_correct")) == scores
    assert responses[0].answer == ERASED_TEXT  # the free text
    assert isinstance(responses[1].answer, list)  # the choice stays
    # What the person wrote or received is gone; the stranger's is untouched.
    assert not ReflectionAnswer.objects.filter(user=learner).exists()
    assert ReflectionAnswer.objects.filter(user=stranger).exists()
    assert not Mail.objects.filter(recipients__icontains="lena.lernwillig").exists()
    assert Mail.objects.filter(recipients__icontains="sven.fremd").exists()
    assert not Reminder.objects.filter(user=learner).exists()
    certificate.refresh_from_db()
    assert certificate.holder_name == "" and certificate.holder_erased
    assert not certificate.pdf and not private_storage.exists(pdf_name)
    assert certificate.serial and certificate.status == "valid"
    assert summary["reflection_answers"] == 1 and summary["certificates"] == 1
    # Who, when, why: in the account's log, which no longer carries the name.
    entry = ModelLogEntry.objects.for_instance(learner).get(action="kofo_accounts.erase")
    assert entry.data["reason"] == "Antrag vom 22.11.2026" and entry.user == administration
    assert "Lernwillig" not in export_json(person_data_export(user=learner))


def test_verification_says_holder_erased(client, data, administration):
    certificate = Certificate.objects.get(holder=data["learner"])
    url = reverse("certificates:verify", args=[certificate.code])
    assert "Lena Lernwillig" in client.get(url).text

    person_erase(user=data["learner"], by=administration, reason="Antrag")

    page = client.get(url).text
    assert "Inhaber:in gelöscht" in page
    assert "Lernwillig" not in page
    assert "Kinderschutz kompakt" in page  # the record itself still verifies


def test_the_certificate_page_of_an_erased_holder_names_nobody(client, data, administration):
    """Found by the tester: the page left the empty name out, so it read as if the
    organisation had taken part, and offered a PDF that no longer exists."""
    certificate = Certificate.objects.get(holder=data["learner"])
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    client.force_login(administration)
    page = client.get(reverse("certificates:view", args=[certificate.pk])).text
    assert "Inhaber:in gelöscht" in page
    assert reverse("certificates:download", args=[certificate.pk]) not in page


def test_erased_people_cannot_be_assigned_a_course(client, data, administration):
    """Found by the tester: the assignment picker offered erased accounts."""
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    client.force_login(administration)
    page = client.get(reverse("reports:assign")).text
    assert "geloescht-" not in page
    assert data["stranger"].email in page


def test_reports_list_an_erased_person_as_erased_not_as_a_blank_name(client, data, administration):
    """Found by the tester: the learner-progress report showed ", " for an erased person."""
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    client.force_login(administration)
    page = client.get(reverse("reports:learner_progress")).text
    assert "(gelöscht)" in page and "Lernwillig" not in page
    export = client.get(reverse("reports:learner_progress"), {"export": "csv"})
    assert "(gelöscht)" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_erased_person_cannot_log_in_or_reset_the_password(client, data, administration):
    learner = data["learner"]
    learner.set_password("Geheim-Passwort-123")
    learner.save()
    client.force_login(learner)

    person_erase(user=learner, by=administration, reason="Antrag")

    # The open session ends.
    assert client.get(reverse("accounts:profile")).status_code == 302
    response = client.post(
        reverse("accounts:login"),
        {"username": "lena.lernwillig@example.org", "password": "Geheim-Passwort-123"},
    )
    assert response.status_code == 200  # the form again, with its error
    assert client.get(reverse("accounts:profile")).status_code == 302
    mail.outbox.clear()
    Mail.objects.all().delete()
    with run_on_commit():
        client.post(reverse("accounts:password_reset"), {"email": "lena.lernwillig@example.org"})
    assert mail.outbox == [] and not Mail.objects.exists()


def test_mail_tasks_skip_erased_people(data, administration):
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    mail.outbox.clear()
    before = Mail.objects.count()
    reminder = Reminder.objects.create(
        user=data["learner"], sent_on="2026-12-24", courses="Kinderschutz kompakt"
    )

    with run_on_commit():
        send_reminder.enqueue(reminder.pk)

    assert Mail.objects.count() == before
    assert mail.outbox == []


def test_no_reissue_with_a_new_name_for_an_erased_holder(data, administration):
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    learner = data["learner"]
    learner.refresh_from_db()
    with pytest.raises(CertificateError, match="gelöscht"):
        certificates_reissue_with_new_name(holder=learner)
    with pytest.raises(CertificateError, match="gelöscht"):
        certificate_reissue(certificate=Certificate.objects.get(holder=learner))
    assert Certificate.objects.filter(holder=learner).count() == 1


def test_erasure_refusals(data, administration):
    with pytest.raises(PersonErasureError, match="Grund"):
        person_erase(user=data["learner"], by=administration, reason="  ")
    with pytest.raises(PersonErasureError, match="eigenes"):
        person_erase(user=administration, by=administration, reason="Test")
    person_erase(user=data["learner"], by=administration, reason="Antrag")
    with pytest.raises(PersonErasureError, match="bereits"):
        person_erase(user=data["learner"], by=administration, reason="Antrag")


def test_records_protect_their_person_from_a_plain_delete(data):
    # Before: deleting the account took attempts, responses, enrolments and completions along.
    with pytest.raises(ProtectedError):
        data["learner"].delete()
    assert Attempt.objects.filter(user=data["learner"]).exists()


def test_erasure_replaces_hand_recorded_reasons_and_deletes_previews_naming_the_person(
    data, administration
):
    """Tester's finding: erasure kept the reason of a completion recorded by hand (free text
    about the person) and the people-import preview with their name and address."""
    from reports.models import Confirmation
    from reports.services import confirmation_create

    learner, stranger = data["learner"], data["stranger"]
    Enrolment.objects.filter(user=learner).update(completion_reason="War am 2. Tag krank")
    ModuleCompletion.objects.filter(user=learner).update(reason="Präsenz in Hamm, krank")
    lines = [{"email": learner.email, "last_name": learner.last_name}]
    confirmation_create(purpose="people_import", user=administration, payload={"rows": lines})
    other = confirmation_create(
        purpose="people_import", user=administration, payload={"rows": [{"email": stranger.email}]}
    )
    exported = export_json(person_data_export(user=learner))
    assert "War am 2. Tag krank" in exported and "people_import" in exported

    with run_on_commit():
        person_erase(user=learner, by=administration, reason="Antrag")

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completion_reason == ERASED_TEXT and enrolment.is_manual_completion
    assert ModuleCompletion.objects.get(user=learner).reason == ERASED_TEXT
    assert list(Confirmation.objects.values_list("pk", flat=True)) == [other.pk]
