"""Background work of the accounts app: thin wrappers that load by id and call a service."""

from django_tasks import task


@task()
def send_invitation(user_id):
    """Mail the invitation of ``people_invite`` to the account ``user_id``."""
    from django.contrib.auth import get_user_model

    from .mail import invitation_mail_send

    invitation_mail_send(user=get_user_model().objects.get(pk=user_id))
