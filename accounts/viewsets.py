"""Admin views of the accounts app (registration lives in wagtail_hooks)."""

from axes.models import AccessAttempt
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserFilterSet as WagtailUserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.ids import IdFilterModelMultipleChoiceField
from lms.search import folded_match

from .erasure_admin import UserEraseView
from .forms import AdminUserCreationForm, AdminUserEditForm


class UserFilterSet(WagtailUserFilterSet):
    """Wagtail's user filters; a group id that cannot be an id (``?group=<25 digits>``) is a
    form error at the filter (lms.ids), not an overflow in the query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].field_class = IdFilterModelMultipleChoiceField


class UserIndexView(WagtailUserIndexView):
    """Wagtail's user listing; its search also finds names as people type them without
    their accents or special letters ("yildiz" finds "Yıldız", "muller" finds "Müller").

    Wagtail's own ``icontains`` search stays; the folded comparison (``lms.search``) runs
    over name and address of the listed people (one query of three short columns; fine for
    the tens of thousands of accounts of this network, not meant for millions).
    """

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        if not self.is_searching:
            return found
        folded = [
            pk
            for pk, first, last, email in queryset.values_list(
                "pk", "first_name", "last_name", "email"
            )
            if folded_match(self.search_query, first, last, email)
        ]
        return queryset.filter(Q(pk__in=found.values("pk")) | Q(pk__in=folded))


class UserViewSet(WagtailUserViewSet):
    filterset_class = UserFilterSet
    index_view_class = UserIndexView
    # "Delete" is the DSGVO erasure (accounts.erasure_admin), never a deletion.
    delete_view_class = UserEraseView
    delete_template_name = "accounts/admin/erase_user.html"

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm


class LoginLockPermissionPolicy(ModelPermissionPolicy):
    """Failed logins are recorded by django-axes only; admins look at them and delete them
    (deleting is unlocking), they never add or edit one."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class LoginLockViewSet(ModelViewSet):
    """Failed logins per account and client address (axes.AccessAttempt), to unlock people.

    "Delete" on a row (or several, bulk) removes the failures and so lifts the lock at once;
    without it a lock ends by itself after AXES_COOLOFF_TIME (accounts.lockout).
    """

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Login locks")
    menu_name = "login-locks"
    add_to_settings_menu = True
    url_prefix = "anmeldesperren"
    exclude_form_fields = []
    inspect_view_enabled = True
    ordering = ["-attempt_time"]
    list_display = [
        Column("username", label=_("E-mail address (as typed, canonical)")),
        Column("ip_address", label=_("Client address")),
        Column("failures_since_start", label=_("Failed attempts")),
        DateColumn("attempt_time", label=_("Last failure")),
    ]
    search_fields = ["username", "ip_address"]
    search_backend_name = None
