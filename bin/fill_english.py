"""English catalogues: our msgids are English, so each msgstr is its msgid."""

import sys
from pathlib import Path

import polib

for app in sys.argv[1:]:
    path = Path(app) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    if not path.exists():
        continue
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
