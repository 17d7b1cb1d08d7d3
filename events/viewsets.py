"""Registrations in the Wagtail admin: a read-only listing for trainers (who, status, seat,
waiting-list position, attendance), filtered by offering and status, with CSV/XLSX export.

Registering, cancelling and attendance have their rules in ``services``/``attendance``; the
admin changes nothing here. Which rows a person sees: ``selectors.registrations_visible_to``.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.columns import LocalDateTimeColumn
from lms.exports import GermanExportMixin
from lms.ids import IdModelChoiceFilter

from .models import Registration, RegistrationStatus, SessionOfferingPage
from .selectors import may_see_registrations, registrations_visible_to


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Viewing only, for ``may_see_registrations``; nothing is added, changed or deleted."""

    def user_has_permission(self, user, action):
        return action == "view" and may_see_registrations(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and may_see_registrations(user)


def _offerings(request):
    if request is None:
        return SessionOfferingPage.objects.none()
    ids = registrations_visible_to(request.user).values("offering_id")
    return SessionOfferingPage.objects.filter(pk__in=ids).order_by("title")


class RegistrationFilterSet(WagtailFilterSet):
    offering = IdModelChoiceFilter(label=_("offering"), queryset=_offerings)
    status = django_filters.ChoiceFilter(label=_("status"), choices=RegistrationStatus.choices)

    class Meta:
        model = Registration
        fields = ["offering", "status"]


class RegistrationIndexView(GermanExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return registrations_visible_to(self.request.user)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "date"
    menu_label = _("Registrations (Termine)")
    menu_order = 445
    add_to_admin_menu = True
    url_prefix = "anmeldungen"
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    inspect_view_enabled = False
    # Wagtail would index every registration's references on each save (about 8 queries per
    # registration, seat move or cancellation) for a usage view nobody needs here.
    add_to_reference_index = False
    # Required by ModelViewSet; the add and edit views refuse everybody (the policy above).
    form_fields = ["attendance"]
    search_fields = ["user__email", "user__last_name", "user__first_name", "offering__title"]
    search_backend_name = None
    ordering = ["offering__title", "status", "created_at", "pk"]
    list_display = [
        Column("user", label=_("person")),
        Column("organisation", label=_("organisation")),
        Column("module", label=_("session module")),
        Column("offering", label=_("offering")),
        Column("get_status_display", label=_("status")),
        Column("seat", label=_("seat")),
        Column("waiting_position", label=_("waiting-list position")),
        Column("get_attendance_display", label=_("attendance")),
        LocalDateTimeColumn("created_at", label=_("registered at")),
    ]
    list_export = [
        "user",
        "organisation",
        "module",
        "offering",
        "get_status_display",
        "seat",
        "waiting_position",
        "get_attendance_display",
        "created_at",
    ]
    export_headings = {
        "get_status_display": _("status"),
        "waiting_position": _("waiting-list position"),
        "get_attendance_display": _("attendance"),
    }
    export_filename = "anmeldungen"
