"""The filters of the certificates listing, shared by the listing and the ZIP export."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from lms.filters import DateRangeFilter
from lms.ids import IdModelChoiceFilter
from organisations.selectors import organisations_visible_to, regions_visible_to

from .models import Certificate, Status
from .selectors import certificate_courses_visible_to


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
