"""The outgoing e-mail listing for the Administration (registration in wagtail_hooks)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Mail, MailStatus
from .services import mail_retry

RETRYABLE = (MailStatus.FAILED, MailStatus.RETRYING)


class MailPermissionPolicy(ModelPermissionPolicy):
    """Mails are a record: nobody adds, edits or deletes one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def _retry_button(mail, button_class):
    return button_class(
        gettext_lazy("Send again"),
        url=reverse("outbox_admin:retry", args=[mail.pk]),
        icon_name="repeat",
    )


class MailIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in RETRYABLE and self.request.user.has_perm("outbox.retry_mail"):
            buttons.append(_retry_button(instance, ListingButton))
        return buttons


class MailInspectView(generic.InspectView):
    @property
    def header_more_buttons(self):
        if self.object.status in RETRYABLE and self.request.user.has_perm("outbox.retry_mail"):
            return [_retry_button(self.object, Button)]
        return []


class MailViewSet(ModelViewSet):
    model = Mail
    name = "outbox_mail"
    url_prefix = "postausgang"
    icon = "mail"
    menu_label = gettext_lazy("Outgoing e-mail")
    menu_order = 900
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MailIndexView
    inspect_view_class = MailInspectView
    list_filter = ["status"]
    search_fields = None
    form_fields = ["subject"]  # editing is switched off by the permission policy
    list_display = ["created_at", "subject", "recipients", "status", "attempts", "last_error"]
    inspect_view_fields = [
        "created_at",
        "subject",
        "recipients",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    ]


def retry(request, pk):
    """Ask, then queue a failed mail again (POST)."""
    if not request.user.has_perm("outbox.retry_mail"):
        raise PermissionDenied
    mail = get_object_or_404(Mail, pk=pk)
    if request.method == "POST":
        if mail_retry(mail=mail):
            messages.success(request, _("The e-mail was queued to be sent again."))
        else:
            messages.info(request, _("This e-mail has been sent already."))
        return redirect("outbox_mail:index")
    return TemplateResponse(request, "outbox/retry.html", {"mail": mail})


admin_urlpatterns = [path("<int:pk>/erneut-senden/", retry, name="retry")]
