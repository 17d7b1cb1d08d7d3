"""Sessions in the DSGVO export and erasure (issue #16 item 6's "part of the DSGVO export",
issue #12 item 7): the registration record stays, the seat goes to the next person."""

import pytest
from django.core import mail

from accounts.personal_data import person_data_export, person_erase
from events.models import CalendarFeed, Registration, RegistrationStatus
from events.services import registration_create
from tests.factories import UserFactory

from .conftest import enrolled

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_persons_sessions_and_no_one_elses(session):
    course, _module, offering = session
    learner, other = enrolled(course), enrolled(course)
    registration_create(user=learner, offering=offering)
    registration_create(user=other, offering=offering)
    CalendarFeed.objects.create(user=learner, token="geheim-123")
    export = person_data_export(user=learner)["sections"]
    (row,) = export["session_registrations"]
    assert row["offering"] == "Hamm" and row["place"] == "Familienzentrum Hamm"
    assert row["status"] == "Platz bestätigt"
    assert len(row["dates"]) == 1
    assert export["calendar_feed"]["exists"] is True
    assert "geheim-123" not in str(export)


def test_erasure_keeps_the_record_and_gives_the_seat_to_the_waiting_list(session):
    course, _module, offering = session  # 2 seats
    admin = UserFactory(is_superuser=True)
    leaving, staying, waiting = (enrolled(course) for _ in range(3))
    registration_create(user=leaving, offering=offering)
    registration_create(user=staying, offering=offering)
    registration_create(user=waiting, offering=offering)
    CalendarFeed.objects.create(user=leaving, token="geheim-456")
    mail.outbox.clear()
    person_erase(user=leaving, by=admin, reason="Antrag nach Art. 17 DSGVO")
    record = Registration.objects.get(user=leaving)
    assert record.status == RegistrationStatus.CANCELLED and record.seat is None
    moved = Registration.objects.get(user=waiting)
    assert moved.status == RegistrationStatus.CONFIRMED and moved.seat == 1
    assert not CalendarFeed.objects.filter(user=leaving).exists()
    assert Registration.objects.filter(offering=offering).count() == 3
