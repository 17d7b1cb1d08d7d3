from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, selectors
from .panels import CompletionPanel


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_view_reports(request.user)


class AssignMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reports.assign_courses")


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("berichte/", include(admin_urls, namespace="reports"))]


@hooks.register("register_reports_menu_item")
def register_completion_report():
    return ReportMenuItem(
        _("Completion by course and organisation"),
        reverse("reports:completion"),
        name="kofo-completion",
        icon_name="tasks",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_learner_progress_report():
    return ReportMenuItem(
        _("Learner progress"),
        reverse("reports:learner_progress"),
        name="kofo-learner-progress",
        icon_name="user",
        order=110,
    )


@hooks.register("register_reports_menu_item")
def register_overdue_report():
    return ReportMenuItem(
        _("Overdue"),
        reverse("reports:overdue"),
        name="kofo-overdue",
        icon_name="warning",
        order=120,
    )


@hooks.register("register_reports_menu_item")
def register_session_report():
    return ReportMenuItem(
        _("Sessions (Termine)"),
        reverse("reports:sessions"),
        name="kofo-sessions",
        icon_name="date",
        order=125,
    )


@hooks.register("register_admin_menu_item")
def register_assign_menu_item():
    return AssignMenuItem(
        _("Assign courses"),
        reverse("reports:assign"),
        name="kofo-assign",
        icon_name="calendar",
        order=650,
    )


@hooks.register("register_admin_menu_item")
def register_import_people_menu_item():
    return AssignMenuItem(
        _("Import people"),
        reverse("reports:import_people"),
        name="kofo-import-people",
        icon_name="user",
        order=651,
    )


@hooks.register("construct_homepage_panels")
def add_completion_panel(request, panels):
    if selectors.can_view_reports(request.user):
        panels.insert(0, CompletionPanel(request.user))


@hooks.register("register_reports_menu_item")
def register_quiz_report():
    return ReportMenuItem(
        _("Lernkontrollen"),
        reverse("reports:quizzes"),
        name="kofo-quizzes",
        icon_name="tasks",
        order=130,
    )
