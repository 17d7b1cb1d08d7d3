import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import check_page, visit
from tests.factories import PASSWORD, OrganisationFactory, UserFactory


def test_guest_sees_german_home_page_with_footer_links(page, demo):
    visit(page, "/", "home-guest")
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen bei KoFo")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Impressum")).to_be_visible()
    expect(footer.get_by_role("link", name="Datenschutz")).to_be_visible()
    footer.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    check_page(page, "accessibility-statement")


def test_skip_link_is_first_stop_for_keyboard_users(page, demo):
    visit(page, "/", "home-skip-link")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_registration_confirmation_and_login(page, db):
    organisation = OrganisationFactory(name="Familienzentrum Hamm-Mitte")
    visit(page, "/konto/registrieren/", "register")
    page.get_by_label("E-Mail-Adresse").fill("nguyen@example.org")
    page.get_by_label("Vorname").fill("Nguyễn Thị")
    page.get_by_label("Nachname").fill("Minh")
    page.get_by_label("Organisation").select_option(label=organisation.name)
    page.get_by_label("Passwort", exact=True).fill("zu-kurz")
    page.get_by_label("Passwort wiederholen").fill("zu-kurz")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_text("Dieses Passwort ist zu kurz.", exact=False)).to_be_visible()
    check_page(page, "register-errors")

    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    )
    check_page(page, "register-done")

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_text("Ihr Konto ist bestätigt", exact=False)).to_be_visible()
    check_page(page, "register-confirmed")
    assert User.objects.get(email="nguyen@example.org").is_active


def test_login_and_edit_profile(page, db):
    UserFactory(email="zoe@example.org", first_name="Zoë", last_name="Müller-Lüdenscheidt")
    visit(page, "/konto/anmelden/", "login")
    page.get_by_label("E-Mail-Adresse").fill("zoe@example.org")
    page.get_by_label("Passwort").fill("falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort ist falsch")
    check_page(page, "login-error")

    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()

    visit(page, "/konto/profil/", "profile")
    expect(page.get_by_text("wie in Ihrem Ausweis", exact=False).first).to_be_visible()
    page.get_by_label("Nachname").fill("Müller")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ihr Profil wurde gespeichert.")).to_be_visible()
    check_page(page, "profile-saved")
    assert User.objects.get(email="zoe@example.org").last_name == "Müller"
