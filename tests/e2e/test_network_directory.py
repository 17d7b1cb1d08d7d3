"""The Kooperationsnetz in a real browser with axe: a person publishes a contact card with
consent, a colleague of the same region finds it in the directory, consent is withdrawn and
the card is gone."""

from playwright.sync_api import expect

from network.models import ContactCard
from tests.e2e.conftest import check_page, visit
from tests.events.conftest import make_session
from tests.factories import OrganisationFactory, RegionFactory
from tests.network.conftest import graduate


def test_publish_find_and_withdraw_a_contact_card(page, login):
    course, _module = make_session()
    hamm = RegionFactory(name="Hamm")
    owner = graduate(
        course,
        organisation=OrganisationFactory(
            name="Familienzentrum Hamm-Mitte", kind="familienzentrum", region=hamm
        ),
        first_name="Olena",
        last_name="Kovalenko",
    )
    colleague = graduate(
        course,
        organisation=OrganisationFactory(name="Jobcenter Hamm", kind="jobcenter", region=hamm),
    )
    login(owner)

    visit(page, course.url, "completed cooperative course")
    page.get_by_role("link", name="Im Kooperationsnetz sichtbar werden").click()
    visit(page, "/netzwerk/meine-karte/", "my contact card, empty")
    page.get_by_label("Rolle / Funktion", exact=True).fill("Leitung Familienzentrum")
    page.get_by_label("Themen", exact=True).fill("Kinderbetreuung, Berufsrückkehr")
    page.get_by_label("Meine E-Mail-Adresse zeigen", exact=True).check()
    page.get_by_label("Angemeldete Personen meiner Region").check()
    page.get_by_role("button", name="Meine Kontaktkarte veröffentlichen").click()
    expect(page.get_by_text("Ohne Ihre Einwilligung können wir keine Kontaktkarte")).to_be_visible()
    assert not ContactCard.objects.exists()
    check_page(page, "my contact card, consent missing")
    page.get_by_label("Ich willige ein", exact=False).check()
    page.get_by_role("button", name="Meine Kontaktkarte veröffentlichen").click()
    expect(page.get_by_text("Ihre Kontaktkarte ist im Netzwerk sichtbar.")).to_be_visible()

    login(colleague)
    visit(page, "/netzwerk/", "directory")
    card = page.get_by_role("article", name="Olena Kovalenko")
    expect(card).to_contain_text("Leitung Familienzentrum")
    expect(card.get_by_role("link", name=owner.email)).to_be_visible()
    page.get_by_label("Suche", exact=True).fill("kovalenko kinderbetreuung")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("article", name="Olena Kovalenko")).to_be_visible()
    visit(page, page.url, "directory filtered")

    login(owner)
    visit(page, "/netzwerk/meine-karte/", "my contact card, published")
    page.get_by_role("button", name="Einwilligung widerrufen und Karte löschen").click()
    expect(page.get_by_text("Ihre Einwilligung ist widerrufen")).to_be_visible()

    login(colleague)
    visit(page, "/netzwerk/", "directory after the withdrawal")
    expect(page.get_by_role("article", name="Olena Kovalenko")).to_have_count(0)
    expect(page.get_by_text("Für Sie sind noch keine Kontaktkarten sichtbar.")).to_be_visible()
