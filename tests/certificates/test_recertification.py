"""Recertification (issue #12, item 3): the certificate's expiry drives a refresher.

Timeline of one person, course valid 12 months, refresher lead time 60 days:
complete on 15.01.2026 → certificate valid until 14.01.2027 → on 15.11.2026 (expiry − 60 d)
``manage.py recertify`` enrols her again (cycle 2, due 14.01.2027) and mails her → the
manager's report shows "Läuft ab", later "Abgelaufen" → she completes again → a second
certificate; the first stays, valid until its own date, and its row says "Erneuert".
"""

import datetime
import threading
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import Certificate
from certificates.recertification import recertification_run
from courses import services as courses
from courses.models import Enrolment, ModuleCompletion
from courses.services import course_progress
from lms.roles import MANAGERS
from organisations.models import ManagerScope
from tests.certificates.factories import run_on_commit
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db

BERLIN = datetime.timezone(datetime.timedelta(hours=1))  # winter time, as every date below


def at(day, hour=10):
    """A moment on ``day`` (a "TT.MM.JJJJ" string) in Berlin."""
    date = datetime.datetime.strptime(day, "%d.%m.%Y")
    return time_machine.travel(date.replace(hour=hour, tzinfo=BERLIN), tick=False)


@pytest.fixture
def setting():
    region = RegionFactory(name="Oberhausen")
    organisation = OrganisationFactory(name="Jobcenter Oberhausen", region=region)
    manager = UserFactory(organisation=organisation)
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).regions.add(region)
    learner = UserFactory(
        organisation=organisation, first_name="Sabine", last_name="Krüger", email="sk@example.org"
    )
    course = make_course(title="Kinderschutz Auffrischung", modules=2, validity_months=12)
    return {"manager": manager, "learner": learner, "course": course}


def complete_all(user, course):
    """Complete every module of ``course`` as the learner would (certificate issued)."""
    with run_on_commit():
        courses.enrolment_create(user=user, course=course)
        for module in course.modules():
            courses.module_complete(user=user, module=module, via="manual")


def recertify():
    out = StringIO()
    with run_on_commit():
        call_command("recertify", stdout=out)
    return out.getvalue()


def report(client, **params):
    """The learner-progress CSV of the manager (logged in now: sessions expire while the
    clock travels) as a list of {heading: cell}."""
    from tests.reports.test_exports import csv_rows

    client.force_login(client.manager)
    response = client.get(reverse("reports:learner_progress"), {"export": "csv", **params})
    rows = csv_rows(response)
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_timeline_from_completion_to_renewal(client, setting):
    learner, course = setting["learner"], setting["course"]
    client.manager = setting["manager"]

    with at("15.01.2026"):
        complete_all(learner, course)
    first = Certificate.objects.get()
    assert first.valid_until == datetime.date(2027, 1, 14)

    with at("01.06.2026"):
        (row,) = report(client)
        assert (row["Durchgang"], row["Gültig bis"], row["Gültigkeit"]) == (
            "1",
            "14.01.2027",
            "Gültig",
        )

    mail.outbox.clear()
    with at("14.11.2026"):  # 61 days before the expiry: not yet
        assert "0 Auffrischung(en) angelegt." in recertify()
        assert report(client)[0]["Gültigkeit"] == "Gültig"
    assert Enrolment.objects.count() == 1 and mail.outbox == []

    with at("15.11.2026"):  # 60 days before: the refresher starts
        assert "1 Auffrischung(en) angelegt." in recertify()
        refresher = Enrolment.objects.get(cycle=2)
        assert refresher.due_date == datetime.date(2027, 1, 14)
        assert refresher.completed_at is None and refresher.user == learner
        (message,) = mail.outbox
        assert message.to == ["sk@example.org"]
        assert message.subject == "Auffrischung fällig bis 14.01.2027: Kinderschutz Auffrischung"
        assert "bis zum 14.01.2027" in message.body

        rows = report(client)
        assert [(r["Durchgang"], r["Gültigkeit"], r["Status"]) for r in rows] == [
            ("1", "Läuft ab", "Abgeschlossen"),
            ("2", "", "Nicht begonnen"),
        ]
        assert [r["Durchgang"] for r in report(client, validity="expiring")] == ["1"]

        # The second run the same day (and another one later) starts nothing and mails nobody.
        assert "0 Auffrischung(en) angelegt." in recertify()
    with at("16.11.2026"):
        assert "0 Auffrischung(en) angelegt." in recertify()
    assert Enrolment.objects.count() == 2 and len(mail.outbox) == 1

    # The learner starts from zero; her earlier completions are kept as history.
    progress = course_progress(user=learner, course=course)
    assert (progress.completed, progress.percent, progress.completed_at) == (0, 0, None)
    assert ModuleCompletion.objects.filter(user=learner, superseded_at__isnull=False).count() == 2

    with at("20.11.2026"):
        client.force_login(learner)
        dashboard = client.get("/").text
    assert "Auffrischung fällig bis 14.01.2027." in dashboard

    with at("20.01.2027"):  # expired, refresher still open
        rows = report(client)
        assert [(r["Gültigkeit"], r["Status"]) for r in rows] == [
            ("Abgelaufen", "Abgeschlossen"),
            ("", "Überfällig"),
        ]
        assert [r["Nachname"] for r in report(client, validity="expired")] == ["Krüger"]

    with at("25.01.2027"):
        complete_all(learner, course)
        second = Certificate.objects.exclude(pk=first.pk).get()
        assert second.enrolment.cycle == 2
        assert second.valid_until == datetime.date(2028, 1, 24)
        first.refresh_from_db()
        assert first.status == "valid" and first.valid_until == datetime.date(2027, 1, 14)
        rows = report(client)
        assert [(r["Durchgang"], r["Gültigkeit"], r["Gültig bis"]) for r in rows] == [
            ("1", "Erneuert", "14.01.2027"),
            ("2", "Gültig", "24.01.2028"),
        ]
        assert report(client, validity="expired") == []
        # A renewed certificate starts no further refresher until the new one expires.
        assert "0 Auffrischung(en) angelegt." in recertify()


def test_a_course_without_validity_never_starts_a_refresher(setting):
    course = make_course(title="Ohne Ablauf", modules=1)
    with at("15.01.2026"):
        complete_all(setting["learner"], course)
    with at("15.01.2036"):
        assert recertification_run() == []


def test_a_revoked_certificate_or_an_inactive_account_starts_nothing(setting):
    learner, course = setting["learner"], setting["course"]
    other = UserFactory(is_active=False)
    with at("15.01.2026"):
        complete_all(learner, course)
        complete_all(other, course)
    Certificate.objects.filter(holder=learner).update(status="revoked")
    with at("01.12.2026"):
        assert recertification_run() == []


def _due_people(course, count):
    with at("15.01.2026"):
        for _ in range(count):
            complete_all(UserFactory(), course)


def _queries_of_run():
    with CaptureQueriesContext(connection) as queries, at("01.12.2026"):
        started = recertification_run()
    return len(started), len(queries)


def test_the_recertify_batch_runs_a_fixed_number_of_queries(setting):
    course = setting["course"]
    _due_people(course, 2)
    few = _queries_of_run()
    Enrolment.objects.filter(cycle=2).delete()
    _due_people(course, 6)
    many = _queries_of_run()
    assert few[0] == 2 and many[0] == 8
    # refreshers_due 1, then per batch: 2 savepoints (4), lock, later cycles, courses,
    # insert, archive of the module completions: 10 whether 2 or 8 people.
    assert many[1] == few[1] <= 10


def _in_threads(target, count):
    errors, results = [], []
    barrier = threading.Barrier(count)

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_recertify_runs_create_one_refresher_each():
    from home.site import ensure_site

    ensure_site()
    course = make_course(title="Parallel", modules=1, validity_months=12)
    _due_people(course, 4)

    with at("01.12.2026"):
        errors, results = _in_threads(recertification_run, 3)

    assert errors == []
    assert len(results) == 3
    # Each refresher was started by exactly one of the runs, and exists once.
    assert sum(len(started) for started in results) == 4
    assert Enrolment.objects.filter(cycle=2).count() == 4
