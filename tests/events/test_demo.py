import os

import pytest
from django.core.management import call_command

from events.models import Registration, SessionModulePage, SessionOfferingPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_session_in_hamm_and_a_full_mixed_one_in_duesseldorf(demo, client):
    module = SessionModulePage.objects.get(slug="kooperative-fallwerkstatt")
    hamm = SessionOfferingPage.objects.get(slug="hamm")
    duesseldorf = SessionOfferingPage.objects.get(slug="duesseldorf")
    attendance = sorted(
        Registration.objects.filter(offering=hamm).values_list("attendance", flat=True)
    )
    assert attendance == ["absent", "excused", "present", "present", "present"]
    assert module.completions.count() == 3
    upcoming = Registration.objects.filter(offering=duesseldorf)
    assert upcoming.filter(status="confirmed").count() == 4
    assert upcoming.filter(status="waiting").count() == 2
    kinds = list(upcoming.filter(status="confirmed").values_list("organisation_kind", flat=True))
    assert max(kinds.count(kind) for kind in kinds) == 2  # the 50 % cap holds

    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    assert Registration.objects.count() == 11  # seeding again adds nothing
    assert module.get_parent().title == "Kooperative Fallwerkstatt Berufsrückkehr"

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="lernende@example.org"))
    page = client.get("/").content.decode()
    assert "Meine nächsten Termine" in page and "Kooperative Fallwerkstatt vor Ort" in page
    assert "Warteliste" in client.get(duesseldorf.url).content.decode()
