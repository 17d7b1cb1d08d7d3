"""Reminders about overdue courses sent to a person, for the DSGVO export and erasure
(registry: ``lms.personal_data``, registered in ``ReportsConfig.ready``).

A reminder row only stops a second reminder on the same day; no report counts it, so erasure
deletes it.
"""

import json

from django.utils.translation import gettext_lazy as _

from .models import Confirmation, Reminder


def reminders_of(user):
    """Reminders sent to ``user``: list of dicts (day (date), the overdue course titles)."""
    return [
        {"sent_on": reminder.sent_on, "courses": reminder.courses.splitlines()}
        for reminder in Reminder.objects.filter(user=user).order_by("sent_on", "pk")
    ]


def reminders_erase(user):
    """Deletes the reminders sent to ``user``; returns how many."""
    deleted, _counts = Reminder.objects.filter(user=user).delete()
    return deleted


def _previews_mentioning(user):
    # Previews live at most a day (services.CONFIRMATION_VALID): few rows, read in Python
    # so the match is the same on SQLite and PostgreSQL.
    needles = [
        n.casefold() for n in (user.email, f"{user.first_name} {user.last_name}") if n.strip()
    ]
    found = []
    for confirmation in Confirmation.objects.order_by("pk"):
        text = json.dumps(confirmation.payload, ensure_ascii=False).casefold()
        if confirmation.created_by_id == user.pk or any(n in text for n in needles):
            found.append(confirmation)
    return found


def previews_of(user):
    """Import and assignment previews (waiting for "confirm", at most a day old) that name
    ``user`` or that ``user`` made: list of dicts (purpose, created_at (aware, UTC))."""
    return [{"purpose": c.purpose, "created_at": c.created_at} for c in _previews_mentioning(user)]


def previews_erase(user):
    """Deletes the previews that name ``user`` (the CSV lines of a people import or a
    course assignment, with names and addresses) or that ``user`` made; returns how many."""
    pks = [c.pk for c in _previews_mentioning(user)]
    deleted, _counts = Confirmation.objects.filter(pk__in=pks).delete()
    return deleted


def register():
    """Called from ``ReportsConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "reminders",
        label=_("Reminders about overdue courses"),
        collect=reminders_of,
        erase=reminders_erase,
        labels={"sent_on": _("Sent on"), "courses": _("Courses")},
        order=70,
    )
    register_section(
        "previews",
        label=_("Import and assignment previews"),
        collect=previews_of,
        erase=previews_erase,
        labels={"purpose": _("Purpose"), "created_at": _("Created")},
        order=75,
    )
