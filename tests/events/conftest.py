import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import SessionDate, SessionModulePage, SessionOfferingPage
from tests.factories import OrganisationFactory, UserFactory, make_course


def berlin(*args):
    """An aware datetime in Europe/Berlin (what editors type in the admin)."""
    from zoneinfo import ZoneInfo

    return datetime.datetime(*args, tzinfo=ZoneInfo("Europe/Berlin"))


def make_session(course=None, *, title="Kooperative Fallwerkstatt", units="4.0"):
    course = course or make_course(modules=1, title="Kooperation vor Ort")
    module = SessionModulePage(title=title, slug="fallwerkstatt", units=Decimal(units))
    course.add_child(instance=module)
    return course, module


def make_offering(module, *, title="Hamm", capacity=2, dates=None, deadline=None, **fields):
    now = timezone.now()
    dates = dates or [
        (now + datetime.timedelta(days=10), now + datetime.timedelta(days=10, hours=3))
    ]
    offering = SessionOfferingPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        place_name=fields.pop("place_name", f"Familienzentrum {title}"),
        address=fields.pop("address", "Marktplatz 1, 59065 Hamm"),
        capacity=capacity,
        registration_deadline=deadline or now + datetime.timedelta(days=5),
        **fields,
    )
    module.add_child(instance=offering)
    for start, end in dates:
        SessionDate.objects.create(offering=offering, starts_at=start, ends_at=end)
    return SessionOfferingPage.objects.get(pk=offering.pk)


def enrolled(course, *, kind="jobcenter", organisation=None, **fields):
    from courses.services import enrolment_create

    organisation = organisation or OrganisationFactory(kind=kind, name=f"Org {kind}")
    user = UserFactory(organisation=organisation, **fields)
    enrolment_create(user=user, course=course)
    return user


@pytest.fixture
def session(db):
    course, module = make_session()
    offering = make_offering(module)
    return course, module, offering
