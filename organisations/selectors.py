"""The one place that decides which people a manager or administrator may see.

Every report, export, chart, count, filter choice, picker and certificate listing goes
through ``people_visible_to`` (and its companions for organisations and regions), so a scope
rule is changed here and nowhere else.

Two ways to see people, and only these two:

- the permission ``organisations.view_all_people`` (granted to the group "Administration"
  by organisations migration 0002; superusers hold every permission): everybody;
- a ``ManagerScope`` row: the members of the scope's organisations and of the organisations
  in the scope's regions.

Being a course's responsible trainer never widens this set: what trainers see of their
courses' learners is decided where trainers work (``reports.selectors.enrolments_in_scope``
for trainers without a manager role, the quiz marking queue, the course editor's counts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import ManagerScope, Organisation, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser
    from django.db.models import QuerySet

VIEW_ALL_PEOPLE = "organisations.view_all_people"


def sees_all_people(user: AbstractUser | AnonymousUser) -> bool:
    """True when ``user`` (active) holds ``organisations.view_all_people``."""
    return bool(user.is_active and user.has_perm(VIEW_ALL_PEOPLE))


def manager_scope_organisation_ids(manager):
    """Subquery: ids of the organisations named one by one in ``manager``'s scope."""
    return ManagerScope.organisations.through.objects.filter(managerscope__manager=manager).values(
        "organisation_id"
    )


def manager_scope_region_ids(manager):
    """Subquery: ids of the regions in ``manager``'s scope."""
    return ManagerScope.regions.through.objects.filter(managerscope__manager=manager).values(
        "region_id"
    )


def organisations_visible_to(user: AbstractUser) -> QuerySet[Organisation]:
    """Organisations whose people ``user`` may see (lazy queryset of ``Organisation``).

    All of them with ``view_all_people``; the scope's organisations and those of its regions
    for a manager; none for anyone else (inactive or anonymous users included).
    """
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if sees_all_people(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=manager_scope_organisation_ids(user))
        | Q(region__in=manager_scope_region_ids(user))
    )


def regions_visible_to(user: AbstractUser) -> QuerySet[Region]:
    """Regions offered to ``user`` in filters: those holding an organisation they may see."""
    if sees_all_people(user):
        return Region.objects.all()
    return Region.objects.filter(
        pk__in=organisations_visible_to(user).values("region_id")
    ).order_by("name")


def people_visible_to(user: AbstractUser) -> QuerySet[AbstractUser]:
    """People (user accounts) ``user`` may see as manager or administrator.

    Returns a lazy queryset (one query when evaluated, usable as a subquery). Everybody with
    ``organisations.view_all_people``; else the members of ``organisations_visible_to(user)``
    (empty without a manager scope). Never depends on courses the user is responsible for.
    """
    users = get_user_model().objects.all()
    if not user.is_authenticated or not user.is_active:
        return users.none()
    if sees_all_people(user):
        return users
    return users.filter(
        Q(organisation__in=manager_scope_organisation_ids(user))
        | Q(organisation__region__in=manager_scope_region_ids(user))
    )


def people_assignable_by(user: AbstractUser) -> QuerySet[AbstractUser]:
    """The people of ``people_visible_to(user)`` one may act for now (assign a course,
    register for a session): active accounts only. Deactivated and erased accounts (DSGVO
    Art. 17, ``accounts.personal_data``) stay visible in the reports as records, but nobody
    enrols them again. Lazy queryset."""
    return people_visible_to(user).filter(is_active=True)


# The names the rest of the code grew up with; same functions, one rule.
users_in_scope = people_visible_to
organisations_in_scope = organisations_visible_to


def has_scope(user: AbstractUser | AnonymousUser) -> bool:
    """True for those who see everybody and for anyone with a manager scope: they may act
    for the people of their scope (e.g. register them for a session, ``events``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return sees_all_people(user) or hasattr(user, "manager_scope")
