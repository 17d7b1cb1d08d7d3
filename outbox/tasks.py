from django_tasks import task

from .services import mail_deliver


@task()
def deliver_mail(mail_id):
    """Send one recorded mail through the real backend (outbox.services.mail_deliver)."""
    mail_deliver(mail_id=mail_id)
