"""The calendar file survives the outbox: recorded with the mail, sent by the task on commit."""

import pytest
from django.core import mail
from icalendar import Calendar

from events.services import registration_create
from lms.settings import base
from outbox.models import Mail

from .conftest import enrolled

pytestmark = pytest.mark.django_db


def test_the_confirmation_goes_through_the_outbox_with_its_calendar_file(
    session, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = base.EMAIL_BACKEND  # the project's queue
    course, _module, offering = session
    learner = enrolled(course)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        registration = registration_create(user=learner, offering=offering)
        assert mail.outbox == []  # nothing leaves before the commit

    assert callbacks  # the delivery task was enqueued on commit
    stored = Mail.objects.get(recipients=learner.email)
    assert stored.status == "sent"
    (message,) = mail.outbox
    (name, content, mimetype), = message.attachments
    assert name == "termin.ics" and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["UID"]).startswith(str(registration.uid))
