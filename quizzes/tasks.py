from django_tasks import task


@task()
def send_marked_mail(*, attempt_id):
    """Tells the learner that the last essay is marked and the result is final."""
    from .mail import attempt_marked_mail_send
    from .models import Attempt

    attempt = Attempt.objects.filter(pk=attempt_id).select_related("user").first()
    if attempt is not None and not attempt.is_open:
        attempt_marked_mail_send(attempt=attempt)
