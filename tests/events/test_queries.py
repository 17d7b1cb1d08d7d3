"""Query counts of the session pages (issue #16, ARCHITECTURE.md "a fixed number of
queries"): the offering page and a registration read as many queries with a full session
and a waiting list as with one person; none per registration."""

import pytest

from events.services import registration_create

from .conftest import enrolled, make_offering, make_session

pytestmark = pytest.mark.django_db

KINDS = ["jobcenter", "agentur", "jugendhilfe", "familienzentrum"]


def offering_with(registered):
    course, module = make_session()
    offering = make_offering(module, capacity=6, max_share_per_kind=50)
    for number in range(registered):
        registration_create(
            user=enrolled(course, kind=KINDS[number % 4]), offering=offering
        )  # more than 6: the waiting list
    return course, module, offering


@pytest.mark.parametrize("registered", [1, 9])
def test_the_offering_and_module_pages_read_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, registered
):
    course, module, offering = offering_with(registered)
    client.force_login(enrolled(course, kind="jobcenter"))
    client.get(offering.url)  # the site's footer settings row is created on the first page
    # Measured 26 (offering) and 21 (module) with 1 and with 9 registrations (SQLite).
    with django_assert_max_num_queries(26):
        page = client.get(offering.url).content.decode()
    assert "Jobcenter: " in page  # the mix is shown
    with django_assert_max_num_queries(21):
        assert client.get(module.url).status_code == 200


@pytest.mark.parametrize("registered", [1, 9])
def test_registering_and_cancelling_read_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, registered
):
    from events.models import Registration

    course, _module, offering = offering_with(registered)
    learner = enrolled(course, kind="jobcenter")
    client.force_login(learner)
    client.get(offering.url)
    # Measured 31/30 (register) and 27/24 (cancel) with 1/9 registrations (SQLite): the lock,
    # the share cap, the seat or waiting place, the mail to the outbox, the redirect.
    with django_assert_max_num_queries(31):
        assert client.post(offering.url + "register/").status_code == 302
    status = Registration.objects.get(user=learner).status
    assert status == ("confirmed" if registered == 1 else "waiting")
    with django_assert_max_num_queries(27):
        assert client.post(offering.url + "cancel/").status_code == 302
    assert Registration.objects.get(user=learner).status == "cancelled"
