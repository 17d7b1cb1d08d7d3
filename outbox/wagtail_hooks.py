from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Mail
from .viewsets import MailPermissionPolicy, MailViewSet, admin_urlpatterns

register_permission_policy(Mail, MailPermissionPolicy(Mail))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return MailViewSet()


@hooks.register("register_admin_urls")
def register_outbox_actions():
    return [
        path(
            "postausgang-aktionen/",
            include((admin_urlpatterns, "outbox_admin"), namespace="outbox_admin"),
        )
    ]
