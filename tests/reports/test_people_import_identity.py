"""The people import creates accounts through the one canonical address (accounts.identity)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

CSV = (
    "kıss@example.org;Kim;Kiss;Jobcenter Oberhausen\n"  # dotless ı (U+0131)
    "KIſS@Example.org;Kim;Kiss;Jobcenter Oberhausen\n"  # long s (U+017F)
)


def test_look_alikes_of_an_address_outside_the_scope_create_no_second_account(
    manager_client, world
):
    # The observed fault: kiss@ exists in another region; the import created kıss@ next to it
    # and from then on kiss@ got HTTP 500 on every login.
    UserFactory(email="kiss@example.org", organisation=OrganisationFactory(name="Anderswo"))
    upload = SimpleUploadedFile("p.csv", CSV.encode(), content_type="text/csv")
    preview = manager_client.post(reverse("reports:import_people"), {"people_file": upload})
    html = preview.content.decode()
    assert "werden von vielen Mailservern der Verwaltung nicht zugestellt" in html
    # Outside the scope the preview does not say that the account exists (no probing).
    assert "Für diese Adresse kann hier kein Konto angelegt werden." in html
    assert "bereits ein Konto" not in html
    token = re.search(r'name="token" value="([0-9a-f-]+)"', html)
    if token:
        manager_client.post(
            reverse("reports:import_people"), {"confirm": "1", "token": token.group(1)}
        )
    assert User.objects.filter(last_name="Kiss").count() == 0
    login = Client().post(
        reverse("accounts:login"), {"username": "kiss@example.org", "password": PASSWORD}
    )
    assert login.status_code == 302
