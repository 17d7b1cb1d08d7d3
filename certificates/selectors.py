from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from courses.models import CoursePage
from organisations.selectors import organisations_visible_to, sees_all_people

from .models import Certificate, Status

if TYPE_CHECKING:
    from collections.abc import Iterable

    from courses.models import Enrolment


def printed_name(user):
    """The name a certificate for ``user`` prints: the full name, else the e-mail address."""
    return user.get_full_name().strip() or user.email


def certificates_with_old_name(user):
    """``user``'s valid certificates that print another name than the current one (after a
    name change in the profile); oldest first. One query."""
    return (
        Certificate.objects.filter(holder=user, status=Status.VALID)
        .exclude(holder_name=printed_name(user))
        .order_by("issued_at", "pk")
    )


def certificates_visible_to(user):
    """Certificates ``user`` may see in the admin (lazy, holder and organisation joined).

    Everything with ``organisations.view_all_people`` (Administration, superusers); the
    certificates recorded in an organisation of ``organisations_visible_to(user)`` (where
    the certificate was earned, so a later move of the holder never moves it) for a manager;
    none for anyone else.
    """
    queryset = Certificate.objects.select_related("holder", "organisation")
    if sees_all_people(user):
        return queryset
    return queryset.filter(organisation__in=organisations_visible_to(user))


def certificate_courses_visible_to(user):
    """Courses offered in the certificate filter: those with a certificate ``user`` may see."""
    courses = CoursePage.objects.order_by("title")
    if sees_all_people(user):
        return courses
    return courses.filter(pk__in=certificates_visible_to(user).order_by().values("course_id"))


def certificates_of(user):
    """The holder's own certificates, newest first (one query)."""
    return Certificate.objects.filter(holder=user).only(
        "pk",
        "serial",
        "course_title",
        "total_units",
        "completed_on",
        "issued_at",
        "valid_until",
        "status",
        "revoked_at",
    )


def downloadable_certificate(*, user, pk):
    """The certificate ``user`` may download, or None: its holder, and whoever may see it in
    the admin (``certificates_visible_to``: the organisation recorded on the certificate)."""
    if not user.is_authenticated:
        return None
    if sees_all_people(user):
        return Certificate.objects.filter(pk=pk).first()
    allowed = Q(holder=user) | Q(organisation__in=organisations_visible_to(user))
    return Certificate.objects.filter(allowed, pk=pk).first()


def newest_valid_certificates(enrolments: Iterable[Enrolment | int]) -> dict[int, Certificate]:
    """{enrolment_id: newest valid Certificate} for many enrolments in one query."""
    ids = [e.pk if hasattr(e, "pk") else e for e in enrolments]
    found = {}
    queryset = (
        Certificate.objects.filter(enrolment_id__in=ids, status=Status.VALID)
        .only("pk", "enrolment_id", "serial", "issued_at", "valid_until", "status")
        .order_by("enrolment_id", "-issued_at", "-pk")
    )
    for certificate in queryset:
        found.setdefault(certificate.enrolment_id, certificate)
    return found


def completions_without_certificate():
    """Completed enrolments whose current completion has no certificate (e.g. a failed task)."""
    from django.db.models import Exists, OuterRef

    from courses.models import Enrolment

    issued = Certificate.objects.filter(
        enrolment=OuterRef("pk"), completed_at=OuterRef("completed_at")
    ).exclude(status=Status.SUPERSEDED)
    return Enrolment.objects.filter(completed_at__isnull=False).exclude(Exists(issued))


def certificate_history(certificate):
    """What was done with ``certificate`` after issue, oldest first (one query).

    A list of dicts: ``when`` ("22.11.2026 14:05", Europe/Berlin), ``label`` (the action),
    ``by`` (a display name) and ``details`` (the reason, the other certificate's serial).
    Source: Wagtail's log entries written by ``services`` (revoke, re-issue, reinstate).
    """
    from django.utils.translation import gettext as _
    from wagtail.log_actions import registry
    from wagtail.models import ModelLogEntry

    from lms.formats import format_datetime

    entries = ModelLogEntry.objects.for_instance(certificate).select_related("user")
    rows = []
    for entry in entries.order_by("timestamp", "pk"):
        data = entry.data or {}
        details = []
        if data.get("reason"):
            details.append(_("Reason: %s") % data["reason"])
        if data.get("new"):
            details.append(_("New certificate: %s") % data["new"])
        if data.get("old"):
            details.append(_("Previous certificate: %s") % data["old"])
        rows.append(
            {
                "when": format_datetime(entry.timestamp),
                "label": registry.get_action_label(entry.action)
                if registry.action_exists(entry.action)
                else entry.action,
                "by": entry.user_display_name,
                "details": "; ".join(details),
            }
        )
    return rows
