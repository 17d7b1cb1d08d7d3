import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.models import Enrolment
from lms.filters import DateRangeFilter
from lms.ids import IdModelChoiceFilter
from organisations.models import OrganisationKind, Region

from . import selectors


def _courses(request):
    return selectors.courses_in_scope(request.user)


def _organisations(request):
    return selectors.report_organisations(request.user)


def _regions(request):
    return Region.objects.filter(organisations__in=_organisations(request)).distinct()


class DueStatus:
    OVERDUE = "overdue"
    OPEN_WITH_DUE_DATE = "due"
    NO_DUE_DATE = "none"
    CHOICES = [
        (OVERDUE, _("Overdue")),
        (OPEN_WITH_DUE_DATE, _("Due date not yet passed")),
        (NO_DUE_DATE, _("No due date")),
    ]


def courses_filter(**kwargs):
    return IdModelChoiceFilter(label=_("Course"), queryset=_courses, **kwargs)


class PeopleFilterSet(WagtailFilterSet):
    """Who the rows are about: filters over the person's organisation, for every report.
    Their choices list only what the viewer's scope holds; a filter narrows, never widens."""

    organisation = IdModelChoiceFilter(
        label=_("Organisation"), field_name="user__organisation", queryset=_organisations
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="user__organisation__kind",
        choices=OrganisationKind.choices,
    )
    region = IdModelChoiceFilter(
        label=_("Region"), field_name="user__organisation__region", queryset=_regions
    )


class EnrolmentReportFilterSet(PeopleFilterSet):
    """The filters every enrolment report shares. Organisation, kind and region are those
    recorded on the enrolment (where it happened), as in ``selectors.enrolments_in_scope``."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), field_name="organisation", queryset=_organisations
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), field_name="organisation__region", queryset=_regions
    )

    course = courses_filter()
    enrolled = DateRangeFilter(
        label=_("Enrolled between"), field_name="enrolled_at", widget=DateRangePickerWidget
    )
    completed = DateRangeFilter(
        label=_("Completed between"), field_name="completed_at", widget=DateRangePickerWidget
    )
    due_status = django_filters.ChoiceFilter(
        label=_("Due status"), choices=DueStatus.CHOICES, method="filter_due_status"
    )

    validity = django_filters.ChoiceFilter(
        label=_("Validity of the certificate"),
        choices=selectors.Validity.CHOICES,
        method="filter_validity",
    )

    class Meta:
        model = Enrolment
        fields = []

    def filter_validity(self, queryset, name, value):
        return selectors.with_validity(queryset, value)

    def filter_due_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == DueStatus.OVERDUE:
            return queryset.overdue(today=today)
        if value == DueStatus.OPEN_WITH_DUE_DATE:
            return queryset.filter(completed_at__isnull=True, due_date__gte=today)
        if value == DueStatus.NO_DUE_DATE:
            return queryset.filter(due_date__isnull=True)
        return queryset
