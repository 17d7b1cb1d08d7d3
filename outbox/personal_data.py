"""The e-mails sent to a person, for the DSGVO export and erasure (registry:
``lms.personal_data``, registered in ``OutboxConfig.ready``).

The outbox is a delivery log, no record anybody reports on: erasure deletes the mails
addressed to the person (their address, name and contents identify them).
"""

from django.utils.translation import gettext_lazy as _

from .models import Mail

# RFC 2606/6761: ".invalid" can never be delivered. Erased accounts get such an address
# (accounts.personal_data), so nothing is ever mailed to an erased person.
UNDELIVERABLE_DOMAIN = ".invalid"


def is_undeliverable(address):
    """True for an address in the reserved top-level domain ``invalid`` (e.g. an erased
    account's placeholder); the outbox backend drops such recipients."""
    domain = str(address).rsplit("@", 1)[-1].strip().rstrip(">").lower()
    return domain == "invalid" or domain.endswith(UNDELIVERABLE_DOMAIN)


def _mails_to(email):
    # recipients is "a@x, b@y": a text search narrows, the exact split decides.
    candidates = Mail.objects.filter(recipients__icontains=email).order_by("created_at", "pk")
    wanted = email.lower()
    return [
        mail
        for mail in candidates
        if wanted in (part.strip().lower() for part in mail.recipients.split(","))
    ]


def mails_of(user):
    """The mails addressed to ``user``'s current address: list of dicts (subject, when queued
    and sent (aware datetimes), status, text body)."""
    return [
        {
            "subject": mail.subject,
            "created_at": mail.created_at,
            "sent_at": mail.sent_at,
            "status": mail.get_status_display(),
            "body": mail.message.get("body", ""),
        }
        for mail in _mails_to(user.email)
    ]


def mails_erase(user):
    """Deletes the mails addressed to ``user``; returns how many."""
    deleted, _counts = Mail.objects.filter(
        pk__in=[mail.pk for mail in _mails_to(user.email)]
    ).delete()
    return deleted


LABELS = {
    "subject": _("Subject"),
    "created_at": _("Created"),
    "sent_at": _("Sent"),
    "status": _("Status"),
    "body": _("Text"),
}


def register():
    """Called from ``OutboxConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "mails",
        label=_("E-mails sent to you"),
        collect=mails_of,
        erase=mails_erase,
        labels=LABELS,
        order=60,
    )
