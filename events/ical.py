"""iCalendar files (RFC 5545, iTIP RFC 5546) of session registrations, built with ``icalendar``.

Times are written in Europe/Berlin with its VTIMEZONE, so a calendar program shows 9:00 as
9:00 on both sides of the summer-time change. Each date of an offering is one VEVENT whose
UID derives from the registration (stable across mails and the feed); SEQUENCE rises with
every change, so the programs replace the entry instead of adding a second one.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//KoFo//Kooperative Fortbildung//DE"


def _berlin():
    return ZoneInfo(settings.TIME_ZONE)


def event_uid(registration, date):
    """The UID of ``date`` of ``registration``: stable for its lifetime (mail and feed)."""
    return f"{registration.uid}-{date.pk}@kofo"


def schedule_fingerprint(offering, dates):
    """A short digest of what the person was told (dates and place); a change means a mail."""
    parts = [f"{d.pk}:{d.starts_at.isoformat()}:{d.ends_at.isoformat()}" for d in dates]
    parts += [offering.title, offering.place_name, offering.address, offering.online_url]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _location(offering):
    place = ", ".join(
        part for part in [offering.place_name, " ".join(offering.address.split())] if part
    )
    return place or offering.online_url


def _event(registration, date, *, cancelled=False, stamp=None):
    offering = registration.offering
    event = Event()
    event.add("uid", event_uid(registration, date))
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", registration.sequence)
    event.add("dtstart", date.starts_at.astimezone(_berlin()))
    event.add("dtend", date.ends_at.astimezone(_berlin()))
    event.add("summary", f"{registration.module.title} ({offering.title})")
    event.add("location", _location(offering))
    description = [offering.directions, offering.online_url, offering.note]
    event.add("description", "\n\n".join(part for part in description if part))
    if offering.online_url:
        event.add("url", offering.online_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = "KoFo"
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.user.email}")
    attendee.params["cn"] = registration.user.get_full_name() or registration.user.email
    attendee.params["partstat"] = "DECLINED" if cancelled else "ACCEPTED"
    event.add("attendee", attendee)
    return event


def _address(from_email):
    return from_email.rsplit("<", 1)[-1].rstrip(">").strip()


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def registration_ics(*, registration, dates, cancelled=False):
    """The calendar file (bytes) of a mail: METHOD:REQUEST with every date of the offering,
    or METHOD:CANCEL when the seat was given back. ``dates`` are ``SessionDate`` rows."""
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    for date in dates:
        calendar.add_component(_event(registration, date, cancelled=cancelled))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(*, registrations, due_enrolments):
    """A person's private feed: the dates of their confirmed registrations (same UIDs as in
    the mails) and the due dates of their open courses as all-day entries."""
    calendar = _calendar()
    calendar.add("x-wr-calname", "KoFo")
    stamp = timezone.now()
    for registration in registrations:
        for date in registration.offering.dates.all():
            calendar.add_component(_event(registration, date, stamp=stamp))
    for enrolment in due_enrolments:
        event = Event()
        event.add("uid", f"enrolment-{enrolment.pk}-due@kofo")
        event.add("dtstamp", stamp)
        event.add("dtstart", enrolment.due_date)
        event.add("dtend", enrolment.due_date + datetime.timedelta(days=1))
        event.add("summary", f"Fällig: {enrolment.course.title}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
