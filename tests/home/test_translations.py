from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    p
    for p in Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in p.parts
)


def test_every_app_has_german_and_english_catalogues():
    apps = {p.parts[-5] for p in CATALOGUES}
    for app in apps:
        for language in ("de", "en"):
            assert (
                Path(settings.BASE_DIR) / app / "locale" / language / "LC_MESSAGES" / "django.po"
            ).exists(), (app, language)
    assert {"accounts", "organisations", "home", "lms"} <= apps


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-2]))
def test_catalogue_is_complete(catalogue):
    po = polib.pofile(str(catalogue))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == [], f"{catalogue}: {len(missing)} untranslated, e.g. {missing[:5]}"
