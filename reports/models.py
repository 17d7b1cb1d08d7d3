import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportAccess(models.Model):
    """Carries the app's permissions; it has no table and no rows.

    Django ties a permission to a content type, and a content type to a model. An
    unmanaged model gives ``reports.view_reports`` and ``reports.assign_courses`` a home
    without an empty table or a fake migration that creates permission rows by hand, and
    ``default_permissions = ()`` keeps meaningless add/change/delete/view rows away.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_reports", _("Can view the manager reports")),
            ("assign_courses", _("Can assign courses to people")),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class Reminder(models.Model):
    """A reminder e-mail about overdue courses; at most one per person and day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="overdue_reminders",
    )
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    courses = models.TextField(_("courses"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="reports_one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.user} – {self.sent_on}"


class Confirmation(models.Model):
    """A preview waiting for its "confirm" click (people import, course assignment).

    The preview stores what it showed in ``payload`` and puts only the random ``token`` in the
    page; the confirm request runs the write once per token (``services.confirmation_run``),
    so a double click or a retry gives the same result instead of a second write or an error.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    payload = models.JSONField(_("preview"), default=dict)
    used_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    outcome = models.JSONField(_("outcome"), default=dict)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")

    def __str__(self):
        return f"{self.purpose} {self.token}"
