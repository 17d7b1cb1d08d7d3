"""The session pages: a session module (a ``courses.ModulePage``), its offerings (one per place
and time) and their dates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from courses.models import ModulePage, ModulePageForm


class SessionModulePage(ModulePage):
    """A module learners complete by attending one of its offerings (child pages)."""

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("units"), FieldPanel("is_required")],
            heading=_("Duration and completion"),
        ),
        FieldPanel("body"),
    ]
    base_form_class = ModulePageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["events.SessionOfferingPage"]
    template = "events/session_module_page.html"

    class Meta:
        verbose_name = _("session (in person or online)")
        verbose_name_plural = _("sessions (in person or online)")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import session_module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(session_module_context(module=self, user=request.user))
        return context

    @path("complete/")
    def complete_route(self, request):
        """Attending completes this module (the trainers record it), not a button."""
        from .. import views

        return views.refuse_self_completion(request, self)


class SessionOfferingPage(RoutablePageMixin, Page):
    """One offering of a session module: its dates, place or online room and seats."""

    place_name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("E.g. Familienzentrum Hamm-Mitte.")
    )
    address = models.TextField(_("address"), blank=True)
    directions = models.TextField(_("directions"), blank=True)
    online_url = models.URLField(_("online room (link)"), blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), default=20, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        help_text=_("Registering and cancelling are possible until then."),
    )
    max_share_per_kind = models.PositiveSmallIntegerField(
        _("maximum share per organisation kind (percent)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "E.g. 50: at most half of the seats go to people of one kind of organisation "
            "(Jobcenter, Agentur, Jugendhilfe, Familienzentrum). Empty: no limit."
        ),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="session_offerings",
    )
    note = models.TextField(_("note"), blank=True)

    content_panels = Page.content_panels + [
        InlinePanel("dates", heading=_("Dates"), label=_("Date"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("directions"),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("max_share_per_kind"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("trainers"),
        FieldPanel("note"),
    ]
    parent_page_types = ["events.SessionModulePage"]
    subpage_types = []
    template = "events/session_offering_page.html"

    class Meta:
        verbose_name = _("session offering")
        verbose_name_plural = _("session offerings")

    def clean(self):
        super().clean()
        if not self.place_name.strip() and not self.online_url:
            raise ValidationError(
                {"place_name": _("Please give a place or the link of the online room.")}
            )

    @property
    def seat_cap_per_kind(self):
        """Seats one organisation kind may hold at most (None: no cap); rounded down."""
        if not self.max_share_per_kind:
            return None
        return max(1, self.capacity * self.max_share_per_kind // 100)

    def session_dates(self):
        return list(self.dates.order_by("starts_at"))

    @path("")
    def offering_index(self, request):
        from .. import views

        return views.offering_page(request, self)

    @path("register/")
    def register_route(self, request):
        from .. import views

        return views.register(request, self)

    @path("cancel/")
    def cancel_route(self, request):
        from .. import views

        return views.cancel(request, self)

    @path("attendance/")
    def attendance_route(self, request):
        from .. import attendance_views

        return attendance_views.attendance(request, self)

    @path("attendance/pdf/")
    def attendance_pdf_route(self, request):
        from .. import attendance_views

        return attendance_views.attendance_pdf(request, self)


class SessionDate(Orderable):
    """One date of an offering; stored in UTC, entered and shown in Europe/Berlin."""

    offering = ParentalKey(SessionOfferingPage, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    panels = [FieldPanel("starts_at"), FieldPanel("ends_at")]

    class Meta(Orderable.Meta):
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_date_ends_after_start"
            )
        ]

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    def __str__(self):
        return f"{self.offering} {self.starts_at:%Y-%m-%d %H:%M}"
