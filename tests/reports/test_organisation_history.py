"""A record keeps the organisation it happened in: a move never rewrites past figures, the old
manager keeps the records of their time, the new manager sees the person from the move on."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from certificates.services import certificate_issue
from courses import services as courses
from courses.models import Enrolment, ModuleCompletion
from lms.roles import MANAGERS
from organisations.models import ManagerScope
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course

from .test_exports import csv_rows

pytestmark = pytest.mark.django_db


def _manager(email, organisation):
    person = UserFactory(email=email, organisation=organisation)
    person.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=person).organisations.add(organisation)
    return person


@pytest.fixture
def moved(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    old = OrganisationFactory(name="Jobcenter Oberhausen", region=RegionFactory(name="Oberhausen"))
    new = OrganisationFactory(name="Jugendamt Essen", region=RegionFactory(name="Essen"))
    person = UserFactory(organisation=old, last_name="Umzug", email="umzug@example.org")
    before = make_course(modules=1, title="Vor dem Wechsel")
    enrolment = courses.enrolment_create(user=person, course=before)
    courses.module_complete(user=person, module=before.modules().first(), via="manual")
    certificate = certificate_issue(enrolment=Enrolment.objects.get(pk=enrolment.pk))
    person.organisation = new
    person.save()
    after = make_course(modules=1, title="Nach dem Wechsel")
    courses.enrolment_create(user=person, course=after)
    return {
        "old": old,
        "new": new,
        "person": person,
        "certificate": certificate,
        "old_manager": _manager("alt@example.org", old),
        "new_manager": _manager("neu@example.org", new),
    }


def test_services_record_the_organisation_at_write_time(moved):
    enrolments = Enrolment.objects.filter(user=moved["person"]).order_by("course__title")
    assert [e.organisation for e in enrolments] == [moved["new"], moved["old"]]
    completion = ModuleCompletion.objects.get(user=moved["person"])
    assert completion.organisation == moved["old"]
    assert moved["certificate"].organisation == moved["old"]


def test_old_organisation_figures_do_not_change_after_a_move(client, moved):
    client.force_login(moved["old_manager"])
    rows = csv_rows(client.get(reverse("reports:completion"), {"export": "csv"}))
    assert [r[:2] for r in rows[1:]] == [["Vor dem Wechsel", "Jobcenter Oberhausen"]]
    assert rows[1][-1] == "100"


def test_old_manager_keeps_the_records_of_their_time(client, moved):
    client.force_login(moved["old_manager"])
    rows = csv_rows(client.get(reverse("reports:learner_progress"), {"export": "csv"}))
    assert [(r[0], r[4]) for r in rows[1:]] == [("Umzug", "Vor dem Wechsel")]
    listing = client.get(reverse("certificates_certificate:index"))
    assert moved["certificate"].serial in listing.content.decode()


def test_new_manager_sees_the_person_from_the_move_on_only(client, moved):
    client.force_login(moved["new_manager"])
    rows = csv_rows(client.get(reverse("reports:learner_progress"), {"export": "csv"}))
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        ("Umzug", "Jugendamt Essen", "Nach dem Wechsel")
    ]
    rows = csv_rows(client.get(reverse("reports:completion"), {"export": "csv"}))
    assert [r[:2] for r in rows[1:]] == [["Nach dem Wechsel", "Jugendamt Essen"]]


def test_new_manager_does_not_see_certificates_from_before_the_move(client, moved):
    client.force_login(moved["new_manager"])
    listing = client.get(reverse("certificates_certificate:index"))
    assert moved["certificate"].serial not in listing.content.decode()
    download = client.get(reverse("certificates:download", args=[moved["certificate"].pk]))
    assert download.status_code == 404
