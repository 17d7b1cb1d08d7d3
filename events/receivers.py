"""Publishing an offering: changed dates or place are mailed (with an updated calendar file)
to everybody with a seat; a raised capacity or share moves people up from the waiting list."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SessionOfferingPage


@receiver(page_published, sender=SessionOfferingPage)
def offering_published(sender, instance, **kwargs):
    from .services import offering_schedule_changed

    transaction.on_commit(lambda: offering_schedule_changed(offering_id=instance.pk))
