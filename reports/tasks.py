"""Background work of the reports app: thin wrappers that load by id and send the mail."""

from django_tasks import task

from accounts.tasks import send_invitation  # noqa: F401 (queued rows name it here)

from .mail import assignment_mail_send, reminder_mail_send


@task()
def send_reminder(reminder_id):
    """Mail the reminder ``reminder_id`` (``reminders_send``) to its person."""
    from .models import Reminder

    reminder_mail_send(reminder=Reminder.objects.select_related("user").get(pk=reminder_id))


@task()
def send_assignment_notice(enrolment_id):
    """Mail the person of enrolment ``enrolment_id`` that the course was assigned."""
    from courses.models import Enrolment

    enrolment = Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
    assignment_mail_send(enrolment=enrolment)
