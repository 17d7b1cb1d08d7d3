import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, OrganisationFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_registrations_with_one_address_give_one_account():
    organisation = OrganisationFactory()
    data = {
        "email": "ayse@example.org",
        "first_name": "Ayşe",
        "last_name": "Yıldız",
        "organisation": organisation.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    start = threading.Barrier(12)
    statuses, errors = [], []

    def register(number):
        try:
            start.wait()
            response = Client(raise_request_exception=True).post(
                reverse("accounts:register"), data, REMOTE_ADDR=f"192.0.2.{number}"
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n + 1,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [200] * 12
    assert User.objects.filter(email="ayse@example.org").count() == 1
    # One confirmation mail, not twelve (a double click must not flood the mailbox).
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
