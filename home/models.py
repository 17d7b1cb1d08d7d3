from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The site root: a welcome for guests, the learner dashboard for people logged in."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            # home may read from every app; courses knows nothing about home.
            from courses.models import CourseIndexPage
            from courses.selectors import dashboard
            from events.selectors import upcoming_registrations

            context["dashboard"] = dashboard(user=request.user)
            context["upcoming_sessions"] = upcoming_registrations(user=request.user)
            context["catalogue"] = CourseIndexPage.objects.live().first()
        return context


class ContentPage(Page):
    """A plain editable page: Impressum, Datenschutz, Erklärung zur Barrierefreiheit, …"""

    body = RichTextField(_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = FooterLinks.for_request(request)
        if links.privacy_id == self.pk:
            # The privacy page states the rights and retention periods as configured, so the
            # text editors write cannot drift from what the code does (accounts.personal_data,
            # settings.KOFO_ANSWER_RETENTION_YEARS).
            from django.conf import settings

            context["privacy_facts"] = {
                "retention_years": getattr(settings, "KOFO_ANSWER_RETENTION_YEARS", None)
            }
        return context


@register_setting(icon="link")
class FooterLinks(BaseSiteSetting):
    imprint = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint (Impressum)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy (Datenschutz)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement (Barrierefreiheit)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("imprint"), FieldPanel("privacy"), FieldPanel("accessibility")]

    class Meta:
        verbose_name = _("footer links")
