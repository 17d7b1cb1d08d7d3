"""A mail message as stored in an ``outbox.Mail`` row: JSON, so the row survives restarts and
the delivery task can run on another host."""

import base64
from email.mime.base import MIMEBase

from django.core.mail import EmailMultiAlternatives


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
