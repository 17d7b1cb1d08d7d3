"""Reminders about overdue courses sent to a person, for the DSGVO export and erasure
(registry: ``lms.personal_data``, registered in ``ReportsConfig.ready``).

A reminder row only stops a second reminder on the same day; no report counts it, so erasure
deletes it.
"""

from django.utils.translation import gettext_lazy as _

from .models import Reminder


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
