from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.urls_abs import absolute_url

from .tokens import email_confirmation_token


def confirmation_url(*, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_token.make_token(user)
    path = reverse("accounts:confirm", kwargs={"uidb64": uid, "token": token})
    return absolute_url(path)


def user_register(*, form):
    """Create an inactive account from a valid RegistrationForm and mail the link."""
    with transaction.atomic():
        user = form.save()
    body = render_to_string(
        "accounts/email/confirm_registration.txt",
        {"user": user, "url": confirmation_url(user=user)},
    )
    send_mail(_("Please confirm your registration at KoFo"), body, None, [user.email])
    return user


def user_confirm_email(*, user, token):
    """Activate ``user`` if ``token`` is theirs; returns True when the account is active."""
    if not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True
