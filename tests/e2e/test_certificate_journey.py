import re
from pathlib import Path

from playwright.sync_api import expect

from certificates.models import Certificate
from certificates.services import certificate_revoke
from courses import services as courses
from tests.certificates.factories import pdf_text
from tests.e2e.conftest import check_page, visit
from tests.factories import UserFactory, make_course


def test_learner_downloads_and_anyone_verifies_the_certificate(page, login, live_server, settings):
    settings.SITE_URL = live_server.url
    learner = UserFactory(first_name="Nguyễn Thị", last_name="Minh")
    course = make_course(modules=2, title="Stark im Beruf kompakt")
    courses.enrolment_create(user=learner, course=course)
    for module in course.modules():
        courses.module_complete(user=learner, module=module, via="manual")

    login(learner)
    visit(page, "/bescheinigungen/", "certificates-mine")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Teilnahmebescheinigungen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Bescheinigung herunterladen")).click()
    text = pdf_text(Path(download_info.value.path()).read_bytes())
    assert "Nguyễn Thị Minh" in text and "„Stark im Beruf kompakt“" in text

    # The accessible version of the same certificate, linked next to the download.
    page.get_by_role("link", name=re.compile("Barrierefreie Fassung")).click()
    check_page(page, "certificate-accessible")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teilnahmebescheinigung")
    expect(page.get_by_text("Nguyễn Thị Minh")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Modul 1")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    check_page(page, "certificate-accessible-print")
    page.emulate_media(media="screen")
    page.go_back()

    form_url = re.search(r"(http://\S+/bescheinigungen/pruefen/)", text).group(1)
    code = re.search(r"Prüfcode ((?:[A-Z2-7]{4}-?){8})", text).group(1)
    page.context.clear_cookies()  # verification needs no login
    visit(page, f"{form_url}{code}/", "certificate-verify-valid")
    expect(page.get_by_role("status")).to_have_text("Diese Teilnahmebescheinigung ist gültig.")
    expect(page.get_by_text("Nguyễn Thị Minh")).to_be_visible()

    certificate_revoke(certificate=Certificate.objects.get(), reason="Irrtum", by=None)
    page.reload()
    check_page(page, "certificate-verify-revoked")
    expect(page.get_by_role("status")).to_contain_text("widerrufen")


def test_typing_a_code_and_an_unknown_code(page):
    visit(page, "/bescheinigungen/pruefen/", "certificate-verify-form")
    page.get_by_label("Prüfcode").fill("abcd efgh ijkl mnop qrst uvwx yzab cdef")
    page.get_by_role("button", name="Prüfen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bescheinigung nicht gefunden")
    check_page(page, "certificate-verify-not-found")
