"""The lockout page in a real browser, checked with axe-core like every page we show."""

from playwright.sync_api import expect

from tests.e2e.conftest import check_page, visit
from tests.factories import UserFactory


def test_a_locked_person_sees_until_when_and_the_way_to_a_new_password(page, db):
    UserFactory(email="zoe@example.org")
    visit(page, "/konto/anmelden/", "login-before-lock")
    for attempt in range(1, 11):
        page.get_by_label("E-Mail-Adresse").fill("zoe@example.org")
        page.get_by_label("Passwort").fill("falsch-falsch")
        # Wait for the answer page: the previous answer shows the same alert, so expecting
        # the text alone could pass on the old page while the new one is still loading.
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()
        if attempt < 10:
            expect(page.get_by_role("alert")).to_contain_text("Passwort ist falsch")
    expect(page.get_by_role("heading", name="Anmeldung vorübergehend gesperrt")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Bitte versuchen Sie es nach")
    check_page(page, "login-locked")
    page.get_by_role("link", name="Passwort zurücksetzen").click()
    expect(page.get_by_role("button", name="Link senden")).to_be_visible()
    check_page(page, "password-reset-from-lock")
