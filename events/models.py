"""Sessions (Termine): a session module of a course, its offerings (one per place and time,
e.g. Hamm and Düsseldorf), their dates, and the registrations of people.

A ``SessionModulePage`` *is* a ``courses.ModulePage`` (multi-table inheritance): its UE count
for the course and attending completes it through ``courses.services.module_complete``; the
completion rule, progress and certificates need no change. Each offering is a child page;
a learner registers for one offering per session module.
"""

import uuid

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
        from .selectors import session_module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(session_module_context(module=self, user=request.user))
        return context

    @path("complete/")
    def complete_route(self, request):
        """Attending completes this module (the trainers record it), not a button."""
        from . import views

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
        from . import views

        return views.offering_page(request, self)

    @path("register/")
    def register_route(self, request):
        from . import views

        return views.register(request, self)

    @path("cancel/")
    def cancel_route(self, request):
        from . import views

        return views.cancel(request, self)

    @path("attendance/")
    def attendance_route(self, request):
        from . import attendance_views

        return attendance_views.attendance(request, self)

    @path("attendance/pdf/")
    def attendance_pdf_route(self, request):
        from . import attendance_views

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


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Seat confirmed")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Registration cancelled")


class Attendance(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class Registration(models.Model):
    """A person's registration for one offering; kept (cancelled) when they cancel.

    A confirmed registration holds a seat number 1..capacity, unique per offering: even a
    write that bypassed the offering lock could not give one seat twice.
    """

    offering = models.ForeignKey(
        SessionOfferingPage,
        verbose_name=_("offering"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    module = models.ForeignKey(
        SessionModulePage,
        verbose_name=_("session module"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        # The attendance record outlives the account: deleting a person is an erasure.
        on_delete=models.PROTECT,
        related_name="session_registrations",
    )
    # The person's organisation and its kind at registration: the share cap counts these.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="session_registrations",
    )
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("seat confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )
    # iCalendar (RFC 5545): one UID for the registration's events in every mail and feed,
    # SEQUENCE raised with every change the person is told about.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The schedule (dates and place, see ``schedule_fingerprint``) last sent to the person:
    # publishing a changed offering mails a change to everybody whose copy differs.
    notified_schedule = models.CharField(max_length=64, blank=True, editable=False)
    reminded_for = models.DateTimeField(_("reminded for the date at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                # Once attendance is recorded the registration is history: someone excused
                # or absent may register for a later offering of the same module.
                fields=["user", "module"],
                condition=Q(status__in=["confirmed", "waiting"], attendance=""),
                name="events_one_registration_per_session",
            ),
            models.UniqueConstraint(
                fields=["offering", "seat"],
                condition=Q(status="confirmed"),
                name="events_one_person_per_seat",
            ),
            models.CheckConstraint(
                condition=(Q(status="confirmed", seat__gte=1) | ~Q(status="confirmed"))
                & (Q(seat__isnull=True) | Q(status="confirmed")),
                name="events_seat_only_when_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["offering", "status"])]

    def __str__(self):
        return f"{self.user} – {self.offering}"


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
