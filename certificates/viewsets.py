"""The certificates listing in the Wagtail admin (registration lives in wagtail_hooks)."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CoursePage
from lms.ids import IdModelChoiceFilter
from organisations.models import Organisation, Region
from organisations.selectors import users_in_scope

from . import admin_views
from .models import Certificate, Status


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a certificate by hand: issue, revoke and re-issue only."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def scoped_certificates(user):
    """The certificates an admin user may see: everything for admins, their scope otherwise."""
    queryset = Certificate.objects.select_related("holder", "organisation")
    if user.is_superuser:
        return queryset
    return queryset.filter(holder__in=users_in_scope(user))


class CertificateFilterSet(WagtailFilterSet):
    course = IdModelChoiceFilter(label=_("course"), queryset=CoursePage.objects.order_by("title"))
    organisation = IdModelChoiceFilter(
        label=_("organisation"), queryset=Organisation.objects.order_by("name")
    )
    region = IdModelChoiceFilter(
        label=_("region"), field_name="organisation__region", queryset=Region.objects.all()
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("issued at"), widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)

    class Meta:
        model = Certificate
        fields = ["course", "organisation", "region", "issued_at", "status"]


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped_certificates(self.request.user)

    @property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        url = reverse("certificates_admin:zip_new") + (f"?{query}" if query else "")
        return [
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


class CertificateInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(scoped_certificates(self.request.user), pk=self.pk)

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
            if self.object.status != Status.SUPERSEDED:
                buttons.append(
                    Button(
                        _("Re-issue"),
                        url=reverse("certificates_admin:reissue", args=[self.object.pk]),
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
    filterset_class = CertificateFilterSet
    search_fields = None
    # Editing is switched off by the permission policy; Wagtail still wants a form.
    form_fields = ["revoked_reason"]
    list_display = [
        "serial",
        "holder_name",
        "course_title",
        "organisation_name",
        Column("completed_on", label=_("completed on")),
        "issued_at",
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
        "status",
        "revoked_at",
        "revoked_reason",
    ]
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
    path("vorschau/", admin_views.preview, name="preview"),
    path("zip/", admin_views.zip_new, name="zip_new"),
    path("zip/<int:pk>/", admin_views.zip_status, name="zip_status"),
    path("zip/<int:pk>/herunterladen/", admin_views.zip_download, name="zip_download"),
]
