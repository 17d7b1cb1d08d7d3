from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .models import Enrolment
from .selectors import courses_for_recording
from .viewsets import EnrolmentPermissionPolicy, EnrolmentViewSet

register_permission_policy(Enrolment, EnrolmentPermissionPolicy(Enrolment))


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("courses_enrolments")


@hooks.register("register_admin_urls")
def register_completion_urls():
    from django.urls import include, path

    from . import manual_completion

    urls = [
        path("", manual_completion.index, name="index"),
        path("<int:course_id>/", manual_completion.record, name="record"),
    ]
    return [path("abschluesse/", include((urls, "courses_completion")))]


class CompletionMenuItem(MenuItem):
    def is_shown(self, request):
        return courses_for_recording(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_completion_menu_item():
    return CompletionMenuItem(
        _("Record completions"),
        reverse("courses_completion:index"),
        icon_name="tick",
        order=445,
    )


@hooks.register("register_log_actions")
def register_completion_log_action(actions):
    actions.register_action(
        "kofo.completion_recorded",
        _("Record completion by hand"),
        _("Completion recorded by hand"),
    )
