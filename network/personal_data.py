"""The contact card in the DSGVO export and erasure (registry: ``lms.personal_data``,
registered in ``NetworkConfig.ready``). Erasure deletes the card: it is published only with
consent and has no record value once the person is gone."""

from django.utils.translation import gettext_lazy as _

from .models import ContactCard


def card_of(user):
    """``user``'s contact card as a dict (role, topics, contact ways shown, phone,
    visibility, consent time as an aware datetime), or None when there is none."""
    card = ContactCard.objects.filter(user=user).first()
    if card is None:
        return None
    return {
        "role": card.role,
        "topics": card.topics,
        "show_email": card.show_email,
        "show_phone": card.show_phone,
        "phone": card.phone,
        "visibility": card.get_visibility_display(),
        "consented_at": card.consented_at,
        "updated_at": card.updated_at,
    }


def card_erase(user):
    """Deletes ``user``'s contact card. Returns rows deleted (0 or 1)."""
    return ContactCard.objects.filter(user=user).delete()[0]


LABELS = {
    "role": _("Role / function"),
    "topics": _("Topics"),
    "show_email": _("E-mail address shown"),
    "show_phone": _("Phone number shown"),
    "phone": _("Phone number"),
    "visibility": _("Visible to"),
    "consented_at": _("Consent given"),
    "updated_at": _("Last changed"),
}


def register():
    """Called from ``NetworkConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "contact_card",
        label=_("Cooperation network: contact card"),
        collect=card_of,
        erase=card_erase,
        labels=LABELS,
        order=37,
    )
