"""Writes of the reports app: reminders about overdue courses and course assignments."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.services import enrolment_create

from .models import Confirmation, Reminder

# How long a preview may be confirmed: long enough for a coffee, short enough that nobody
# confirms last week's list by accident.
CONFIRMATION_VALID = datetime.timedelta(hours=24)


class ConfirmationUnknown(Exception):
    """The token is unknown, someone else's, of another kind, or expired (a translated message)."""


def confirmation_create(*, purpose, user, payload):
    """Store what a preview showed (``payload``: JSON-serialisable) and return the
    ``Confirmation``; its ``token`` goes into the confirm form. Expired previews are deleted
    on the way: they hold names and addresses nobody needs any more (DSGVO Art. 5(1)(e))."""
    Confirmation.objects.filter(created_at__lt=timezone.now() - CONFIRMATION_VALID).delete()
    return Confirmation.objects.create(purpose=purpose, created_by=user, payload=payload)


@transaction.atomic
def confirmation_run(*, token, purpose, user, perform):
    """Run ``perform(payload) -> outcome`` (a JSON-serialisable dict) once per ``token``.

    Returns ``(outcome, first)``: ``first`` is False for a double click or retry, which gets
    the stored outcome of the request that ran it. The claim is one conditional UPDATE: on
    PostgreSQL parallel requests wait on its row lock and then see it used; on SQLite the
    write transaction (BEGIN IMMEDIATE) serialises them. Raises ConfirmationUnknown.
    """
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        raise ConfirmationUnknown(_("This preview is unknown. Please start again.")) from None
    now = timezone.now()
    mine = Confirmation.objects.filter(
        token=token, purpose=purpose, created_by=user, created_at__gte=now - CONFIRMATION_VALID
    )
    first = mine.filter(used_at=None).update(used_at=now) == 1
    confirmation = mine.first()
    if confirmation is None:
        raise ConfirmationUnknown(_("This preview is unknown or has expired. Please start again."))
    if first:
        confirmation.outcome = perform(confirmation.payload)
        confirmation.save(update_fields=["outcome"])
    return confirmation.outcome, first


@transaction.atomic
def reminders_send(*, enrolments, sent_by, today=None):
    """Record and e-mail one reminder per person for the given overdue ``enrolments``.

    ``enrolments`` must already be scoped to what ``sent_by`` may see (the view passes a
    selector queryset). A person who had a reminder today gets none; returns
    ``(sent, skipped)`` counts of people.
    """
    from .tasks import send_reminder

    today = today or timezone.localdate()
    courses_by_user = {}
    for enrolment in enrolments.select_related("course").order_by("due_date"):
        courses_by_user.setdefault(enrolment.user_id, []).append(enrolment.course.title)
    already = set(
        Reminder.objects.filter(user_id__in=courses_by_user, sent_on=today).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for user_id, titles in courses_by_user.items():
        if user_id in already:
            continue
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    user_id=user_id, sent_on=today, sent_by=sent_by, courses="\n".join(titles)
                )
        except IntegrityError:  # a parallel request sent it a moment ago
            continue
        transaction.on_commit(lambda pk=reminder.pk: send_reminder.enqueue(pk))
        sent += 1
    return sent, len(courses_by_user) - sent


@transaction.atomic
def course_assign(*, users, course, due_date, assigned_by):
    """Enrol each of ``users`` (already scoped by the caller) with a due date and notify
    them by e-mail once the transaction commits. People who completed the course are left
    as they are and get no mail, unless their certificate has expired (``valid_until`` before
    today, Europe/Berlin): then the course is assigned as a new cycle
    (``courses.cycles.enrolment_cycle_start``). Returns the (newest) enrolments."""
    from certificates.selectors import newest_valid_certificates
    from courses.cycles import enrolment_cycle_start

    from .tasks import send_assignment_notice

    enrolments = []
    for user in users:
        enrolment = enrolment_create(
            user=user, course=course, assigned_by=assigned_by, due_date=due_date
        )
        if enrolment.completed_at is not None:
            certificate = newest_valid_certificates([enrolment]).get(enrolment.pk)
            if certificate is not None and certificate.is_expired:
                enrolment = (
                    enrolment_cycle_start(
                        enrolment=enrolment, due_date=due_date, assigned_by=assigned_by
                    )
                    or enrolment
                )
        enrolments.append(enrolment)
        if enrolment.completed_at is not None:
            continue  # completed and still valid: nothing new to do, so no mail
        transaction.on_commit(lambda pk=enrolment.pk: send_assignment_notice.enqueue(pk))
    return enrolments
