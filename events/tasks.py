from django_tasks import task

from .attendance import reminders_send


@task()
def send_session_reminders():
    """Mail tomorrow's participants (events.attendance.reminders_send); run daily."""
    return reminders_send()
