"""Writes of the Kooperationsnetz: publishing a contact card (with consent) and withdrawing it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ContactCard
from .selectors import may_publish


class NetworkError(Exception):
    """A refusal with a translated message for the person."""


@transaction.atomic
def card_publish(
    *, user, role, topics="", show_email=False, show_phone=False, phone="", visibility, now=None
):
    """Publish or update ``user``'s contact card; the caller has the person's explicit consent
    (the form's unticked consent box). ``role``/``topics``/``phone``: one-line str;
    ``visibility``: a ``Visibility`` value; ``now``: aware datetime (default: now), stored as
    the time of consent. Returns the ``ContactCard``.

    Raises ``NetworkError`` when ``user`` completed no cooperative course, or asked to show a
    phone number without giving one.
    """
    if not may_publish(user):
        raise NetworkError(
            _("You can join the cooperation network once you have completed a cooperative course.")
        )
    if show_phone and not phone.strip():
        raise NetworkError(_("Please enter the phone number to be shown."))
    card, _created = ContactCard.objects.update_or_create(
        user=user,
        defaults={
            "role": role.strip(),
            "topics": topics.strip(),
            "show_email": show_email,
            "show_phone": show_phone,
            # A number the person does not want shown is not kept either.
            "phone": phone.strip() if show_phone else "",
            "visibility": visibility,
            "consented_at": now or timezone.now(),
        },
    )
    return card


@transaction.atomic
def card_withdraw(*, user):
    """Withdraw ``user``'s consent: the card is deleted at once (nothing stays to be shown or
    listed). Returns True if there was a card."""
    deleted, _rows = ContactCard.objects.filter(user=user).delete()
    return bool(deleted)
