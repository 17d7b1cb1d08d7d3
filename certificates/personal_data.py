"""What the certificates app stores about a person, for the DSGVO export and erasure (registry:
``lms.personal_data``, registered in ``CertificatesConfig.ready``).

A certificate stays a record after its holder's erasure (Art. 17 Abs. 3 lit. b/e DSGVO: the
issuer must be able to answer whether a presented certificate is genuine; reports count it).
What names the holder goes: ``holder_name`` is emptied (public verification then says
"Inhaber:in gelöscht"), the stored PDF (it prints the name) and every ZIP export holding it
are deleted once the erasure commits, and the label of its admin log entries no longer
carries the name. Serial, code, course, units, dates and status stay.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Certificate, ZipExport


def certificates_of(user):
    """``user``'s certificates, oldest first: list of dicts of what each one states (the
    printed name, course, UE (Decimal), dates, serial and verification code, status)."""
    rows = Certificate.objects.filter(holder=user).order_by("issued_at", "pk")
    return [
        {
            "serial": certificate.serial,
            "code": certificate.printed_code,
            "holder_name": certificate.holder_name,
            "course": certificate.course_title,
            "organisation": certificate.organisation_name,
            "units": certificate.total_units,
            "completed_on": certificate.completed_on,
            "issued_at": certificate.issued_at,
            "valid_until": certificate.valid_until,
            "status": certificate.get_status_display(),
        }
        for certificate in rows
    ]


def _delete_files(storage_names):
    from .models import private_storage

    for name in storage_names:
        if name:
            private_storage.delete(name)


def certificates_erase(user):
    """Erasure of ``user`` as holder (see the module docstring). Bypasses the snapshot guard of
    ``Certificate.save`` on purpose, with a queryset update: the law requires this change.
    Returns the number of certificates made anonymous."""
    certificates = Certificate.objects.filter(holder=user)
    ids = list(certificates.values_list("pk", flat=True))
    files = list(certificates.exclude(pdf="").values_list("pdf", flat=True))
    changed = certificates.update(holder_name="", pdf="")
    wanted = set(ids)
    zips = [
        export
        for export in ZipExport.objects.exclude(file="").only("pk", "file", "certificate_ids")
        if wanted & set(export.certificate_ids or [])
    ]
    files += [export.file.name for export in zips]
    ZipExport.objects.filter(pk__in=[export.pk for export in zips]).delete()
    ZipExport.objects.filter(requested_by=user).delete()
    if ids:
        from wagtail.models import ModelLogEntry

        content_type = ContentType.objects.get_for_model(Certificate)
        for pk, serial in Certificate.objects.filter(pk__in=ids).values_list("pk", "serial"):
            ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).update(
                label=serial
            )
    # Files go only when the erasure is committed: a rolled-back erasure loses nothing.
    transaction.on_commit(lambda: _delete_files(files), robust=True)
    return changed


LABELS = {
    "serial": _("Serial number"),
    "code": _("Verification code"),
    "holder_name": _("Name on the certificate"),
    "course": _("Course"),
    "organisation": _("Organisation"),
    "units": _("UE"),
    "completed_on": _("Completed on"),
    "issued_at": _("Issued"),
    "valid_until": _("Valid until"),
    "status": _("Status"),
}


def register():
    """Called from ``CertificatesConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "certificates",
        label=_("Teilnahmebescheinigungen"),
        collect=certificates_of,
        erase=certificates_erase,
        labels=LABELS,
        order=50,
    )
