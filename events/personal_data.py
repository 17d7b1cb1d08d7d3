"""What the events app stores about a person, for the DSGVO export and erasure (registry:
``lms.personal_data``, registered in ``EventsConfig.ready``).

Registrations and attendance are part of the training record (they completed a session
module and count in the "Termine" report): erasure keeps them as anonymous rows. A seat or
waiting-list place for a session still to come is given back (the next person moves up), and
the private calendar feed address is deleted: nobody is to be found through it any more.
"""

from django.utils.translation import gettext_lazy as _

from .models import CalendarFeed, Registration


def registrations_of(user):
    """``user``'s session registrations: list of dicts (session, offering, place, dates as
    aware datetimes, status, times of registration/seat/cancellation, attendance) and, if
    there is one, whether a calendar feed address exists (the token itself is a secret)."""
    rows = (
        Registration.objects.filter(user=user)
        .select_related("offering", "module")
        .prefetch_related("offering__dates")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": registration.module.title,
            "offering": registration.offering.title,
            "place": registration.offering.place_name or registration.offering.online_url,
            "dates": [
                {"start": date.starts_at, "end": date.ends_at}
                for date in registration.offering.dates.all()
            ],
            "status": registration.get_status_display(),
            "registered_at": registration.created_at,
            "confirmed_at": registration.confirmed_at,
            "cancelled_at": registration.cancelled_at,
            "attendance": registration.get_attendance_display(),
        }
        for registration in rows
    ]


def calendar_feed_of(user):
    """{"exists": bool, "created_at": aware datetime or None} of ``user``'s calendar feed."""
    feed = CalendarFeed.objects.filter(user=user).first()
    return {"exists": feed is not None, "created_at": feed.created_at if feed else None}


def registrations_erase(user):
    """Gives back ``user``'s seats and waiting-list places of sessions without recorded
    attendance (no mail: the person is being erased), moves the next people up, and deletes
    the calendar feed. Past registrations stay as anonymous rows. Returns rows changed."""
    from .services import registrations_release

    changed = CalendarFeed.objects.filter(user=user).delete()[0]
    changed += registrations_release(user=user)
    return changed


LABELS = {
    "session": _("Session"),
    "offering": _("Offering"),
    "place": _("Place"),
    "dates": _("Dates"),
    "start": _("Start"),
    "end": _("End"),
    "status": _("Status"),
    "registered_at": _("Registered"),
    "confirmed_at": _("Seat confirmed"),
    "cancelled_at": _("Cancelled"),
    "attendance": _("Attendance"),
    "exists": _("Calendar feed address exists"),
    "created_at": _("Created"),
}


def register():
    """Called from ``EventsConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "session_registrations",
        label=_("Sessions (Termine)"),
        collect=registrations_of,
        erase=registrations_erase,
        labels=LABELS,
        order=35,
    )
    register_section(
        "calendar_feed", label=_("Calendar feed"), collect=calendar_feed_of, labels=LABELS, order=36
    )
