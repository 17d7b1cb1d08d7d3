"""Django's ModelBackend with each person's permission set kept in the cache.

Every page asks ``perms.wagtailadmin.access_admin`` for the header's "Verwaltung" link (and
Wagtail's user bar asks again); ModelBackend answers with two queries per request (the
person's own permissions, their groups' permissions). Learners ask on every quiz page, so
the answer is cached per person.

Correctness: the cache key carries a global version that changes whenever a permission can
change — a person's groups or permissions, a group's permissions, a deleted group or
permission (``m2m_changed`` / ``post_delete``, connected in ``AccountsConfig.ready``) — and
the person's own ``is_active`` / ``is_superuser``, so a revoked right is gone on the next
request, not after a timeout. A change of one person's groups or permissions invalidates
only that person's entry (a per-person version), a group's permissions everyone's. A
version the cache lost starts again at a new, never used value (the clock in ns), so an
evicted counter cannot bring back an old entry. Rights changed by raw SQL or
``QuerySet.update()`` on the through tables bypass the signals: call
``permissions_changed()`` after such a change.
"""

import time

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "kofo:perms:version"
TIMEOUT = 60 * 60  # seconds; only bounds the cache's size, correctness is the version's job


def _person_key(pk):
    return f"kofo:perms:person:{pk}"


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): a fresh counter invalidates the old keys
        cache.set(key, time.time_ns(), None)


def _bump_now_and_on_commit(key):
    # Again on commit: a request that read the new version before the change was committed
    # may have cached the old rights under it.
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def permissions_changed(people=None, **_kwargs):
    """Invalidate cached permission sets: of the persons with pks ``people``, or of everyone
    (``None``; also the signal receiver for deleted groups and permissions)."""
    if people is None:
        _bump_now_and_on_commit(VERSION_KEY)
    else:
        for pk in people:
            _bump_now_and_on_commit(_person_key(pk))


def connect_signals():
    """Called by ``AccountsConfig.ready``: every way Django changes a right invalidates."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"kofo_perms_{through}")
    for model in (Group, Permission):
        post_delete.connect(permissions_changed, sender=model, dispatch_uid=f"kofo_perms_{model}")


def _on_m2m(sender, instance, action, reverse, pk_set, **_kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from django.contrib.auth.models import Group

    if sender is Group.permissions.through:
        permissions_changed()  # every member of the group
    elif not reverse:
        permissions_changed(people=[instance.pk])  # person.groups / person.user_permissions
    else:
        # group.user_set / permission.user_set: the persons in pk_set (unknown on clear).
        permissions_changed(people=pk_set if action != "post_clear" else None)


def _versions(pk):
    """(everyone's version, this person's version), in one cache round trip."""
    keys = [VERSION_KEY, _person_key(pk)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return found[VERSION_KEY], found[_person_key(pk)]


class CachedPermissionsBackend(ModelBackend):
    """ModelBackend whose ``get_all_permissions`` (``"app_label.codename"`` strings, the set
    ``has_perm`` reads) comes from the cache when the person's rights did not change."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache"):
            return user_obj._perm_cache
        everyone, person = _versions(user_obj.pk)
        key = (
            f"kofo:perms:{everyone}:{person}:{user_obj.pk}:"
            f"{int(user_obj.is_superuser)}:{int(user_obj.is_active)}"
        )
        permissions = cache.get(key)
        if permissions is None:
            permissions = super().get_all_permissions(user_obj, obj)
            cache.set(key, permissions, TIMEOUT)
        user_obj._perm_cache = permissions
        return permissions
