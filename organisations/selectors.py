"""The one place that decides which people a manager may see.

Every report, export, chart and assignment goes through these functions, so a scope rule
is changed here and nowhere else.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import Organisation


def _sees_everyone(user):
    return user.is_active and user.is_superuser


def organisations_in_scope(manager):
    """Organisations whose people ``manager`` may see (all of them for administrators)."""
    if _sees_everyone(manager):
        return Organisation.objects.all()
    if not manager.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(pk__in=manager_scope_organisation_ids(manager))
        | Q(region__in=manager_scope_region_ids(manager))
    ).distinct()


def manager_scope_organisation_ids(manager):
    from .models import ManagerScope

    return ManagerScope.organisations.through.objects.filter(managerscope__manager=manager).values(
        "organisation_id"
    )


def manager_scope_region_ids(manager):
    from .models import ManagerScope

    return ManagerScope.regions.through.objects.filter(managerscope__manager=manager).values(
        "region_id"
    )


def users_in_scope(manager):
    """People ``manager`` may see: members of the organisations in their scope.

    Returns a lazy queryset (one query when evaluated, usable as a subquery).
    """
    users = get_user_model().objects.all()
    if _sees_everyone(manager):
        return users
    if not manager.is_active:
        return users.none()
    return users.filter(
        Q(organisation__in=manager_scope_organisation_ids(manager))
        | Q(organisation__region__in=manager_scope_region_ids(manager))
    )


def has_scope(user):
    """True for administrators and for anyone with a manager scope."""
    return _sees_everyone(user) or (user.is_active and hasattr(user, "manager_scope"))
