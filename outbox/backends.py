"""The project's EMAIL_BACKEND: no request ever talks to a mail server.

``QueuedEmailBackend.send_messages`` stores each message as an ``outbox.Mail`` row (in the
caller's transaction: a rolled-back request sends nothing) and enqueues its delivery task
once that transaction commits. The task hands the message to the real backend,
``settings.KOFO_EMAIL_DELIVERY_BACKEND`` (SMTP in production), retries with backoff and
leaves failures visible to the Administration in the Wagtail admin. Every caller of Django's
mail API (send_mail, PasswordResetForm, EmailMessage.send) goes this way unchanged.
"""

import base64
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction


def serialise(message):
    """A JSON-safe dict of an ``EmailMessage`` (bytes as base64); see ``deserialise``."""

    def content(value):
        if isinstance(value, bytes):
            return {"base64": base64.b64encode(value).decode("ascii")}
        return {"text": str(value)}

    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):  # already a MIME part: keep its bytes
            attachment = (None, attachment.as_bytes(), "message/rfc822")
        filename, data, mimetype = attachment
        attachments.append({"filename": filename, "content": content(data), "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(body), mimetype] for body, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def deserialise(data):
    """The ``EmailMultiAlternatives`` stored by ``serialise``."""

    def content(value):
        return base64.b64decode(value["base64"]) if "base64" in value else value["text"]

    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"], content(attachment["content"]), attachment["mimetype"]
        )
    return message


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
