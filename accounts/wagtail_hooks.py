from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .viewsets import LoginLockPermissionPolicy, LoginLockViewSet

register_permission_policy(AccessAttempt, LoginLockPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_login_locks():
    return LoginLockViewSet()
