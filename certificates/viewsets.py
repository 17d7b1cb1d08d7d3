"""The certificates admin as one Wagtail viewset (registered in ``wagtail_hooks``): the
listing, inspect page and exports, plus the actions of ``admin_views`` in the same URL
namespace ``certificates_certificate``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.columns import LocalDateColumn, LocalDateTimeColumn

from . import admin_views
from .filters import CertificateFilterSet
from .models import Certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a certificate by hand: issue, revoke and re-issue only."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


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
    index_view_class = admin_views.CertificateIndexView
    inspect_view_class = admin_views.CertificateInspectView
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

    def get_urlpatterns(self):
        """Wagtail's listing, inspect and export routes first (the menu links the first),
        then the actions around a certificate, all in this viewset's namespace."""
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/widerrufen/", admin_views.revoke, name="revoke"),
            path("<int:pk>/neu-ausstellen/", admin_views.reissue, name="reissue"),
            path("<int:pk>/wieder-ausstellen/", admin_views.reinstate, name="reinstate"),
            path("vorschau/", admin_views.preview, name="preview"),
            path("zip/", admin_views.zip_new, name="zip_new"),
            path("zip/<int:pk>/", admin_views.zip_status, name="zip_status"),
            path("zip/<int:pk>/herunterladen/", admin_views.zip_download, name="zip_download"),
        ]
