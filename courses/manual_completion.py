"""Admin view: trainers of a course and the Administration record completions by hand.

For people who attended in person (or whose completion was lost): a module or the whole
course, for one or several enrolled people, with a required reason. Who may do it is decided
by ``selectors.may_record_completion``; the write is ``services.completion_record``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lms.ids import IdModelMultipleChoiceField, parse_id

from . import services
from .models import CoursePage, Enrolment, ModulePage
from .selectors import courses_for_recording, may_record_completion


class PersonChoiceField(IdModelMultipleChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name().strip()
        return f"{name} ({obj.email})" if name else obj.email


class CompletionForm(forms.Form):
    module = forms.ChoiceField(
        label=gettext_lazy("What was completed"),
        required=False,
        help_text=gettext_lazy("The whole course, or one module of it."),
    )
    people = PersonChoiceField(
        label=gettext_lazy("People"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Please choose at least one person.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Shown in the reports and kept in the log, e.g. “attended in person on 12.11.2026”."
        ),
        error_messages={
            "required": gettext_lazy("Please give a reason for the manual completion.")
        },
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.modules = {str(m.pk): m for m in ModulePage.objects.child_of(course).order_by("path")}
        self.fields["module"].choices = [("", _("The whole course"))] + [
            (pk, module.title) for pk, module in self.modules.items()
        ]
        enrolled = Enrolment.objects.filter(course=course).values("user_id")
        self.fields["people"].queryset = (
            get_user_model()
            .objects.filter(pk__in=enrolled, is_active=True)
            .order_by("last_name", "first_name", "email")
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason for the manual completion."))
        return reason

    def clean_module(self):
        value = self.cleaned_data["module"]
        return self.modules[value] if value else None


def index(request):
    """The courses the person may record completions for."""
    courses = courses_for_recording(request.user)
    if not courses.exists():
        raise Http404
    return TemplateResponse(request, "courses/admin/completion_index.html", {"courses": courses})


def record(request, course_id):
    # A 26-digit id in the URL is no course (lms.ids), not an overflow in the page lookup.
    pk = parse_id(course_id)
    if pk is None:
        raise Http404
    course = get_object_or_404(CoursePage, pk=pk)
    if not may_record_completion(request.user, course):
        raise Http404
    form = CompletionForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        people = list(form.cleaned_data["people"])
        try:
            count = services.completion_record(
                course=course,
                users=people,
                module=form.cleaned_data["module"],
                reason=form.cleaned_data["reason"],
                recorded_by=request.user,
            )
        except services.CourseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The completion was recorded for %(count)d person.",
                    "The completion was recorded for %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("courses_completion:record", course.pk)
    return TemplateResponse(
        request, "courses/admin/completion_record.html", {"course": course, "form": form}
    )
