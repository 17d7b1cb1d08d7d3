import threading

import pytest
from django.db import connection

from events.models import Registration, RegistrationStatus
from events.services import registration_create
from tests.factories import OrganisationFactory

from .conftest import enrolled, make_offering, make_session


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_neither_overbook_nor_break_the_share_cap():
    from home.site import ensure_site

    ensure_site()
    course, module = make_session()
    offering = make_offering(module, capacity=10, max_share_per_kind=50)
    jobcenter = OrganisationFactory(name="Jobcenter Hamm", kind="jobcenter")
    agentur = OrganisationFactory(name="Agentur für Arbeit Hamm", kind="agentur")
    people = [enrolled(course, organisation=jobcenter) for _ in range(30)]
    people += [enrolled(course, organisation=agentur) for _ in range(20)]
    start = threading.Barrier(len(people))
    errors = []

    def register(person):
        try:
            start.wait()
            registration_create(user=person, offering=offering)
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    confirmed = Registration.objects.filter(offering=offering, status=RegistrationStatus.CONFIRMED)
    assert sorted(confirmed.values_list("seat", flat=True)) == list(range(1, 11))
    assert confirmed.filter(organisation_kind="jobcenter").count() == 5
    assert confirmed.filter(organisation_kind="agentur").count() == 5
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).count() == 40
