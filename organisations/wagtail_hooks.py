from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.deletion import RefuseReferencedDeleteView
from lms.exports import GermanExportMixin
from lms.ids import IdFormFieldsMixin, register_admin_form_fields
from lms.richtext import register_rich_text_form_field

from .models import ManagerScope, Organisation, Region

# Ids posted to any admin form are checked before they reach a query (lms.ids).
register_admin_form_fields()
# Unreadable rich text posted to any admin form is a field error (lms.richtext).
register_rich_text_form_field()


class RegionViewSet(IdFormFieldsMixin, ModelViewSet):
    delete_view_class = RefuseReferencedDeleteView
    model = Region
    url_prefix = "regionen"
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name"]
    search_fields = ["name"]
    # Plain ORM search: field-restricted search fails on SQLite FTS ("no such column: name",
    # upstream wagtail/wagtail#10217), with any search text.
    search_backend_name = None
    form_fields = ["name"]


class OrganisationIndexView(GermanExportMixin, generic.IndexView):
    """CSV/XLSX for German offices, names neutralised against formulas (lms.exports)."""


class OrganisationViewSet(IdFormFieldsMixin, ModelViewSet):
    delete_view_class = RefuseReferencedDeleteView
    model = Organisation
    index_view_class = OrganisationIndexView
    url_prefix = "organisationen"
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "region", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name"]
    search_backend_name = None  # see RegionViewSet
    form_fields = ["name", "kind", "region", "is_active"]
    list_export = ["name", "get_kind_display", "region", "is_active"]
    export_headings = {"get_kind_display": _("kind")}


class ManagerScopeViewSet(IdFormFieldsMixin, ModelViewSet):
    delete_view_class = RefuseReferencedDeleteView
    model = ManagerScope
    url_prefix = "sichtbereiche"
    icon = "view"
    menu_label = _("Manager scopes")
    list_display = ["manager", "region_names", "organisation_names"]
    form_fields = ["manager", "regions", "organisations"]

    def get_form_class(self, for_update=False):
        from django import forms

        from .forms import ManagerScopeForm

        return forms.modelform_factory(ManagerScope, form=ManagerScopeForm, fields=self.form_fields)

    def get_queryset(self, request):
        return ManagerScope.objects.select_related("manager").prefetch_related(
            "regions", "organisations"
        )


class OrganisationsGroup(ViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 600
    items = (OrganisationViewSet, RegionViewSet, ManagerScopeViewSet)


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationsGroup()
