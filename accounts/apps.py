from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from lms.roles import sync_role_permissions

        from .backends import connect_signals

        connect_signals()

        post_migrate.connect(sync_role_permissions, dispatch_uid="kofo_sync_role_permissions")

        from .personal_data import register

        register()


class KofoUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the forms for our e-mail based user model."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
