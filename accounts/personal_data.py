"""DSGVO rights of a person: the export of all data about them, and the erasure.

Each app says what it stores about a person through the registry ``lms.personal_data``
(sections registered in each ``AppConfig.ready``); this module adds the account section and
the two services every entry point uses: the profile download, the admin views, the admin
"delete" (single and bulk) and the commands ``export_person_data`` / ``erase_person``.

- ``person_data_export``: Art. 15 DSGVO (Auskunftsrecht) and Art. 20 (Datenübertragbarkeit).
- ``person_erase``: Art. 17 DSGVO (Recht auf Löschung). Exam records, completions and
  certificates are kept as anonymous records: the issuer must still confirm a certificate
  and training obligations are proved with them (Art. 17 Abs. 3 lit. b and e), and aggregate
  reports must not change. What identifies the person goes.
"""

import datetime
import json
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.personal_data import register_section, sections

from .lockout import account_failures_clear

FORMAT = "kofo-personal-data"
FORMAT_VERSION = 1
ERASED_DOMAIN = "geloescht.invalid"  # RFC 2606: ".invalid" never receives mail
LOG_ERASE = "kofo_accounts.erase"


class PersonErasureError(Exception):
    """The erasure was refused; ``str(error)`` is a translated message for the person asking."""


def is_erased(user):
    """True once ``user`` has been erased (``person_erase``)."""
    return getattr(user, "erased_at", None) is not None


def erased_email():
    """A new placeholder address for an erased account: unique, canonical, undeliverable."""
    return f"geloescht-{uuid.uuid4().hex}@{ERASED_DOMAIN}"


# --- the account section ------------------------------------------------------------------


def account_of(user):
    """The account itself: dict of address, names, job title, current organisation (with
    region), roles, whether active, when joined and last logged in (aware datetimes)."""
    organisation = user.organisation
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "organisation": organisation.name if organisation else None,
        "region": organisation.region.name if organisation else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "active": user.is_active,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "erased_at": user.erased_at,
    }


def _account_erase(user):
    from wagtail.models import ModelLogEntry
    from wagtail.users.models import UserProfile

    from organisations.models import ManagerScope

    account_failures_clear(user=user)
    ManagerScope.objects.filter(manager=user).delete()
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    user.email = erased_email()
    user.first_name = user.last_name = user.job_title = ""
    user.set_unusable_password()  # also ends every session (session auth hash)
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    # The organisation stays: reports count the records by it (no name, no address).
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    ModelLogEntry.objects.for_instance(user).update(label=user.email)
    return 1


ACCOUNT_LABELS = {
    "email": gettext_lazy("E-mail address"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "job_title": gettext_lazy("Job title"),
    "organisation": gettext_lazy("Organisation"),
    "region": gettext_lazy("Region"),
    "roles": gettext_lazy("Roles"),
    "active": gettext_lazy("Active"),
    "date_joined": gettext_lazy("Registered"),
    "last_login": gettext_lazy("Last login"),
    "erased_at": gettext_lazy("Erased"),
}


def register():
    """Called from ``AccountsConfig.ready``. The account goes last in the erasure, so every
    other section may still find the person by their address."""
    register_section(
        "account",
        label=gettext_lazy("Account"),
        collect=account_of,
        erase=_account_erase,
        labels=ACCOUNT_LABELS,
        order=0,
    )


# --- the services -----------------------------------------------------------------------


def person_data_export(*, user):
    """All data KoFo stores about ``user`` (Art. 15 and 20 DSGVO).

    Returns a dict: ``format``/``version`` (what this file is), ``created_at`` (aware
    datetime), ``sections`` ({key: data} in registry order, see ``lms.personal_data``; values
    are plain Python: str, numbers, Decimal, date, datetime, lists, dicts). Encode with
    ``export_json``. Reads only; contains nothing about anyone else.
    """
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": timezone.now(),
        "sections": {section.key: section.collect(user) for section in sections()},
    }


class _Encoder(DjangoJSONEncoder):
    """Times in TIME_ZONE with their offset (2026-11-15T00:30:00+01:00), decimals as numbers
    written as strings (no float rounding: "7.50")."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def export_json(export):
    """``person_data_export(...)`` -> UTF-8 JSON text (str), indented for people to read."""
    return json.dumps(export, cls=_Encoder, ensure_ascii=False, indent=2)


@transaction.atomic
def person_erase(*, user, by, reason):
    """Erase ``user`` (Art. 17 DSGVO): replaces deleting a person, everywhere.

    Every registered section's ``erase`` runs (free-text answers and reflections, mails,
    reminders, the certificates' names and PDFs, …), the account last: the address becomes
    ``geloescht-<uuid>@geloescht.invalid`` (unique, can never receive mail or log in), names
    and job title are emptied, the password is unusable, the account inactive without roles,
    ``erased_at`` set. Enrolments, completions, attempts with their scores and certificates
    stay, so every report's totals stay the same. ``by``: the user asking (None for a
    command run by the operating system user); ``reason``: why (e.g. "Antrag vom 22.11.2026").
    The erasure is logged in Wagtail's log of the account (who, when, why, counts).
    Returns {section key: rows changed}. Raises ``PersonErasureError`` without a reason, for
    one's own account, or for an account already erased.
    """
    reason = (reason or "").strip()
    if not reason:
        raise PersonErasureError(_("Please give a reason for the erasure."))
    if by is not None and by.pk == user.pk:
        raise PersonErasureError(_("You cannot erase your own account."))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        raise PersonErasureError(_("This person's data has already been erased."))
    summary = {}
    for section in sorted(sections(), key=lambda section: section.key == "account"):
        if section.erase is not None:
            summary[section.key] = section.erase(user) or 0
    from wagtail.log_actions import log

    log(instance=user, action=LOG_ERASE, user=by, data={"reason": reason, "summary": summary})
    return summary
