"""Sessions (Termine) in a real browser with axe: a learner registers (and meets the share
cap and the waiting list), a trainer takes attendance for several people at once."""

import datetime

from playwright.sync_api import expect

from courses.models import ModuleCompletion
from events.models import Registration
from events.services import registration_create
from tests.e2e.conftest import visit
from tests.events.conftest import berlin, enrolled, make_offering, make_session
from tests.factories import OrganisationFactory, UserFactory


def test_a_learner_registers_meets_the_share_cap_and_joins_the_waiting_list(page, login):
    course, module = make_session()
    hamm = make_offering(module, title="Hamm", capacity=4)
    duesseldorf = make_offering(
        module,
        title="Düsseldorf",
        capacity=2,
        max_share_per_kind=50,
        place_name="Familienzentrum Düsseldorf-Garath",
        address="Frankfurter Str. 1, 40595 Düsseldorf",
    )
    jobcenter = OrganisationFactory(name="Jobcenter Düsseldorf", kind="jobcenter")
    registration_create(user=enrolled(course, organisation=jobcenter), offering=duesseldorf)
    learner = enrolled(course, organisation=jobcenter, first_name="Selin")
    login(learner)

    visit(page, module.url, "session module page")
    expect(page.get_by_role("heading", name="Termine und Orte – wählen Sie einen")).to_be_visible()
    page.get_by_role("link", name="Düsseldorf").click()
    expect(page.get_by_text("Zurzeit ist für Sie kein Platz frei.")).to_be_visible()
    visit(page, duesseldorf.url, "offering page with the share cap reached")
    page.get_by_role("button", name="Auf die Warteliste").click()
    expect(page.get_by_text("Warteliste (Platz 1)")).to_be_visible()
    visit(page, duesseldorf.url, "offering page on the waiting list")

    page.get_by_role("button", name="Warteliste verlassen").click()
    visit(page, hamm.url, "offering page with free seats")
    page.get_by_role("button", name="Für diesen Termin anmelden").click()
    expect(page.get_by_text("Ihr Platz ist bestätigt.").first).to_be_visible()
    assert Registration.objects.get(user=learner, status="confirmed").offering_id == hamm.pk

    visit(page, "/", "dashboard with upcoming sessions")
    expect(page.get_by_role("heading", name="Meine nächsten Termine")).to_be_visible()
    visit(page, "/kalender/", "my calendar")
    page.get_by_role("button", name="Meine Kalenderadresse erstellen").click()
    expect(page.get_by_label("Ihre private Kalenderadresse")).to_have_value(
        f"http://testserver/kalender/{learner.calendar_feed.token}.ics"
    )
    visit(page, "/kalender/", "my calendar with its address")


def test_a_trainer_takes_attendance_for_several_people_at_once(page, login, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC))
    course, module = make_session()
    offering = make_offering(
        module,
        capacity=5,
        dates=[(berlin(2027, 3, 12, 9), berlin(2027, 3, 12, 16))],
        deadline=berlin(2027, 3, 10, 12),
    )
    trainer = UserFactory(first_name="Tanja", last_name="Trainerin")
    offering.trainers.add(trainer)
    offering.save()
    people = [
        enrolled(course, kind=kind, first_name=name, last_name="Beispiel")
        for kind, name in [("jobcenter", "Anna"), ("agentur", "Bernd"), ("jugendhilfe", "Cem")]
    ]
    for person in people:
        registration_create(user=person, offering=offering)
    time_machine.move_to(datetime.datetime(2027, 3, 12, 14, tzinfo=datetime.UTC))
    login(trainer)

    visit(page, offering.url, "offering page for trainers")
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    visit(page, offering.url + "attendance/", "attendance screen")
    page.get_by_label("Anna Beispiel").check()
    page.get_by_label("Bernd Beispiel").check()
    page.get_by_label("Ausgewählte Personen markieren als").select_option("present")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    expect(page.get_by_text("Anwesenheit für 2 Personen gespeichert.")).to_be_visible()
    page.get_by_label("Cem Beispiel").check()
    page.get_by_label("Ausgewählte Personen markieren als").select_option("excused")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    visit(page, offering.url + "attendance/", "attendance screen after marking")

    assert ModuleCompletion.objects.filter(module=module).count() == 2
    assert Registration.objects.get(user=people[2]).attendance == "excused"
