"""People and sessions: registrations (seat or waiting list, attendance) and the private
calendar feed address."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import SessionModulePage, SessionOfferingPage


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
