"""Every e-mail KoFo sends, recorded before it goes to the mail server (see backends.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Failed, will be retried")
    FAILED = "failed", _("Failed")
    SENT = "sent", _("Sent")


class Mail(models.Model):
    """One outgoing message: what to send (``message``, see ``serialise``) and how it went."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    subject = models.CharField(_("subject"), max_length=998)  # RFC 5322 line limit
    recipients = models.TextField(_("recipients"))
    message = models.JSONField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("retry_mail", _("Can send a failed e-mail again"))]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"
