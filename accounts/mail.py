"""Mails of the accounts app that are sent from a task (the invitation to a new account)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.urls_abs import absolute_reverse


def invitation_mail_send(*, user) -> None:
    """Invite ``user`` (an account created for them, without a password yet) to choose a
    password: a German mail with the password-reset link (valid for
    ``PASSWORD_RESET_TIMEOUT``) to ``user.email``. Returns nothing; mail errors propagate
    to the task (which then fails and is logged by the task backend)."""
    url = absolute_reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "Hello %(name)s,\n\nan account has been created for you at KoFo, the training "
            "platform of %(organisation)s.\nPlease choose your password here: %(url)s\n"
        ) % {
            "name": user.get_full_name(),
            "organisation": user.organisation,
            "url": url,
        }
        send_mail(_("Your invitation to KoFo"), body, None, [user.email])
