"""The certificate inspect page in the admin: modules as a table with UE, local times,
blank instead of "None"."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from certificates.services import certificate_issue
from tests.factories import UserFactory

from .factories import completed_enrolment

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 15, 0, 30, tzinfo=BERLIN),
        datetime.datetime(2026, 7, 15, 0, 30, tzinfo=BERLIN),
    ],
    ids=["CET", "CEST"],
)
def test_inspect_page_is_readable(client, moment):
    with time_machine.travel(moment, tick=False):
        certificate = certificate_issue(enrolment=completed_enrolment())
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table" in html and "<td>Modul 1</td><td>2,0</td>" in html
    assert "{'title'" not in html and "'units'" not in html
    assert moment.strftime("%d.%m.%Y 00:30") in html
    assert not re.search(r"<dd>\s*None\s*</dd>", html)
