"""Kooperationsnetz (issue #16 item 6): who may publish a contact card, consent and its
withdrawal, the region rule, managers, the DSGVO export and erasure."""

import pytest
from django.test import Client

from accounts.personal_data import person_data_export, person_erase
from network.models import ContactCard
from network.services import card_publish
from tests.factories import UserFactory

from .conftest import card_data, graduate

pytestmark = pytest.mark.django_db


def names_in_directory(client):
    response = client.get("/netzwerk/")
    assert response.status_code == 200
    return response.content.decode()


def publish(person, **fields):
    return card_publish(
        user=person,
        role=fields.pop("role", "Fallmanagerin"),
        visibility=fields.pop("visibility", "region"),
        **fields,
    )


def test_only_people_who_completed_a_cooperative_course_may_publish(
    client, cooperative, online_only
):
    online = graduate(online_only)
    client.force_login(online)
    page = client.get("/netzwerk/meine-karte/").content.decode()
    assert "sobald Sie eine kooperative Fortbildung" in page and "consent" not in page
    assert client.post("/netzwerk/meine-karte/", card_data()).status_code == 403
    assert not ContactCard.objects.exists()
    # Enrolled but not completed is not enough either.
    from courses.services import enrolment_create

    enrolment_create(user=online, course=cooperative)
    assert client.post("/netzwerk/meine-karte/", card_data()).status_code == 403

    client.force_login(graduate(cooperative))
    response = client.post("/netzwerk/meine-karte/", card_data())
    assert response.status_code == 302 and ContactCard.objects.count() == 1


def test_nothing_is_published_without_the_ticked_consent(client, cooperative):
    person = graduate(cooperative)
    client.force_login(person)
    form = client.get("/netzwerk/meine-karte/").content.decode()
    assert 'name="consent"' in form and "checked" not in form.split('name="consent"')[1][:80]
    assert "nur Personen meiner Region oder aller Regionen" in form
    response = client.post("/netzwerk/meine-karte/", card_data(consent=None))
    assert response.status_code == 400
    assert "Ohne Ihre Einwilligung können wir keine" in response.content.decode()
    assert not ContactCard.objects.exists()


def test_a_phone_number_is_shown_only_when_given_and_ticked(client, cooperative):
    person = graduate(cooperative)
    client.force_login(person)
    response = client.post("/netzwerk/meine-karte/", card_data(show_phone="on", phone=""))
    assert response.status_code == 400
    assert "Bitte geben Sie die Telefonnummer an" in response.content.decode()
    client.post("/netzwerk/meine-karte/", card_data(phone="0208 1234", show_email=None))
    card = ContactCard.objects.get()
    assert card.phone == "" and not card.show_email  # not ticked: not kept, not shown
    page = names_in_directory(client)
    assert person.email not in page and "0208" not in page


def test_withdrawing_consent_removes_the_card_at_once(client, cooperative):
    owner = graduate(cooperative, first_name="Sabine", last_name="Krüger")
    colleague = graduate(cooperative)
    client.force_login(owner)
    client.post("/netzwerk/meine-karte/", card_data(show_phone="on", phone="0208 1234"))
    other = Client()
    other.force_login(colleague)
    page = names_in_directory(other)
    assert "Sabine Krüger" in page and owner.email in page and "0208 1234" in page

    response = client.post("/netzwerk/meine-karte/zurueckziehen/", follow=True)
    assert "Ihre Einwilligung ist widerrufen" in response.content.decode()
    assert not ContactCard.objects.exists()
    assert "Sabine Krüger" not in names_in_directory(other)


def test_the_region_rule(client, cooperative):
    owner = graduate(cooperative, region="Hamm", first_name="Olena", last_name="Kovalenko")
    same_region = graduate(cooperative, region="Hamm", kind="agentur")
    elsewhere = graduate(cooperative, region="Düsseldorf")
    without_organisation = UserFactory(organisation=None)
    card = publish(owner, visibility="region")

    def sees(viewer):
        client.force_login(viewer)
        return "Olena Kovalenko" in names_in_directory(client)

    assert sees(owner) and sees(same_region)
    assert not sees(elsewhere) and not sees(without_organisation)
    card.visibility = "all"
    card.save()
    assert sees(elsewhere) and sees(without_organisation)


def test_the_directory_needs_a_login(cooperative):
    publish(graduate(cooperative, first_name="Olena"), visibility="all")
    response = Client().get("/netzwerk/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_managers_and_administrators_see_no_card_that_was_not_published(client, cooperative):
    from django.contrib.auth.models import Permission

    graduate(cooperative, region="Hamm", first_name="Ohne", last_name="Karte")
    withdrawn = graduate(cooperative, region="Hamm", first_name="Zurück", last_name="Gezogen")
    client.force_login(withdrawn)
    client.post("/netzwerk/meine-karte/", card_data(visibility="all"))
    client.post("/netzwerk/meine-karte/zurueckziehen/")
    manager = graduate(cooperative, region="Hamm")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_people"))
    admin = UserFactory(is_superuser=True, is_staff=True, organisation=manager.organisation)
    for viewer in (manager, admin):
        client.force_login(viewer)
        page = names_in_directory(client)
        assert "Ohne Karte" not in page and "Zurück Gezogen" not in page
        assert "0 Kontaktkarten" in page


def test_cards_of_deactivated_people_are_not_shown(client, cooperative):
    owner = graduate(cooperative, first_name="Olena", last_name="Kovalenko")
    publish(owner, visibility="all")
    owner.is_active = False
    owner.save()
    client.force_login(graduate(cooperative))
    assert "Olena Kovalenko" not in names_in_directory(client)


def test_the_card_is_in_the_export_and_goes_with_the_erasure(client, cooperative):
    owner = graduate(cooperative, first_name="Olena", last_name="Kovalenko")
    other = graduate(cooperative)
    publish(owner, topics="Kinderbetreuung", show_phone=True, phone="02381 1", visibility="all")
    publish(other, role="Teamleitung")
    export = person_data_export(user=owner)["sections"]
    assert export["contact_card"]["role"] == "Fallmanagerin"
    assert export["contact_card"]["phone"] == "02381 1"
    assert export["contact_card"]["visibility"] == "Angemeldete Personen aller Regionen"
    assert "Teamleitung" not in str(export)
    client.force_login(owner)
    overview = client.get("/konto/meine-daten/").content.decode()
    assert "Kooperationsnetz: Kontaktkarte" in overview and "Kinderbetreuung" in overview

    person_erase(user=owner, by=UserFactory(is_superuser=True), reason="Art. 17 DSGVO")
    assert not ContactCard.objects.filter(user=owner).exists()
    assert ContactCard.objects.filter(user=other).exists()
    assert person_data_export(user=other)["sections"]["contact_card"]["role"] == "Teamleitung"


@pytest.mark.parametrize("value", ["off", "0", "false", "no", ""])
def test_only_a_ticked_box_is_consent(client, cooperative, value):
    """Tester's finding: consent=off or consent=0 published the card."""
    client.force_login(graduate(cooperative))
    response = client.post("/netzwerk/meine-karte/", card_data(consent=value))
    assert response.status_code == 400
    assert "Ohne Ihre Einwilligung" in response.content.decode()
    assert not ContactCard.objects.exists()
