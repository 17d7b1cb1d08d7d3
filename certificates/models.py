import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .codes import format_code, random_code
from .storage import private_storage as select_private_storage

private_storage = select_private_storage()


def pdf_path(instance, filename):
    # Random directory: even a leaked storage listing gives no usable pattern.
    return f"certificates/{secrets.token_hex(16)}/{filename}"


class Status(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    SUPERSEDED = "superseded", _("superseded")


# A certificate leaves "valid" once, for one of these, and never comes back or moves on:
# a new certificate is a new record (new completion, re-issue, or a logged reinstatement).
FINAL_STATUSES = frozenset({Status.REVOKED, Status.SUPERSEDED})


class ImmutableCertificateError(Exception):
    """Raised when code tries to change what an issued certificate says."""


class SerialCounter(models.Model):
    """One row per year; locked while a serial number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Certificate(models.Model):
    # Everything below up to `pdf_sha256` is the snapshot: written once at issue.
    SNAPSHOT_FIELDS = (
        "enrolment_id",
        "holder_id",
        "course_id",
        "organisation_id",
        "completed_at",
        "holder_name",
        "organisation_name",
        "course_title",
        "modules",
        "total_units",
        "completed_on",
        "issued_at",
        "valid_until",
        "issuer_name",
        "issuer_address",
        "place",
        "signatory_name",
        "signatory_role",
        "extra_text",
        "footer_text",
        "serial",
        "code",
        "pdf",
        "pdf_sha256",
    )

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    completed_at = models.DateTimeField(_("completion (time)"))
    holder_name = models.CharField(_("name of the holder"), max_length=310)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    course_title = models.CharField(_("course title"), max_length=255)
    modules = models.JSONField(_("modules"), default=list)
    total_units = models.DecimalField(_("total UE"), max_digits=6, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_address = models.TextField(_("issuer's address"), blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    extra_text = models.CharField(_("additional line"), max_length=300, blank=True)
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)
    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=random_code)
    pdf = models.FileField(
        _("PDF"), storage=select_private_storage, upload_to=pdf_path, max_length=200
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # One valid certificate per completion; a re-issue supersedes the old one first,
            # a reinstatement leaves the revoked one revoked beside the new one.
            models.UniqueConstraint(
                fields=["enrolment", "completed_at"],
                condition=Q(status="valid"),
                name="certificates_one_valid_per_completion",
            )
        ]
        indexes = [models.Index(fields=["holder", "status"])]
        permissions = [("revoke_certificate", _("Can revoke and re-issue certificates"))]

    def __str__(self):
        return f"{self.serial} – {self.holder_name or _('Inhaber:in gelöscht')}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self._refuse_snapshot_changes()
        super().save(*args, **kwargs)

    def _refuse_snapshot_changes(self):
        stored = (
            type(self).objects.filter(pk=self.pk).values(*self.SNAPSHOT_FIELDS, "status").first()
        )
        if stored is None:
            return
        if stored["status"] in FINAL_STATUSES and self.status != stored["status"]:
            raise ImmutableCertificateError("A revoked or superseded certificate stays so.")
        for field in self.SNAPSHOT_FIELDS:
            current = getattr(self, field)
            if field == "pdf":
                current = current.name
            if stored[field] != current:
                raise ImmutableCertificateError(f"{field} of an issued certificate is fixed.")

    @property
    def holder_erased(self):
        """True once the holder was erased (DSGVO Art. 17): the name is gone, the record stays
        (accounts.personal_data.person_erase, certificates.personal_data)."""
        return not self.holder_name

    @property
    def printed_code(self):
        return format_code(self.code)

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until < timezone.localdate()


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    issuer_name = models.CharField(_("issuer"), max_length=200, default="KoFo")
    issuer_address = models.TextField(_("issuer's address"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)

    panels = [
        HelpPanel(
            format_lazy(
                '<p><a href="{url}" target="_blank">{label}</a> – {hint}</p>',
                url=reverse_lazy("certificates_certificate:preview"),
                label=_("Preview a sample certificate (PDF)"),
                hint=_("save your changes first; the preview uses the saved settings."),
            )
        ),
        MultiFieldPanel(
            [FieldPanel("issuer_name"), FieldPanel("issuer_address"), FieldPanel("logo")],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_role"),
                FieldPanel("signature"),
                FieldPanel("place"),
            ],
            heading=_("Signature"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("certificate template")


class ZipExport(models.Model):
    """A ZIP of many certificate PDFs, built in the background for one admin user."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    certificate_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done = models.PositiveIntegerField(_("added"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    file = models.FileField(storage=select_private_storage, upload_to=pdf_path, blank=True)

    class Meta:
        verbose_name = _("ZIP export")
        ordering = ["-created_at"]

    def __str__(self):
        return f"ZIP {self.pk} ({self.get_state_display()})"

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.done / self.total)
