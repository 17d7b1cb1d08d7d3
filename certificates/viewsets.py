"""The certificates listing in the Wagtail admin (registration lives in wagtail_hooks)."""

import datetime
from decimal import Decimal, InvalidOperation

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from lms import formats
from lms.columns import LocalDateColumn, LocalDateTimeColumn
from lms.exports import GermanExportMixin
from lms.filters import DateRangeFilter
from lms.ids import IdModelChoiceFilter
from organisations.selectors import organisations_visible_to, regions_visible_to

from . import admin_views
from .models import Certificate, Status
from .selectors import (
    certificate_courses_visible_to,
    certificate_history,
    certificates_visible_to,
)


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a certificate by hand: issue, revoke and re-issue only."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def _user(request):
    return getattr(request, "user", None) or AnonymousUser()


def _courses(request):
    return certificate_courses_visible_to(_user(request))


def _organisations(request):
    return organisations_visible_to(_user(request)).order_by("name")


def _regions(request):
    return regions_visible_to(_user(request)).order_by("name")


class CertificateFilterSet(WagtailFilterSet):
    """Choices list only what the viewer may see: a filter narrows, never widens; a value
    outside the scope is refused by the field."""

    course = IdModelChoiceFilter(label=_("course"), queryset=_courses)
    organisation = IdModelChoiceFilter(
        label=_("organisation"), queryset=_organisations
    )
    region = IdModelChoiceFilter(
        label=_("region"), field_name="organisation__region", queryset=_regions
    )
    issued_at = DateRangeFilter(
        label=_("issued at"), widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)

    class Meta:
        model = Certificate
        fields = ["course", "organisation", "region", "issued_at", "status"]


class CertificateIndexView(GermanExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return certificates_visible_to(self.request.user)

    @property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        url = reverse("certificates_admin:zip_new") + (f"?{query}" if query else "")
        return [
            *super().header_buttons,
            HeaderButton(_("ZIP of all PDFs in this filter"), url=url, icon_name="download"),
            HeaderButton(
                _("Preview the template"),
                url=reverse("certificates_admin:preview"),
                icon_name="view",
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Download PDF"),
                url=reverse("certificates:download", args=[instance.pk]),
                icon_name="download",
                priority=30,
            )
        )
        return buttons


class ModulesTable(Component):
    """The modules of a certificate snapshot as a table with their teaching units (UE)."""

    template_name = "certificates/admin/modules_table.html"

    def __init__(self, modules, total_units):
        self.modules, self.total_units = modules or [], total_units

    def get_context_data(self, parent_context=None):
        # The snapshot stores units as strings ("2.0"); as numbers they show as "2,0".
        modules = [
            {"title": module.get("title", ""), "units": _decimal(module.get("units"))}
            for module in self.modules
        ]
        return {"modules": modules, "total_units": self.total_units}


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


class CertificateInspectView(generic.InspectView):
    """Readable: modules as a table, local times, blank (not "None") for empty fields."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return ""
        if isinstance(value, (datetime.date, datetime.datetime)):
            return formats.format_datetime(value)
        return value

    def get_modules_display_value(self):
        return ModulesTable(self.object.modules, self.object.total_units)

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(certificates_visible_to(self.request.user), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = certificate_history(self.object)
        return context

    @property
    def header_more_buttons(self):
        from wagtail.admin.widgets import Button

        buttons = [
            Button(
                _("Download PDF"),
                url=reverse("certificates:download", args=[self.object.pk]),
                icon_name="download",
            )
        ]
        if self.request.user.has_perm("certificates.revoke_certificate"):
            if self.object.status == Status.VALID:
                buttons.append(
                    Button(
                        _("Revoke"),
                        url=reverse("certificates_admin:revoke", args=[self.object.pk]),
                        icon_name="cross",
                    )
                )
                buttons.append(
                    Button(
                        _("Re-issue"),
                        url=reverse("certificates_admin:reissue", args=[self.object.pk]),
                        icon_name="repeat",
                    )
                )
            if self.object.status == Status.REVOKED:
                buttons.append(
                    Button(
                        _("Reinstate"),
                        url=reverse("certificates_admin:reinstate", args=[self.object.pk]),
                        icon_name="repeat",
                    )
                )
        return buttons


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates_certificate"
    url_prefix = "bescheinigungen"
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 450
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_template_name = "certificates/admin/inspect.html"
    filterset_class = CertificateFilterSet
    search_fields = None
    # Editing is switched off by the permission policy; Wagtail still wants a form.
    form_fields = ["revoked_reason"]
    list_display = [
        "serial",
        "holder_name",
        "course_title",
        "organisation_name",
        LocalDateColumn("completed_on", label=_("completed on")),
        LocalDateTimeColumn("issued_at", label=_("issued at")),
        "status",
    ]
    list_export = [
        "serial",
        "holder_name",
        "organisation_name",
        "course_title",
        "total_units",
        "completed_on",
        "issued_at",
        "valid_until",
        "get_status_display",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {"get_status_display": _("status")}
    export_filename = "teilnahmebescheinigungen"
    inspect_view_fields = [
        "serial",
        "holder_name",
        "organisation_name",
        "course_title",
        "modules",
        "total_units",
        "completed_on",
        "issued_at",
        "valid_until",
        "issuer_name",
        "signatory_name",
        "status",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
        "superseded_by",
        "pdf_sha256",
    ]


admin_urlpatterns = [
    path("<int:pk>/widerrufen/", admin_views.revoke, name="revoke"),
    path("<int:pk>/neu-ausstellen/", admin_views.reissue, name="reissue"),
    path("<int:pk>/wieder-ausstellen/", admin_views.reinstate, name="reinstate"),
    path("vorschau/", admin_views.preview, name="preview"),
    path("zip/", admin_views.zip_new, name="zip_new"),
    path("zip/<int:pk>/", admin_views.zip_status, name="zip_status"),
    path("zip/<int:pk>/herunterladen/", admin_views.zip_download, name="zip_download"),
]
