"""Cache invalidation for the footer links (see ``home.templatetags.footer_tags``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import FooterLinks
from .templatetags.footer_tags import LINKS, forget_footer_links


@receiver(post_save, dispatch_uid="home_footer_links_saved")
@receiver(post_delete, dispatch_uid="home_footer_links_deleted")
def forget_on_change(sender, instance, created=False, **kwargs):
    # A linked page's slug or status, the setting itself or a site's host changes the URLs.
    if (
        isinstance(instance, FooterLinks)
        and created
        and not any(getattr(instance, f"{name}_id") for name in LINKS)
    ):
        return  # the empty row FooterLinks.for_site() creates on first use changes no link
    if isinstance(instance, FooterLinks | Page | Site):
        forget_footer_links()


@receiver(page_published, dispatch_uid="home_footer_links_published")
@receiver(page_unpublished, dispatch_uid="home_footer_links_unpublished")
@receiver(post_page_move, dispatch_uid="home_footer_links_moved")
def forget_on_page_event(sender, **kwargs):
    forget_footer_links()
