"""Writes about session registrations: register, cancel, move up from the waiting list.

Seats are given under a row lock on the offering (``select_for_update``), so parallel
registrations queue there; the unique seat number per offering (a database constraint) makes
a double booking impossible even for a write that skipped the lock. Mails (with calendar
files, see ``mail.py``) go through the outbox, which sends them after the commit.
"""

from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment
from courses.services import CourseError, enrolment_create
from organisations.selectors import people_visible_to

from .models import Registration, RegistrationStatus, SessionOfferingPage

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
FULL = "full"
SHARE_REACHED = "share"


class RegistrationError(Exception):
    """A rule refused the action; ``str(error)`` is a translated message for the person."""


def seat_refusal(*, offering, kind, confirmed_kinds):
    """Why a person of organisation ``kind`` gets no seat now, or None when one is free.

    ``confirmed_kinds`` lists the kind of every confirmed registration. Returns ``FULL``
    when all ``offering.capacity`` seats are taken, ``SHARE_REACHED`` when ``kind`` already
    holds ``offering.seat_cap_per_kind`` seats (the cooperative mix: at most
    ``max_share_per_kind`` percent of the seats, rounded down, per kind). People without an
    organisation belong to no kind and are never capped.
    """
    if len(confirmed_kinds) >= offering.capacity:
        return FULL
    cap = offering.seat_cap_per_kind
    if cap is not None and kind and Counter(confirmed_kinds)[kind] >= cap:
        return SHARE_REACHED
    return None


def refusal_message(reason, *, offering, kind_label):
    """The German sentence for a ``seat_refusal`` reason (shown on the registration page)."""
    if reason == FULL:
        return _("All seats are taken.")
    return _(
        "At most %(percent)s %% of the seats (%(seats)s) go to people from one kind of "
        "organisation, so that the session mixes Jobcenter, Agentur, Jugendhilfe and "
        "Familienzentrum; the seats for “%(kind)s” are taken."
    ) % {
        "percent": offering.max_share_per_kind,
        "seats": offering.seat_cap_per_kind,
        "kind": kind_label,
    }


def _confirmed(offering):
    return Registration.objects.filter(offering=offering, status=RegistrationStatus.CONFIRMED)


def _free_seat(offering, taken):
    return next(seat for seat in range(1, offering.capacity + len(taken) + 2) if seat not in taken)


def _course_of(offering):
    return CoursePage.objects.get(pk=offering.get_parent().get_parent().pk)


def _lock(offering):
    # of=("self",): lock the offering's own row, not Wagtail's page row editors save.
    return SessionOfferingPage.objects.select_for_update(of=("self",)).get(pk=offering.pk)


@transaction.atomic
def registration_create(*, user, offering, registered_by=None, now=None):
    """Register ``user`` for ``offering``: a seat when one is free for their kind, else a
    place on the waiting list. Returns the ``Registration``.

    ``registered_by`` (a manager) registers a person of their scope
    (``organisations.selectors.people_visible_to``) and enrols them in the course if needed;
    a person registering themselves must be enrolled. One open registration per person and
    session module (pick one offering); after an excused or absent attendance, a later
    offering may be chosen; after attending, none. Raises ``RegistrationError`` after the
    registration deadline, for an unpublished offering, a person out of scope, or a second
    registration.
    """
    now = now or timezone.now()
    offering = _lock(offering)
    module = offering.get_parent().specific
    course = _course_of(offering)
    if not (offering.live and module.live and course.live):
        raise RegistrationError(_("This session is not available."))
    if now > offering.registration_deadline:
        raise RegistrationError(_("The registration deadline has passed."))
    if registered_by is not None and registered_by != user:
        if not people_visible_to(registered_by).filter(pk=user.pk).exists():
            raise RegistrationError(_("You may only register people of your organisations."))
        try:
            enrolment_create(user=user, course=course, assigned_by=registered_by)
        except CourseError as error:
            raise RegistrationError(str(error)) from error
    elif not Enrolment.objects.filter(user=user, course=course, is_active=True).exists():
        raise RegistrationError(_("Please enrol in the course first."))
    if Registration.objects.filter(user=user, module=module, attendance="present").exists():
        raise RegistrationError(_("You have attended this session already."))
    existing = (
        Registration.objects.filter(user=user, module=module, status__in=ACTIVE, attendance="")
        .select_related("offering")
        .first()
    )
    if existing is not None:
        if existing.offering_id == offering.pk:
            return existing
        raise RegistrationError(
            _("You are already registered for “%(offering)s”. Please cancel that first.")
            % {"offering": existing.offering.title}
        )
    organisation = user.organisation
    kind = organisation.kind if organisation else ""
    confirmed = list(_confirmed(offering).values_list("seat", "organisation_kind"))
    reason = seat_refusal(
        offering=offering, kind=kind, confirmed_kinds=[k for _seat, k in confirmed]
    )
    registration = Registration(
        offering=offering,
        module=module,
        user=user,
        organisation=organisation,
        organisation_kind=kind,
        registered_by=registered_by,
        status=RegistrationStatus.WAITING if reason else RegistrationStatus.CONFIRMED,
    )
    if reason is None:
        registration.seat = _free_seat(offering, {seat for seat, _k in confirmed})
        registration.confirmed_at = now
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # a parallel registration for another offering won
        raise RegistrationError(_("You are already registered for this session.")) from error
    registration.waiting_reason = reason
    from .mail import registration_mail_send

    registration_mail_send(registration=registration)
    return registration


def cancel_refusal(registration, *, now=None):
    """Why ``registration`` cannot be cancelled now (German), or None. A seat can be given
    back until the registration deadline; a place on the waiting list at any time."""
    now = now or timezone.now()
    if registration.status == RegistrationStatus.CANCELLED:
        return _("This registration is already cancelled.")
    if registration.attendance:
        return _("Attendance has been recorded; the registration stays.")
    if (
        registration.status == RegistrationStatus.CONFIRMED
        and now > registration.offering.registration_deadline
    ):
        return _(
            "The deadline for cancelling has passed. Please tell the trainers if you cannot come."
        )
    return None


@transaction.atomic
def registration_cancel(*, registration, now=None):
    """Cancel ``registration``; a freed seat goes to the waiting list at once
    (``offering_fill_seats``). Raises ``RegistrationError`` with ``cancel_refusal``'s reason.
    Returns the people moved up (registrations)."""
    now = now or timezone.now()
    offering = _lock(registration.offering)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.offering = offering
    refusal = cancel_refusal(registration, now=now)
    if refusal:
        raise RegistrationError(refusal)
    had_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.seat = RegistrationStatus.CANCELLED, None
    registration.cancelled_at = now
    registration.save(update_fields=["status", "seat", "cancelled_at"])
    from .mail import registration_mail_send

    registration_mail_send(registration=registration, had_seat=had_seat)
    return _fill_seats(offering, now=now) if had_seat else []


@transaction.atomic
def offering_fill_seats(*, offering, now=None):
    """Move people up from the waiting list while seats are free for their kind (e.g. after
    the editors raised the capacity or the share). Returns the registrations moved up."""
    return _fill_seats(_lock(offering), now=now or timezone.now())


def registrations_release(*, user, now=None) -> int:
    """Give back ``user``'s seats and waiting-list places of offerings without recorded
    attendance (for the DSGVO erasure: no mail to the person) and move the next people up
    (they get their usual "moved up" mail). Past registrations (attendance recorded) stay.

    ``now`` is an aware datetime (default: now), stored as ``cancelled_at``. Returns the
    number of registrations cancelled. Raises nothing of its own.
    """
    now = now or timezone.now()
    open_ = Registration.objects.filter(user=user, status__in=ACTIVE, attendance="")
    offerings = {registration.offering_id: registration.offering for registration in open_}
    released = 0
    with transaction.atomic():
        for offering in offerings.values():
            locked = _lock(offering)
            released += Registration.objects.filter(
                user=user, offering=locked, status__in=ACTIVE, attendance=""
            ).update(status=RegistrationStatus.CANCELLED, seat=None, cancelled_at=now)
            _fill_seats(locked, now=now)
    return released


def _fill_seats(offering, *, now):
    """Under the offering lock: first come, first served, skipping people whose kind has
    reached its share (they keep their place for a seat that fits)."""
    from .mail import registration_mail_send

    confirmed = list(_confirmed(offering).values_list("seat", "organisation_kind"))
    taken, kinds = {seat for seat, _k in confirmed}, [k for _seat, k in confirmed]
    moved = []
    waiting = Registration.objects.select_for_update().filter(
        offering=offering, status=RegistrationStatus.WAITING
    )
    for registration in waiting.order_by("created_at", "pk"):
        reason = seat_refusal(
            offering=offering, kind=registration.organisation_kind, confirmed_kinds=kinds
        )
        if reason == FULL:
            break
        if reason:
            continue
        registration.seat = _free_seat(offering, taken)
        registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, now
        registration.save(update_fields=["seat", "status", "confirmed_at"])
        taken.add(registration.seat)
        kinds.append(registration.organisation_kind)
        registration.offering = offering
        registration_mail_send(registration=registration, moved_up=True)
        moved.append(registration)
    return moved


def offering_schedule_changed(*, offering_id):
    """After an offering was published: mail a change (METHOD:REQUEST, higher SEQUENCE) to
    every confirmed person whose last calendar file showed other dates or another place,
    then move people up if seats became free. Returns how many change mails went out."""
    from .ical import schedule_fingerprint
    from .mail import registration_mail_send

    with transaction.atomic():
        offering = _lock(SessionOfferingPage.objects.get(pk=offering_id))
        current = schedule_fingerprint(offering, offering.session_dates())
        changed = list(
            _confirmed(offering)
            .exclude(notified_schedule=current)
            .exclude(notified_schedule="")
            .select_related("user", "module")
        )
        for registration in changed:
            registration.offering = offering
            registration_mail_send(registration=registration, changed=True)
        _fill_seats(offering, now=timezone.now())
    return len(changed)
