"""Bring every stored address into its canonical form (accounts.identity) before the
constraint of 0005 is added.

Decision: addresses whose canonical form is unique are rewritten in place (e.g. an IDN domain
becomes its ASCII form, ``ſ`` becomes ``s``): same mailbox, same person. Anything else is
refused with a list, because resolving it means deciding which of two accounts is the person
(merging exam records and certificates is not a migration's call): two accounts whose
addresses are equal under NFKC and case folding (``kıss@…`` next to ``kiss@…``), and
addresses with non-ASCII letters before the ``@``. Fix those in the user admin of the running
version (change the address of the wrong account, or deactivate it and give it a
placeholder like ``geloescht-17@invalid.example``), then migrate again.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import migrations

from accounts.identity import canonical_email, email_lookup_key


def _report(rows):
    return "\n".join(f"  - Konto {pk}: {email}" for pk, email in rows)


def canonicalise(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    rows = list(User.objects.order_by("pk").values_list("pk", "email"))
    by_key = defaultdict(list)
    unstorable = []
    for pk, email in rows:
        by_key[email_lookup_key(email)].append((pk, email))
        try:
            canonical_email(email)
        except ValidationError:
            unstorable.append((pk, email))
    collisions = [group for group in by_key.values() if len(group) > 1]
    if collisions or unstorable:
        parts = ["accounts 0004: Diese E-Mail-Adressen lassen sich nicht eindeutig speichern."]
        for group in collisions:
            parts.append("Gleiche Adresse (NFKC + Groß-/Kleinschreibung), mehrere Konten:")
            parts.append(_report(group))
        if unstorable:
            parts.append("Nicht-ASCII-Zeichen vor dem @ (nicht zustellbar):")
            parts.append(_report(unstorable))
        parts.append(
            "Bitte ändern Sie diese Adressen in der Verwaltung (Benutzer) der laufenden "
            "Version und führen Sie migrate erneut aus. Es wurde nichts geändert."
        )
        raise RuntimeError("\n".join(parts))
    for pk, email in rows:
        canonical = canonical_email(email)
        if canonical != email:
            User.objects.filter(pk=pk).update(email=canonical)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_create_role_groups")]

    operations = [migrations.RunPython(canonicalise, migrations.RunPython.noop)]
