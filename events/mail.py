"""Mails about registrations, each with its calendar file; sent through the outbox (the
project's EMAIL_BACKEND records them in the caller's transaction and sends after commit)."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lms.urls_abs import absolute_url

from .ical import registration_ics, schedule_fingerprint
from .models import RegistrationStatus

CONFIRMED, WAITING, MOVED_UP, CHANGED, CANCELLED, REMINDER = (
    "confirmed",
    "waiting",
    "moved_up",
    "changed",
    "cancelled",
    "reminder",
)

SUBJECTS = {
    CONFIRMED: gettext_noop("Your seat is confirmed: %(title)s"),
    WAITING: gettext_noop("You are on the waiting list: %(title)s"),
    MOVED_UP: gettext_noop("A seat became free for you: %(title)s"),
    CHANGED: gettext_noop("The session has changed: %(title)s"),
    CANCELLED: gettext_noop("Your registration is cancelled: %(title)s"),
    REMINDER: gettext_noop("Tomorrow: %(title)s"),
}


def registration_mail_send(
    *, registration, had_seat=False, moved_up=False, changed=False, reminder=False
):
    """Tell the person about ``registration``'s new state. A confirmed seat (new, moved up,
    changed) carries METHOD:REQUEST, a given-back seat METHOD:CANCEL, each with SEQUENCE one
    higher than the file before; the waiting list has no calendar file (no seat yet)."""
    offering = registration.offering
    dates = offering.session_dates()
    status = registration.status
    if reminder:
        kind = REMINDER
    elif status == RegistrationStatus.WAITING:
        kind = WAITING
    elif status == RegistrationStatus.CANCELLED:
        kind = CANCELLED
    else:
        kind = CHANGED if changed else MOVED_UP if moved_up else CONFIRMED
    attach = kind in (CONFIRMED, MOVED_UP, CHANGED) or (kind == CANCELLED and had_seat)
    if attach:
        if registration.notified_schedule:
            registration.sequence += 1
        registration.notified_schedule = schedule_fingerprint(offering, dates)
        registration.save(update_fields=["sequence", "notified_schedule"])
    context = {
        "registration": registration,
        "offering": offering,
        "dates": dates,
        "kind": kind,
        "page_url": absolute_url(offering.url or "/"),
    }
    with translation.override("de"):
        subject = _(SUBJECTS[kind]) % {"title": registration.module.title}
        body = render_to_string("events/email/registration.txt", context)
    message = EmailMessage(subject, body, None, [registration.user.email])
    if attach:
        ics = registration_ics(registration=registration, dates=dates, cancelled=kind == CANCELLED)
        message.attach("termin.ics", ics, "text/calendar")
    message.send()
