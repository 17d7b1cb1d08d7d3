"""What people see and do on the session pages (and in the session report)."""

import pytest
from django.contrib.auth.models import Group

from courses.models import ModuleCompletion
from events.models import Registration
from events.services import registration_create
from lms.roles import MANAGERS
from organisations.models import ManagerScope
from tests.factories import OrganisationFactory, UserFactory

from .conftest import enrolled, make_offering

pytestmark = pytest.mark.django_db


def test_a_learner_registers_on_the_offering_page(session, client):
    course, module, offering = session
    learner = enrolled(course)
    client.force_login(learner)
    page = client.get(offering.url).content.decode()
    assert "Familienzentrum Hamm" in page and "2 von 2 Plätzen frei" in page

    response = client.post(offering.url + "register/", follow=True)

    assert "Ihr Platz ist bestätigt." in response.content.decode()
    assert Registration.objects.get(user=learner).status == "confirmed"
    module_page = client.get(module.url).content.decode()
    assert "Sie haben einen Platz in „Hamm“" in module_page


def test_the_page_says_why_there_is_no_seat_and_offers_the_waiting_list(session, client):
    course, module, _hamm = session
    offering = make_offering(module, title="Düsseldorf", capacity=2, max_share_per_kind=50)
    jobcenter = OrganisationFactory(name="Jobcenter Düsseldorf", kind="jobcenter")
    registration_create(user=enrolled(course, organisation=jobcenter), offering=offering)
    learner = enrolled(course, organisation=jobcenter)
    client.force_login(learner)

    page = client.get(offering.url).content.decode()

    assert "Zurzeit ist für Sie kein Platz frei." in page
    assert "Höchstens 50 % der Plätze (1)" in page
    assert "Auf die Warteliste" in page
    response = client.post(offering.url + "register/", follow=True)
    assert "stehen Sie auf der Warteliste" in response.content.decode()
    assert "Warteliste (Platz 1)" in response.content.decode()


def test_the_mix_shows_counts_per_kind_and_no_names(session, client):
    course, _module, offering = session
    first = enrolled(course, kind="jobcenter", last_name="Kowalski")
    registration_create(user=first, offering=offering)
    registration_create(user=enrolled(course, kind="agentur"), offering=offering)
    client.force_login(enrolled(course, kind="familienzentrum"))
    page = client.get(offering.url).content.decode()
    assert "Jobcenter: 1" in page and "Agentur für Arbeit: 1" in page
    assert "Kowalski" not in page


def test_a_session_module_is_not_marked_done_by_the_learner(session, client):
    course, module, _offering = session
    learner = enrolled(course)
    client.force_login(learner)
    response = client.post(module.url + "complete/", follow=True)
    assert "wenn die Trainer:innen Ihre Anwesenheit erfassen" in response.content.decode()
    assert not ModuleCompletion.objects.filter(module=module).exists()


def test_a_manager_registers_a_colleague_and_gets_a_field_message_for_bad_input(session, client):
    course, _module, offering = session
    mine = OrganisationFactory(name="Jugendamt Hamm", kind="jugendhilfe")
    manager = UserFactory(organisation=mine)
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).organisations.add(mine)
    colleague = UserFactory(organisation=mine, email="kollegin@jugendamt-hamm.de")
    stranger = UserFactory(email="fremd@example.org")
    client.force_login(manager)

    bad = client.post(offering.url + "register/", {"email": "kein@@adresse"})
    assert bad.status_code == 200
    assert "field--error" in bad.content.decode()
    out = client.post(offering.url + "register/", {"email": stranger.email})
    assert "gehört niemand mit dieser Adresse" in out.content.decode()
    ok = client.post(offering.url + "register/", {"email": "Kollegin@Jugendamt-Hamm.de"})
    assert ok.status_code == 302
    assert Registration.objects.get(user=colleague).registered_by == manager
    assert not Registration.objects.filter(user=stranger).exists()


def test_the_dashboard_shows_upcoming_sessions_first(session, client):
    course, module, offering = session
    learner = enrolled(course)
    registration_create(user=learner, offering=offering)
    client.force_login(learner)
    page = client.get("/").content.decode()
    assert "Meine nächsten Termine" in page
    assert page.index("Meine nächsten Termine") < page.index("Meine Fortbildungen")
    assert module.title in page


def test_the_session_report_counts_registrations_attendance_and_mix_in_scope(session, client):
    course, _module, offering = session
    mine = OrganisationFactory(name="Jobcenter Hamm", kind="jobcenter")
    other = OrganisationFactory(name="Agentur Aachen", kind="agentur")
    manager = UserFactory(organisation=mine)
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).organisations.add(mine)
    registration_create(user=enrolled(course, organisation=mine), offering=offering)
    registration_create(user=enrolled(course, organisation=other), offering=offering)
    registration_create(user=enrolled(course, organisation=mine), offering=offering)  # waiting
    client.force_login(manager)

    page = client.get("/verwaltung/berichte/termine/").content.decode()

    assert "Hamm" in page and "Kooperation vor Ort" in page
    assert "Jobcenter: 1" in page
    assert "Agentur für Arbeit: 1" not in page  # out of the manager's scope
    export = client.get("/verwaltung/berichte/termine/?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    header, row = text.strip().splitlines()[:2]
    assert "Warteliste" in header
    assert row.split(";")[5:7] == ["1", "1"]  # confirmed, waiting of the manager's scope
