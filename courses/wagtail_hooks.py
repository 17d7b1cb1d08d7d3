from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from lms import deletion

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


@hooks.register("before_delete_page")
def keep_pages_with_records(request, page):
    """Deleting a course or module page (or a page above one) that enrolments, completions or
    certificates refer to: show what refers to it and offer unpublishing (GET and POST)."""
    items = deletion.blocked([page.specific])
    if not items:
        return None
    return deletion.refuse_deletion(
        request,
        items,
        unpublish_url=reverse("wagtailadmin_pages:unpublish", args=[page.pk])
        if page.live
        else None,
        back_url=reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
    )


@hooks.register("before_bulk_action")
def keep_records_on_bulk_delete(request, action_type, objects, action_class_instance):
    """The same refusal for every bulk delete (pages and snippets alike). A "delete" that
    deletes nothing (``keeps_records``: the user list's erasure, accounts.erasure_admin) is
    left alone."""
    if action_type != "delete" or getattr(action_class_instance, "keeps_records", False):
        return None
    items = deletion.blocked(objects)
    if not items:
        return None
    unpublish_url = None
    if all(isinstance(obj, Page) for obj in objects):
        unpublish_url = (
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
            + "?"
            + urlencode([("id", obj.pk) for obj in objects])
        )
    return deletion.refuse_deletion(
        request, items, unpublish_url=unpublish_url, back_url=action_class_instance.next_url
    )
