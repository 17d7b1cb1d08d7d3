import tempfile
import zipfile

from django.core.files import File
from django.db import transaction

from .models import Certificate, ZipExport

PROGRESS_EVERY = 25


@transaction.atomic
def zip_export_create(*, user, certificates):
    ids = list(certificates.values_list("pk", flat=True))
    export = ZipExport.objects.create(requested_by=user, certificate_ids=ids, total=len(ids))
    from .tasks import build_zip_export

    transaction.on_commit(lambda: build_zip_export.enqueue(export_id=export.pk))
    return export


def zip_export_build(*, export):
    """Writes the ZIP to private storage, saving progress every few files."""
    ZipExport.objects.filter(pk=export.pk).update(state=ZipExport.State.RUNNING)
    # An erased holder's certificate has no PDF any more (certificates.personal_data).
    certificates = (
        Certificate.objects.filter(pk__in=export.certificate_ids)
        .exclude(pdf="")
        .only("pk", "serial", "holder_name", "pdf")
    )

    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
                for done, certificate in enumerate(certificates.iterator(), start=1):
                    with certificate.pdf.open("rb") as handle:
                        archive.writestr(f"{certificate.serial}.pdf", handle.read())
                    if done % PROGRESS_EVERY == 0:
                        ZipExport.objects.filter(pk=export.pk).update(done=done)
            spool.seek(0)
            export.file.save(f"Teilnahmebescheinigungen-{export.pk}.zip", File(spool), save=False)
    except OSError:
        ZipExport.objects.filter(pk=export.pk).update(state=ZipExport.State.FAILED)
        raise
    ZipExport.objects.filter(pk=export.pk).update(
        file=export.file.name, done=export.total, state=ZipExport.State.DONE
    )
