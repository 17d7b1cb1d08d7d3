"""The project's EMAIL_BACKEND: no request ever talks to a mail server.

``QueuedEmailBackend.send_messages`` stores each message as an ``outbox.Mail`` row (in the
caller's transaction: a rolled-back request sends nothing) and enqueues its delivery task
once that transaction commits. The task hands the message to the real backend,
``settings.KOFO_EMAIL_DELIVERY_BACKEND`` (SMTP in production), retries with backoff and
leaves failures visible to the Administration in the Wagtail admin. Every caller of Django's
mail API (send_mail, PasswordResetForm, EmailMessage.send) goes this way unchanged.
"""

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction


class QueuedEmailBackend(BaseEmailBackend):
    """Records messages and enqueues their delivery on commit; never raises for delivery."""

    def send_messages(self, email_messages):
        from .personal_data import is_undeliverable
        from .services import mail_queue

        count = 0
        for message in email_messages:
            if not isinstance(message, EmailMessage):
                continue
            # Erased people have an address in ".invalid" (outbox.personal_data): every
            # caller (reminders, assignments, certificates, marking) skips them here.
            for field in ("to", "cc", "bcc"):
                setattr(
                    message, field, [a for a in getattr(message, field) if not is_undeliverable(a)]
                )
            if not message.recipients():
                continue
            mail = mail_queue(message=message)
            # robust: a queue that cannot be reached now is no error for the request; the
            # row stays "queued" and `manage.py outbox_send` picks it up.
            transaction.on_commit(lambda pk=mail.pk: _enqueue(pk), robust=True)
            count += 1
        return count


def _enqueue(pk):
    from .tasks import deliver_mail

    deliver_mail.enqueue(pk)
