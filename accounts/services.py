"""Writes of the accounts app: creating accounts, registration and its confirmation."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.urls_abs import absolute_reverse

from .identity import canonical_email
from .lockout import account_failures_clear
from .tokens import email_confirmation_token

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractUser


def confirmation_url(*, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_token.make_token(user)
    return absolute_reverse("accounts:confirm", kwargs={"uidb64": uid, "token": token})


def user_create(
    *,
    email,
    first_name,
    last_name,
    organisation=None,
    job_title="",
    password=None,
    is_active=True,
    groups=(),
):
    """Create one account; the one place new accounts come from (register, people import).

    ``email`` is canonicalised (accounts.identity.canonical_email; ``ValidationError`` with
    a translated message if it has no canonical form); ``password`` None leaves the account
    without a usable password; ``groups`` are role names (lms.roles).
    Returns the new user. Raises ``IntegrityError`` if the address is taken (also when a
    parallel request took it a moment ago), leaving the caller's transaction usable.
    """
    user = get_user_model()(
        email=canonical_email(email),
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        organisation=organisation,
        is_active=is_active,
    )
    user.set_password(password)  # None: an unusable password
    with transaction.atomic():  # a savepoint: a taken address rolls back only this
        user.save()
        if groups:
            user.groups.add(*Group.objects.filter(name__in=groups))
    return user


# A repeated registration (a double click, a reload, the same form sent again) mails once
# within this window; a changed registration (another password) is a new mail at once.
REGISTRATION_MAIL_WINDOW_SECONDS = 600


def _mail(subject, template, user, context, *, once_key=None):
    """Send on commit; with ``once_key``, at most once per key within the window."""
    body = render_to_string(template, {"user": user, **context})

    def send():
        key = f"registration-mail:{once_key}" if once_key else None
        # cache.add is atomic: of parallel requests with one key, one sends.
        if key is None or cache.add(key, 1, REGISTRATION_MAIL_WINDOW_SECONDS):
            send_mail(subject, body, None, [user.email])

    transaction.on_commit(send)


def _once_key(kind, user):
    # Per account and password hash: a new password (a reset) is a new account state.
    digest = hashlib.sha256(f"{user.pk}:{user.password}".encode()).hexdigest()[:24]
    return f"{kind}:{digest}"


@transaction.atomic
def user_register(*, email, password, first_name, last_name, organisation, job_title=""):
    """Self-registration; answers the same whether or not the address has an account.

    New address: an inactive account and a confirmation link. Taken address: no second
    account and no change; an unconfirmed registration gets its (still valid) link mailed
    again, at most once per ``REGISTRATION_MAIL_WINDOW_SECONDS`` (a double click mails
    once); a confirmed account gets a notice mail ("someone tried to register with your
    address"). Source: OWASP ASVS 4.0 V2.2 / Authentication Cheat Sheet, "account
    enumeration". Mails go out on commit.
    Returns the address (str) the mail went to.
    """
    email = canonical_email(email)
    User = get_user_model()
    fields = {
        "first_name": first_name,
        "last_name": last_name,
        "job_title": job_title,
        "organisation": organisation,
    }
    user = User.objects.select_for_update().filter(email=email).first()
    if user is None:
        try:
            user = user_create(email=email, password=password, is_active=False, **fields)
        except IntegrityError:  # a parallel registration created it a moment ago
            user = User.objects.select_for_update().get(email=email)
        else:
            _confirmation_mail(user)
            return email
    if not user.is_active and user.last_login is None and user.has_usable_password():
        # A registration waiting for confirmation is never changed by another one: else
        # anyone could replace its password and name, and the owner's click on the newest
        # mail would confirm the stranger's password. The same link goes out again (once
        # per window: a double click mails once); a forgotten password is reset after
        # confirming.
        _confirmation_mail(user)
    else:
        _mail(
            _("Registration attempt with your address at KoFo"),
            "accounts/email/registration_exists.txt",
            user,
            {
                "login_url": absolute_reverse("accounts:login"),
                "reset_url": absolute_reverse("accounts:password_reset"),
            },
            once_key=_once_key("exists", user),
        )
    return email


def _confirmation_mail(user):
    _mail(
        _("Please confirm your registration at KoFo"),
        "accounts/email/confirm_registration.txt",
        user,
        {"url": confirmation_url(user=user)},
        once_key=_once_key("confirm", user),
    )


def user_confirm_email(*, user, token):
    """Activate ``user`` if ``token`` is theirs; returns True when the account is active."""
    if not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def user_password_reset_done(*, user):
    """After a new password was set through the mailed link: unlock the account.

    The person proved they own the mailbox, so the failed logins counted against the
    account (accounts.lockout) no longer protect anyone. Returns the rows removed.
    """
    return account_failures_clear(user=user)


@transaction.atomic
def people_invite(
    *, people: Iterable[object], invited_by: AbstractUser | None = None
) -> list[AbstractUser]:
    """Create an account (no password yet, role "Lernende") for each of ``people`` and send
    an invitation with a link to set the password once the transaction commits
    (``accounts.tasks.send_invitation``).

    ``people``: objects with ``email``, ``first_name``, ``last_name`` and ``organisation``
    (an ``Organisation`` or None), already checked and scoped by the caller (the people
    import of ``reports``); ``invited_by`` is the manager who confirmed the import. Accounts
    come from ``user_create`` (canonical address); a person whose address was taken in the
    meantime (a parallel confirm) is skipped. Returns the list of new users.
    """
    from lms.roles import LEARNERS

    from .tasks import send_invitation

    created = []
    for person in people:
        try:
            user = user_create(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                organisation=person.organisation,
                groups=[LEARNERS],
            )
        except IntegrityError:
            continue
        transaction.on_commit(lambda pk=user.pk: send_invitation.enqueue(pk))
        created.append(user)
    return created
