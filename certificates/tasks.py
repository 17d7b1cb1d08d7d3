import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def issue_certificate(*, enrolment_id):
    from courses.models import Enrolment

    from .mail import certificate_refused_mail_send
    from .services import UnprintableTextError, certificate_issue

    enrolment = (
        Enrolment.objects.filter(pk=enrolment_id, completed_at__isnull=False)
        .select_related("user", "course")
        .first()
    )
    if enrolment is None:
        return
    try:
        certificate_issue(enrolment=enrolment)
    except UnprintableTextError as error:
        logger.error("Certificate for enrolment %s refused: %s", enrolment_id, error)
        certificate_refused_mail_send(enrolment=enrolment, message=str(error))


@task()
def send_certificate_mail(*, certificate_id):
    from .mail import certificate_mail_send
    from .models import Certificate

    certificate = Certificate.objects.filter(pk=certificate_id).select_related("holder").first()
    if certificate is not None:
        certificate_mail_send(certificate=certificate)


@task()
def build_zip_export(*, export_id):
    from .models import ZipExport
    from .zips import zip_export_build

    export = ZipExport.objects.filter(pk=export_id).first()
    if export is not None:
        zip_export_build(export=export)


@task()
def send_refresher_notices(enrolment_ids):
    """One reminder mail per new refresher cycle (``certificates.recertification``)."""
    from courses.models import Enrolment

    from .mail import refresher_mail_send

    enrolments = Enrolment.objects.filter(pk__in=enrolment_ids, completed_at__isnull=True)
    for enrolment in enrolments.select_related("user", "course").order_by("pk"):
        refresher_mail_send(enrolment=enrolment)


@task()
def recertify():
    """For the scheduler (daily): start every due refresher (``recertification_run``)."""
    from .recertification import recertification_run

    return len(recertification_run())
