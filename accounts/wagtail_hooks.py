from axes.models import AccessAttempt
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from . import personal_data_views
from .erasure_admin import EraseBulkAction
from .viewsets import LoginLockPermissionPolicy, LoginLockViewSet

register_permission_policy(AccessAttempt, LoginLockPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_login_locks():
    return LoginLockViewSet()


@hooks.register("register_log_actions")
def register_erasure_log_action(actions):
    from .personal_data import LOG_ERASE

    actions.register_action(LOG_ERASE, _("Erased"), _("Personal data erased (DSGVO Art. 17)"))


# After Wagtail's own (order 0): the registry keeps the last class per action type, so the
# user list's bulk "Delete" becomes the erasure.
hooks.register("register_bulk_action", EraseBulkAction, order=100)

admin_urlpatterns = [
    path("<str:pk>/", personal_data_views.person_data, name="person_data"),
    path("<str:pk>/json/", personal_data_views.person_data_json, name="person_data_json"),
]


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "personendaten/",
            include((admin_urlpatterns, "accounts_admin"), namespace="accounts_admin"),
        )
    ]


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    if not personal_data_views.may_manage_personal_data(request_user):
        return []
    return [
        Button(
            _("Data about this person (DSGVO)"),
            reverse("accounts_admin:person_data", args=[user.pk]),
            icon_name="download",
            priority=60,
        )
    ]
