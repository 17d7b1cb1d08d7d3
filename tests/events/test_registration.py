import datetime

import pytest
from django.core import mail

from events.models import Registration, RegistrationStatus
from events.services import RegistrationError, registration_cancel, registration_create
from tests.factories import OrganisationFactory, UserFactory

from .conftest import enrolled, make_offering

pytestmark = pytest.mark.django_db


def test_registering_confirms_a_seat_and_mails_a_calendar_file(session):
    course, module, offering = session
    learner = enrolled(course)
    registration = registration_create(user=learner, offering=offering)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.seat == 1
    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert "Ihr Platz ist bestätigt" in message.subject
    assert "Familienzentrum Hamm" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "METHOD:REQUEST" in (content if isinstance(content, str) else content.decode())


def test_a_full_session_puts_the_next_person_on_the_waiting_list_and_moves_them_up(session):
    course, module, offering = session  # 2 seats
    first, second, third = (enrolled(course) for _ in range(3))
    seat_one = registration_create(user=first, offering=offering)
    registration_create(user=second, offering=offering)
    waiting = registration_create(user=third, offering=offering)
    assert waiting.status == RegistrationStatus.WAITING
    assert "Warteliste" in mail.outbox[-1].subject
    assert not mail.outbox[-1].attachments  # no seat, no calendar entry
    mail.outbox.clear()

    moved = registration_cancel(registration=seat_one)

    assert [r.pk for r in moved] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.seat == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "storniert" in subjects[first.email]
    assert "Platz frei geworden" in subjects[third.email]
    cancel_ics = next(m for m in mail.outbox if m.to == [first.email]).attachments[0][1]
    assert b"METHOD:CANCEL" in (
        cancel_ics if isinstance(cancel_ics, bytes) else cancel_ics.encode()
    )


def test_registration_needs_an_enrolment(session):
    _course, _module, offering = session
    with pytest.raises(RegistrationError, match="melden Sie sich zuerst"):
        registration_create(user=UserFactory(), offering=offering)
    assert not Registration.objects.exists()


def test_no_registration_after_the_deadline_and_no_cancelling_a_seat_after_it(session):
    course, _module, offering = session
    learner = enrolled(course)
    registration = registration_create(user=learner, offering=offering)
    later = offering.registration_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(RegistrationError, match="Anmeldefrist"):
        registration_create(user=enrolled(course), offering=offering, now=later)
    with pytest.raises(RegistrationError, match="Frist"):
        registration_cancel(registration=registration, now=later)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_learner_picks_one_offering_of_a_session(session):
    course, module, hamm = session
    duesseldorf = make_offering(module, title="Düsseldorf", address="Kölner Str. 1, Düsseldorf")
    learner = enrolled(course)
    registration_create(user=learner, offering=hamm)
    with pytest.raises(RegistrationError, match="Hamm"):
        registration_create(user=learner, offering=duesseldorf)
    # registering twice for the same offering is harmless
    assert registration_create(user=learner, offering=hamm).offering_id == hamm.pk
    assert Registration.objects.filter(user=learner).count() == 1


def test_a_manager_registers_people_of_their_scope_only(session):
    from organisations.models import ManagerScope

    course, _module, offering = session
    mine = OrganisationFactory(name="Jobcenter Hamm", kind="jobcenter")
    other = OrganisationFactory(name="Jugendamt Aachen", kind="jugendhilfe")
    manager = UserFactory(organisation=mine)
    ManagerScope.objects.create(manager=manager).organisations.add(mine)
    colleague = UserFactory(organisation=mine)
    stranger = UserFactory(organisation=other)

    registration = registration_create(user=colleague, offering=offering, registered_by=manager)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.registered_by == manager
    assert colleague.enrolments.get(course=course).assigned_by == manager
    with pytest.raises(RegistrationError, match="Organisationen"):
        registration_create(user=stranger, offering=offering, registered_by=manager)


def test_the_share_cap_keeps_the_room_mixed_and_move_up_skips_a_capped_kind(session):
    course, module, _offering = session
    offering = make_offering(module, title="Düsseldorf", capacity=4, max_share_per_kind=50)
    jobcenter = OrganisationFactory(name="Jobcenter Düsseldorf", kind="jobcenter")
    j1, j2, j3 = (enrolled(course, organisation=jobcenter) for _ in range(3))
    agentur = enrolled(course, kind="agentur")
    assert registration_create(user=j1, offering=offering).status == "confirmed"
    assert registration_create(user=j2, offering=offering).status == "confirmed"
    capped = registration_create(user=j3, offering=offering)
    assert capped.status == "waiting"  # 2 of 4 seats (50 %) are Jobcenter already
    assert registration_create(user=agentur, offering=offering).status == "confirmed"
    late = enrolled(course, kind="jugendhilfe")
    # one seat left: the Jugendhilfe person gets it though the Jobcenter person came first
    assert registration_create(user=late, offering=offering).status == "confirmed"
    moved = registration_cancel(registration=Registration.objects.get(user=agentur))
    assert moved == []  # the free seat would make Jobcenter 3 of 4: the person keeps waiting
    capped.refresh_from_db()
    assert capped.status == "waiting"
    moved = registration_cancel(registration=Registration.objects.get(user=j1))
    assert [r.user for r in moved] == [j3]


def test_the_waiting_list_is_left_at_any_time(session):
    course, _module, offering = session
    for _ in range(2):
        registration_create(user=enrolled(course), offering=offering)
    waiting = registration_create(user=enrolled(course), offering=offering)
    registration_cancel(
        registration=waiting, now=offering.registration_deadline + datetime.timedelta(days=1)
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED


def test_an_unpublished_offering_takes_no_registrations(session):
    course, _module, offering = session
    offering.unpublish()
    with pytest.raises(RegistrationError, match="nicht verfügbar"):
        registration_create(user=enrolled(course), offering=offering)
