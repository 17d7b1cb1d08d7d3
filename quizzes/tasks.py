from django_tasks import task


@task()
def send_marked_mail(*, attempt_id):
    """Tells the learner that the last essay is marked and the result is final."""
    from .mail import attempt_marked_mail_send
    from .models import Attempt

    attempt = Attempt.objects.filter(pk=attempt_id).select_related("user").first()
    if attempt is not None and not attempt.is_open:
        attempt_marked_mail_send(attempt=attempt)


@task()
def erase_expired_answers():
    """Retention of answer texts (``settings.KOFO_ANSWER_RETENTION_YEARS``; nothing when
    unset): see ``quizzes.personal_data.expired_answers_erase``. Returns answers changed."""
    from django.conf import settings

    from .personal_data import expired_answers_erase

    years = getattr(settings, "KOFO_ANSWER_RETENTION_YEARS", None)
    if not years:
        return 0
    return expired_answers_erase(years=years)
