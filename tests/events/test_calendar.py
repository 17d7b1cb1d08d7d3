import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from events.feed import calendar_feed_renew
from events.services import offering_schedule_changed, registration_cancel, registration_create

from .conftest import berlin, enrolled, make_offering, make_session

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _calendar(message):
    ((_name, content, _mimetype),) = message.attachments
    return Calendar.from_ical(content)


@pytest.fixture
def across_summer_time(db, time_machine):
    """Two dates at 9:00 in Hamm: Saturday before and Monday after the switch to summer time
    (28.03.2027, 2:00 → 3:00)."""
    time_machine.move_to(datetime.datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False)
    course, module = make_session()
    offering = make_offering(
        module,
        dates=[
            (berlin(2027, 3, 27, 9), berlin(2027, 3, 27, 16)),
            (berlin(2027, 3, 29, 9), berlin(2027, 3, 29, 16)),
        ],
        deadline=berlin(2027, 3, 20, 23, 59),
    )
    return course, offering


def test_the_calendar_file_shows_nine_oclock_on_both_sides_of_the_summer_time_change(
    across_summer_time,
):
    course, offering = across_summer_time
    learner = enrolled(course)
    registration = registration_create(user=learner, offering=offering)

    calendar = _calendar(mail.outbox[-1])

    assert calendar["METHOD"] == "REQUEST"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Berlin"
    events = calendar.walk("VEVENT")
    starts = [event.decoded("DTSTART") for event in events]
    assert [s.astimezone(ZoneInfo("Europe/Berlin")).hour for s in starts] == [9, 9]
    assert [s.astimezone(UTC).hour for s in starts] == [8, 7]  # CET, then CEST
    assert all(event["DTSTART"].params["TZID"] == "Europe/Berlin" for event in events)
    assert {str(event["UID"]).split("-")[0] for event in events} == {
        str(registration.uid).split("-")[0]
    }
    assert [int(event["SEQUENCE"]) for event in events] == [0, 0]
    assert "Familienzentrum Hamm" in str(events[0]["LOCATION"])
    assert str(events[0]["ATTENDEE"]) == f"mailto:{learner.email}"


def test_a_changed_date_and_a_cancellation_keep_the_uid_and_raise_the_sequence(
    across_summer_time,
):
    course, offering = across_summer_time
    learner = enrolled(course)
    registration = registration_create(user=learner, offering=offering)
    first_uids = [str(e["UID"]) for e in _calendar(mail.outbox[-1]).walk("VEVENT")]
    date = offering.dates.order_by("starts_at").last()
    date.starts_at, date.ends_at = berlin(2027, 3, 29, 10), berlin(2027, 3, 29, 17)
    date.save()

    assert offering_schedule_changed(offering_id=offering.pk) == 1
    assert offering_schedule_changed(offering_id=offering.pk) == 0  # told once

    change = mail.outbox[-1]
    assert "geändert" in change.subject
    events = _calendar(change).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == first_uids
    assert [int(e["SEQUENCE"]) for e in events] == [1, 1]
    assert events[1].decoded("DTSTART").astimezone(ZoneInfo("Europe/Berlin")).hour == 10

    registration_cancel(registration=registration)
    cancel = _calendar(mail.outbox[-1])
    assert cancel["METHOD"] == "CANCEL"
    assert [str(e["UID"]) for e in cancel.walk("VEVENT")] == first_uids
    assert [int(e["SEQUENCE"]) for e in cancel.walk("VEVENT")] == [2, 2]
    assert {str(e["STATUS"]) for e in cancel.walk("VEVENT")} == {"CANCELLED"}


def test_publishing_a_changed_offering_mails_everybody_with_a_seat(
    across_summer_time, django_capture_on_commit_callbacks
):
    course, offering = across_summer_time
    registration_create(user=enrolled(course), offering=offering)
    mail.outbox.clear()
    offering.place_name = "Familienzentrum Hamm-Heessen"
    with django_capture_on_commit_callbacks(execute=True):
        offering.save_revision().publish()
    (message,) = mail.outbox
    assert "Hamm-Heessen" in message.body
    assert "geändert" in message.subject


def test_the_private_feed_lists_my_seats_and_a_new_address_revokes_the_old(
    across_summer_time, client
):
    course, offering = across_summer_time
    learner = enrolled(course)
    registration_create(user=learner, offering=offering)
    old = calendar_feed_renew(user=learner).token

    response = client.get(f"/kalender/{old}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    assert len(feed.walk("VEVENT")) == 2
    assert feed.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"

    new = calendar_feed_renew(user=learner).token
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{new}.ics").status_code == 200


def test_the_calendar_page_creates_and_switches_off_the_address(client):
    from tests.factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    assert "Meine Kalenderadresse erstellen" in client.get("/kalender/").content.decode()
    client.post("/kalender/erneuern/")
    page = client.get("/kalender/").content.decode()
    token = person.calendar_feed.token
    assert token in page
    client.post("/kalender/abschalten/")
    assert client.get(f"/kalender/{token}.ics").status_code == 404
