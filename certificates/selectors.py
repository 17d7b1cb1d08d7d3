from django.db.models import Q

from organisations.selectors import organisations_in_scope

from .models import Certificate, Status


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
    """The certificate ``user`` may download, or None: the holder, admins, and managers whose
    scope holds the organisation recorded on the certificate (where it was earned)."""
    if not user.is_authenticated:
        return None
    allowed = Q(holder=user) | Q(organisation__in=organisations_in_scope(user))
    return Certificate.objects.filter(allowed, pk=pk).first()


def newest_valid_certificates(enrolments):
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


def newest_valid_certificate(*, enrolment=None, user=None, course=None):
    queryset = Certificate.objects.filter(status=Status.VALID)
    if enrolment is not None:
        queryset = queryset.filter(enrolment=enrolment)
    else:
        queryset = queryset.filter(holder=user, course=course)
    return queryset.order_by("-issued_at", "-pk").first()


def completions_without_certificate():
    """Completed enrolments whose current completion has no certificate (e.g. a failed task)."""
    from django.db.models import Exists, OuterRef

    from courses.models import Enrolment

    issued = Certificate.objects.filter(
        enrolment=OuterRef("pk"), completed_at=OuterRef("completed_at")
    ).exclude(status=Status.SUPERSEDED)
    return Enrolment.objects.filter(completed_at__isnull=False).exclude(Exists(issued))
