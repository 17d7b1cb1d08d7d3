"""Writes of the outbox: queue a message, deliver it (with retries), send a failed one again.

Retry schedule: after the 1st, 2nd, … failed attempt the next one follows after 1 min, 5 min,
30 min, 2 h and 12 h; after the 6th failure (about 15 hours) the mail is "failed" and waits
for the Administration. Temporary SMTP failures (RFC 5321, 4yz replies: greylisting, a full
queue) usually clear within that time.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .models import Mail, MailStatus
from .serialise import deserialise, serialise

logger = logging.getLogger(__name__)

BACKOFF = tuple(datetime.timedelta(minutes=minutes) for minutes in (1, 5, 30, 2 * 60, 12 * 60))
MAX_ATTEMPTS = len(BACKOFF) + 1


def mail_queue(*, message):
    """Record ``message`` (an ``EmailMessage``) as a queued ``Mail`` and return it."""
    return Mail.objects.create(
        subject=str(message.subject)[:998],
        recipients=", ".join(message.recipients()),
        message=serialise(message),
    )


def _schedule(mail):
    from .tasks import deliver_mail

    task = deliver_mail
    if mail.next_attempt_at is not None:
        if not task.get_backend().supports_defer:
            return  # e.g. the immediate backend in development: `outbox_send` retries
        task = task.using(run_after=mail.next_attempt_at)
    transaction.on_commit(lambda: task.enqueue(mail.pk), robust=True)


def mail_deliver(*, mail_id, now=None):
    """Hand the queued mail ``mail_id`` to ``settings.KOFO_EMAIL_DELIVERY_BACKEND``.

    Returns the new status, or None when the mail is not waiting (sent already, or being sent
    by another worker: the conditional UPDATE lets exactly one worker claim it). Never raises
    for a delivery failure: it is recorded and retried (see BACKOFF).
    """
    claimed = Mail.objects.filter(
        pk=mail_id, status__in=[MailStatus.QUEUED, MailStatus.RETRYING]
    ).update(status=MailStatus.SENDING)
    if not claimed:
        return None
    mail = Mail.objects.get(pk=mail_id)
    now = now or timezone.now()
    mail.attempts += 1
    try:
        connection = get_connection(settings.KOFO_EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([deserialise(mail.message)])
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts < MAX_ATTEMPTS:
            mail.status = MailStatus.RETRYING
            mail.next_attempt_at = now + BACKOFF[mail.attempts - 1]
        else:
            mail.status, mail.next_attempt_at = MailStatus.FAILED, None
        logger.warning("Mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, error)
    else:
        mail.status, mail.sent_at, mail.next_attempt_at = MailStatus.SENT, now, None
    with transaction.atomic():
        mail.save()
        if mail.status == MailStatus.RETRYING:
            _schedule(mail)
    return mail.status


@transaction.atomic
def mail_retry(*, mail):
    """Queue a mail that failed (or waits for its next attempt) to be sent now.

    Returns False when the mail is sent or being sent already."""
    updated = Mail.objects.filter(
        pk=mail.pk, status__in=[MailStatus.FAILED, MailStatus.RETRYING, MailStatus.QUEUED]
    ).update(status=MailStatus.QUEUED, next_attempt_at=None)
    if updated:
        mail.refresh_from_db()
        _schedule(mail)
    return bool(updated)


def mail_send_due(*, now=None, stale=datetime.timedelta(minutes=10)):
    """Enqueue every mail whose retry is due, and every queued mail older than ``stale``
    (its task was lost, e.g. the queue was down at commit). Returns how many."""
    now = now or timezone.now()
    due = Mail.objects.filter(
        status=MailStatus.RETRYING, next_attempt_at__lte=now
    ) | Mail.objects.filter(status=MailStatus.QUEUED, created_at__lte=now - stale)
    ids = list(due.values_list("pk", flat=True))
    from .tasks import deliver_mail

    for pk in ids:
        deliver_mail.enqueue(pk)
    return len(ids)
