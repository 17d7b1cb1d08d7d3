"""Give the choices of OPEN attempts per-attempt random tokens (snapshot version 2).

Before, the browser got each choice's pk, which tells the order the trainer entered the
choices in (often the correct one first). Open attempts get tokens now, so their next page
no longer shows pks. Submitted attempts are not touched at all: their stored answers (choice
ids), points and results stay exactly as they are; for them ``scoring.choice_value`` falls
back to the id, which no longer matters once an attempt is closed.
"""

import secrets

from django.db import migrations

BATCH = 500


def _tokens(count):
    tokens = set()
    while len(tokens) < count:
        tokens.add(secrets.token_urlsafe(9))
    return list(tokens)


def add_tokens(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    changed = []
    for attempt in Attempt.objects.filter(status="open").only("pk", "snapshot").iterator():
        snapshot = attempt.snapshot or {}
        for question in snapshot.get("questions", []):
            choices = question.get("choices") or []
            if choices and not all(choice.get("token") for choice in choices):
                for choice, token in zip(choices, _tokens(len(choices)), strict=True):
                    choice["token"] = token
        snapshot["version"] = 2
        attempt.snapshot = snapshot
        changed.append(attempt)
        if len(changed) >= BATCH:
            Attempt.objects.bulk_update(changed, ["snapshot"])
            changed = []
    Attempt.objects.bulk_update(changed, ["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0002_records1_attempt_context")]

    # Nothing to undo: version-1 code ignores the extra "token" keys.
    operations = [migrations.RunPython(add_tokens, migrations.RunPython.noop)]
