"""A learner looks at and downloads everything KoFo stores about them (DSGVO Art. 15/20)."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.accounts.personal_data_world import world
from tests.e2e.conftest import check_page, visit


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_learner_sees_prints_and_downloads_their_data(page, login):
    data = world()
    login(data["learner"])
    visit(page, "/konto/profil/", "profile-with-my-data")
    page.get_by_role("link", name="Meine Daten anzeigen (druckbare Übersicht)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Daten")
    for section in (
        "Konto",
        "Teilnahmen",
        "Antworten auf Reflexionsfragen",
        "Lernkontrollen (Versuche und Antworten)",
        "Teilnahmebescheinigungen",
    ):
        expect(page.get_by_role("heading", level=2, name=section)).to_be_visible()
    expect(page.get_by_role("cell", name="Kinderschutz kompakt").first).to_be_visible()
    expect(page.get_by_text("Familie Yilmaz", exact=False)).to_be_visible()
    check_page(page, "my-data")

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name="Als JSON herunterladen (maschinenlesbar, Art. 20 DSGVO)"
        ).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    export = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert export["sections"]["account"]["last_name"] == "Lernwillig"

    # Printed: the content without the site's navigation and the download links.
    page.emulate_media(media="print")
    expect(
        page.get_by_role("link", name="Diese Übersicht als HTML-Datei herunterladen")
    ).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
