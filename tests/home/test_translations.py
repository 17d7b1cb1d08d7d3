import ast
import re
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


_TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1""")
_GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


def _literal_msgids(app_dir):
    """(file, msgid) of every plain-literal translatable string of an app: ``_("…")`` and
    friends in Python, ``{% translate "…" %}`` in templates (blocktranslate is left out)."""
    for path in app_dir.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _GETTEXT_NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path, node.args[0].value
    for path in app_dir.rglob("*.html"):
        for match in _TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            yield path, match.group(2)


def test_every_translatable_string_is_in_a_catalogue():
    """A string whose template or module moved to another app fell out of every catalogue
    (the footer's "Impressum" showed as "Imprint"): makemessages must be re-run there."""
    known = set()
    for catalogue in CATALOGUES:
        if catalogue.parts[-3] == "de":
            known |= {entry.msgid for entry in polib.pofile(str(catalogue)) if entry.translated()}
    apps = {p.parts[-5] for p in CATALOGUES}
    missing = [
        f"{path.relative_to(settings.BASE_DIR)}: {msgid!r}"
        for app in sorted(apps)
        for path, msgid in _literal_msgids(Path(settings.BASE_DIR) / app)
        if msgid not in known
    ]
    assert missing == [], "Not in any German catalogue (run make messages):\n" + "\n".join(missing)
