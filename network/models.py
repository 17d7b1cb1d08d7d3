"""A contact card in the Kooperationsnetz.

A card exists only while its owner consents: publishing stores it together with the time of
consent, withdrawing deletes it (``services.card_withdraw``). So there is no "unpublished"
card anybody could list; the name, e-mail address and organisation are read from the profile
when the card is shown, so a card never shows an outdated name.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.inputs import validate_one_line


class Visibility(models.TextChoices):
    REGION = "region", _("Logged-in people of my region")
    ALL = "all", _("Logged-in people of all regions")


class ContactCard(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contact_card",
    )
    role = models.CharField(_("role / function"), max_length=150, validators=[validate_one_line])
    topics = models.CharField(
        _("topics"),
        max_length=300,
        blank=True,
        validators=[validate_one_line],
        help_text=_("Separated by commas, e.g. Berufsrückkehr, Kinderbetreuung, SGB II."),
    )
    show_email = models.BooleanField(_("show my e-mail address"), default=False)
    show_phone = models.BooleanField(_("show my phone number"), default=False)
    phone = models.CharField(
        _("phone number"), max_length=40, blank=True, validators=[validate_one_line]
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.REGION
    )
    consented_at = models.DateTimeField(_("consent given at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact card")
        verbose_name_plural = _("contact cards")

    def __str__(self):
        return str(self.user)

    def topic_list(self):
        """The topics as a list of stripped, non-empty strings, in the owner's order."""
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]
