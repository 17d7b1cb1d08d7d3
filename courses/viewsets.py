"""Enrolments in the Wagtail admin: administrators assign courses with a due date.

Registration lives in wagtail_hooks. Saving goes through ``services.enrolment_create`` so an
assignment follows the same rules as every other enrolment (idempotent, reactivates).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.columns import LocalDateColumn, LocalDateTimeColumn
from lms.exports import GermanExportMixin
from lms.ids import IdModelChoiceFilter, id_formfield
from organisations.selectors import organisations_visible_to, sees_all_people

from . import services
from .models import CoursePage, Enrolment


class EnrolmentPermissionPolicy(ModelPermissionPolicy):
    """Enrolments are never deleted by hand: they carry progress and certificates."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


class EnrolmentForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # Skips the unique (user, course) check: for an existing enrolment the service
        # updates the due date and reactivates it instead of failing.
        return set(super()._get_validation_exclusions()) | {"user", "course"}


class EnrolmentFilterSet(WagtailFilterSet):
    course = IdModelChoiceFilter(label=_("course"), queryset=CoursePage.objects.order_by("title"))
    completed = django_filters.BooleanFilter(
        label=_("completed"), field_name="completed_at", lookup_expr="isnull", exclude=True
    )
    is_active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = Enrolment
        fields = ["course", "completed", "is_active"]


class _SavesThroughService:
    """Create and edit both call ``enrolment_create`` with the admin as ``assigned_by``."""

    def save_instance(self):
        data = self.form.cleaned_data
        instance = self.form.instance
        return services.enrolment_create(
            user=data.get("user") or instance.user,
            course=data.get("course") or instance.course,
            assigned_by=self.request.user,
            due_date=data.get("due_date"),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.CourseError as error:
            form.add_error(None, str(error))
            self.produced_error_code = "validation_error"
            self.produced_error_message = str(error)
            return self.form_invalid(form)


class EnrolmentCreateView(_SavesThroughService, generic.CreateView):
    pass


class EnrolmentEditView(_SavesThroughService, generic.EditView):
    pass


class EnrolmentIndexView(GermanExportMixin, generic.IndexView):
    def get_base_queryset(self):
        # The listing and its export show only the enrolments the viewer may see: those
        # recorded in an organisation of the viewer's scope (a later move changes nothing).
        user = self.request.user
        enrolments = super().get_base_queryset().select_related("user", "course", "assigned_by")
        if sees_all_people(user):
            return enrolments
        return enrolments.filter(organisation__in=organisations_visible_to(user))


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "group"
    menu_label = _("Enrolments")
    menu_order = 440
    add_to_admin_menu = True
    url_prefix = "teilnahmen"
    index_view_class = EnrolmentIndexView
    add_view_class = EnrolmentCreateView
    edit_view_class = EnrolmentEditView
    filterset_class = EnrolmentFilterSet
    search_fields = ["user__email", "user__last_name", "user__first_name", "course__title"]
    search_backend_name = None
    ordering = ["-enrolled_at"]
    list_display = [
        Column("user", label=_("person")),
        Column("course", label=_("course")),
        Column("cycle", label=_("cycle")),
        LocalDateColumn("due_date", label=_("due date")),
        LocalDateTimeColumn("completed_at", label=_("completed at")),
        BooleanColumn("is_active", label=_("active")),
        Column("assigned_by", label=_("assigned by")),
    ]
    list_export = [
        "user",
        "course",
        "organisation",
        "due_date",
        "enrolled_at",
        "completed_at",
        "is_active",
        "cycle",
    ]
    export_filename = "teilnahmen"

    def get_form_class(self, for_update=False):
        fields = ["due_date"] if for_update else ["user", "course", "due_date"]
        return forms.modelform_factory(
            Enrolment, form=EnrolmentForm, fields=fields, formfield_callback=id_formfield
        )
