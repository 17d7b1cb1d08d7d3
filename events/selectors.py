"""Reads about sessions: what a page shows a person, the mix of a session, upcoming dates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Min, Prefetch, Q
from django.utils import timezone

from courses.models import Enrolment
from lms.formats import format_date
from organisations.models import OrganisationKind

from .models import Registration, RegistrationStatus, SessionDate, SessionOfferingPage

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from django.contrib.auth.models import AbstractUser

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


def kind_label(kind: str) -> str:
    """The readable name of an organisation kind ("" → "no organisation")."""
    from django.utils.translation import gettext as _

    return dict(OrganisationKind.choices).get(kind, _("without organisation"))


def session_mix(offering):
    """Confirmed seats per organisation kind, as ``[(label, count), …]`` (largest first).
    Counts only, never names: participants see how mixed the room is (2 queries at most)."""
    counts = Counter(
        Registration.objects.filter(
            offering=offering, status=RegistrationStatus.CONFIRMED
        ).values_list("organisation_kind", flat=True)
    )
    return [(kind_label(kind), count) for kind, count in counts.most_common()]


@dataclass
class OfferingView:
    offering: SessionOfferingPage
    dates: list
    confirmed: int
    waiting: int
    mix: list = field(default_factory=list)

    @property
    def free(self):
        return max(0, self.offering.capacity - self.confirmed)

    @property
    def is_open(self):
        return timezone.now() <= self.offering.registration_deadline


def offering_view(offering):
    """Seats, waiting list, mix and dates of one offering (4 queries)."""
    registrations = Counter(
        Registration.objects.filter(offering=offering, status__in=ACTIVE).values_list(
            "status", flat=True
        )
    )
    return OfferingView(
        offering=offering,
        dates=offering.session_dates(),
        confirmed=registrations[RegistrationStatus.CONFIRMED],
        waiting=registrations[RegistrationStatus.WAITING],
        mix=session_mix(offering),
    )


def registration_of(*, user, module):
    """``user``'s active registration for the session module, or None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(user=user, module=module, status__in=ACTIVE)
        .select_related("offering")
        .order_by("attendance", "-created_at")
        .first()
    )


def waiting_position(registration):
    """1 for the first person on the waiting list (first come, first served)."""
    return (
        Registration.objects.filter(
            offering_id=registration.offering_id, status=RegistrationStatus.WAITING
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def session_module_context(*, module, user):
    """What the session module page adds: its live offerings and the person's registration."""
    offerings = (
        SessionOfferingPage.objects.child_of(module)
        .live()
        .annotate(first_start=Min("dates__starts_at"))
        .order_by("first_start", "path")
    )
    return {
        "offerings": [offering_view(offering) for offering in offerings],
        "my_registration": registration_of(user=user, module=module),
    }


def upcoming_registrations(
    *, user: AbstractUser, now: datetime | None = None
) -> list[Registration]:
    """``user``'s active registrations whose last date has not ended, soonest first, each
    with ``.next_date`` (the next ``SessionDate``) — for the dashboard (2 queries)."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(user=user, status__in=ACTIVE, offering__live=True)
        .filter(offering__dates__ends_at__gte=now)
        .distinct()
        .select_related("offering", "module")
        .prefetch_related(
            Prefetch("offering__dates", queryset=SessionDate.objects.order_by("starts_at"))
        )
    )
    result = []
    for registration in registrations:
        dates = [d for d in registration.offering.dates.all() if d.ends_at >= now]
        registration.next_date = dates[0]
        result.append(registration)
    return sorted(result, key=lambda r: r.next_date.starts_at)


def feed_contents(user):
    """What a person's calendar feed lists: confirmed registrations and open due dates."""
    registrations = (
        Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED)
        .select_related("offering", "module", "user")
        .prefetch_related("offering__dates")
    )
    due = Enrolment.objects.filter(
        user=user, is_active=True, completed_at__isnull=True, due_date__isnull=False
    ).select_related("course")
    return list(registrations), list(due)


def attended_sessions(*, user: AbstractUser, module_ids: Iterable[int]) -> dict[int, str]:
    """``{module_id: "12.03.2027, Familienzentrum Hamm, Marktplatz 1, 59065 Hamm"}`` for the
    session modules among ``module_ids`` that ``user`` attended (marked present): the dates
    (Europe/Berlin) and place the certificate prints next to the module (2 queries)."""

    registrations = (
        Registration.objects.filter(user=user, module_id__in=list(module_ids), attendance="present")
        .select_related("offering")
        .prefetch_related(
            Prefetch("offering__dates", queryset=SessionDate.objects.order_by("starts_at"))
        )
    )
    result = {}
    for registration in registrations:
        offering = registration.offering
        days = [format_date(d.starts_at) for d in offering.dates.all()]
        place = (
            ", ".join(p for p in [offering.place_name, " ".join(offering.address.split())] if p)
            or "Online"
        )
        result[registration.module_id] = f"{', '.join(days)}, {place}"
    return result


def may_see_registrations(user):
    """True for the Administration, the Trainer:innen and anyone named as the trainer of an
    offering: who may open the admin listing of registrations (``registrations_visible_to``
    decides which rows)."""
    from courses.selectors import is_administration
    from lms.roles import TRAINERS

    if not user.is_authenticated or not user.is_active:
        return False
    return (
        is_administration(user)
        or user.groups.filter(name=TRAINERS).exists()
        or user.session_offerings.exists()
    )


def registrations_visible_to(user):
    """``Registration`` queryset (lazy) a trainer sees in the admin: the registrations of the
    offerings they train and of the courses they are responsible for; the Administration
    sees all. Each row is annotated with ``waiting_position`` (1 for the first person on the
    waiting list, None unless waiting; the order of ``waiting_position``)."""
    from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    from courses.models import CoursePage
    from courses.selectors import is_administration

    registrations = Registration.objects.all()
    if not (user.is_authenticated and user.is_active):
        return registrations.none()
    if not is_administration(user):
        rule = Q(offering__trainers=user)
        for path in CoursePage.objects.filter(responsible_trainers=user).values_list(
            "path", flat=True
        ):
            rule |= Q(module__path__startswith=path)
        registrations = registrations.filter(rule).distinct()
    before = (
        Registration.objects.filter(
            offering_id=OuterRef("offering_id"), status=RegistrationStatus.WAITING
        )
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("offering_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return registrations.annotate(
        waiting_position=Case(
            When(
                status=RegistrationStatus.WAITING,
                then=Coalesce(Subquery(before, output_field=IntegerField()), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    ).select_related("user", "organisation", "offering", "module")
