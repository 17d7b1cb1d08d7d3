from django.db import transaction
from django.dispatch import receiver

from courses.signals import course_completed

from .tasks import issue_certificate


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    # The signal is sent after commit already; on_commit keeps this safe if that ever changes.
    transaction.on_commit(lambda: issue_certificate.enqueue(enrolment_id=enrolment.pk))
