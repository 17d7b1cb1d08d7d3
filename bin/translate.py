"""Apply German translations from a Python dict file to the de catalogues of the given apps.

Usage: python bin/translate.py TRANSLATIONS.py app [app …]
The dict ``T`` maps msgid -> German; for plurals the value is a (singular, plural) tuple.
Reports msgids that are still untranslated.
"""

import runpy
import sys
from pathlib import Path

import polib

table = runpy.run_path(sys.argv[1])["T"]
missing = []
for app in sys.argv[2:]:
    path = Path(app) / "locale" / "de" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        german = table.get(entry.msgid)
        if german is not None:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: german[0], 1: german[1]}
            else:
                entry.msgstr = german
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if not entry.translated():
            missing.append(f"{app}: {entry.msgid!r}")
    po.save()
print("\n".join(missing) or "all translated")
