import pytest
from django.utils import timezone

from courses.models import Enrolment
from courses.services import enrolment_create
from tests.events.conftest import make_session
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course


def graduate(course, *, region="Hamm", kind="jobcenter", organisation=None, **fields):
    """A person of an organisation of ``kind`` in ``region`` who completed ``course``."""
    if organisation is None:
        organisation = OrganisationFactory(
            name=f"{kind.title()} {region}", kind=kind, region=RegionFactory(name=region)
        )
    person = UserFactory(organisation=organisation, **fields)
    enrolment_create(user=person, course=course)
    # The completion rule is the courses app's; here only its result matters.
    Enrolment.objects.filter(user=person, course=course).update(completed_at=timezone.now())
    return person


def card_data(**fields):
    data = {
        "role": "Fallmanagerin",
        "topics": "Berufsrückkehr, Kinderbetreuung",
        "show_email": "on",
        "visibility": "region",
        "consent": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def cooperative(db):
    """A course with a session module: cooperative."""
    course, _module = make_session()
    return course


@pytest.fixture
def online_only(db):
    return make_course(modules=2, title="Nur online")
