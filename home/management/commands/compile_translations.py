from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Compiles every .po catalogue of the project into .mo, in pure Python.

    Django's own compilemessages needs GNU gettext (msgfmt), a system package a fresh machine
    may lack; polib does the same job without it.
    """

    help = "Compile the project's .po files to .mo (no GNU gettext needed)."

    def handle(self, *args, **options):
        count = 0
        for po_path in sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/*.po")) + sorted(
            Path(settings.BASE_DIR).glob("locale/*/LC_MESSAGES/*.po")
        ):
            if ".venv" in po_path.parts:
                continue
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"{count} Übersetzungskatalog(e) kompiliert.")
