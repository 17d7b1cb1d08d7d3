"""Login lockout on top of django-axes (database handler): the numbers and our three hooks.

Every ``django.contrib.auth.authenticate()`` call goes through ``AxesStandaloneBackend``
(first in ``AUTHENTICATION_BACKENDS``): the site login, Wagtail's admin login and anything
added later. Failures are rows of ``axes.AccessAttempt`` in the database, so all workers and
hosts share them. Two limits, both within ``AXES_COOLOFF_TIME`` after the last failure:

* ``AXES_FAILURE_LIMIT`` failures for one account from one client address lock that
  combination (a person mistyping, or one attacker), and
* ``KOFO_LOCKOUT_ACCOUNT_LIMIT`` failures for one account from all addresses together lock
  the account (guessing spread over many addresses stays bounded).

A post that never reaches ``authenticate()`` (empty or missing field, bad CSRF token) neither
counts nor resets anything. A successful login clears only the failures of that account from
that address (``user_logged_in`` below; ``AXES_RESET_ON_SUCCESS`` stays off because it would
also clear the failures other addresses made against the account). Setting a new password
through the reset link clears the account's failures: the person proved they own the mailbox.
Source of the approach: NIST SP 800-63B section 5.2.2 (rate limiting per account) and the
OWASP Authentication Cheat Sheet (lockout per account, not only per address). Because a
lock ends by itself, guessing stays bounded by rate (at most 50 per account per 15 minutes)
rather than by a permanent lock an attacker could use against the person.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from .identity import email_lookup_key


def lockout_username(request, credentials):
    """``AXES_USERNAME_CALLABLE``: the canonical lookup key of the typed address (str).

    ``KISS@…``, ``kıss@…`` and ``kiſs@…`` count against the same account ``kiss@…``.
    """
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    return email_lookup_key(typed)


class KofoAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate per-account limit and a narrow reset."""

    def get_failures(self, request, credentials=None):
        """Failures as axes compares them with ``AXES_FAILURE_LIMIT`` (int).

        ``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "username"]``; the
        per-account sum is scaled so that it reaches ``AXES_FAILURE_LIMIT`` exactly when it
        reaches ``KOFO_LOCKOUT_ACCOUNT_LIMIT`` (floor(a·L/A) ≥ L ⇔ a ≥ A).
        """
        per_client, per_account = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit, account_limit = settings.AXES_FAILURE_LIMIT, settings.KOFO_LOCKOUT_ACCOUNT_LIMIT
        return max(per_client, per_account * limit // account_limit)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        if request is not None:
            AccessAttempt.objects.filter(
                username=email_lookup_key(user.get_username()),
                ip_address=request.axes_ip_address,
            ).delete()


def account_failures_clear(*, user):
    """Forget the failed logins of ``user`` from every address; returns the rows removed."""
    deleted, _rows = AccessAttempt.objects.filter(
        username=email_lookup_key(user.get_username())
    ).delete()
    return deleted


def locked_until(request, credentials=None):
    """When the lock that applies to this request ends (aware datetime, or None)."""
    username = get_client_username(request, credentials)
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))
    if last["last"] is None:
        return None
    return last["last"] + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a German page (HTTP 429) saying until when and what to do."""
    until = locked_until(request, credentials)
    return render(
        request,
        "accounts/locked_out.html",
        {"until": timezone.localtime(until) if until else None},
        status=429,
    )
