"""Assigning a course with a due date: choose people, preview, then confirm."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.selectors import newest_valid_certificates
from courses.models import Enrolment
from organisations.selectors import users_in_scope

from .forms import AssignmentConfirmForm, AssignmentForm, parse_email_lines
from .services import course_assign


@dataclass
class Preview:
    new: list = field(default_factory=list)
    already: list = field(default_factory=list)
    completed: list = field(default_factory=list)  # (person, valid until or None)
    problems: list = field(default_factory=list)  # (line, value, message)


def _preview(form, manager):
    data = form.cleaned_data
    scope = users_in_scope(manager)
    preview = Preview()
    if data["person"]:
        people = [data["person"]]
    elif data["organisation"]:
        people = list(scope.filter(organisation=data["organisation"]).order_by("last_name"))
    else:
        lines = list(parse_email_lines(data["email_file"]))
        found = {
            user.email.lower(): user
            for user in scope.filter(email__in=[email for _n, email, error in lines if not error])
        }
        people = []
        for number, value, error in lines:
            if error is None and value not in found:
                # Same words whether the address exists outside the scope or not at all.
                error = _("No person with this address in your area of responsibility.")
            if error:
                preview.problems.append((number, value, error))
            else:
                people.append(found[value])
    _classify(preview, data["course"], people)
    return preview


def _classify(preview, course, people):
    """New, already enrolled (due date updated) or already completed (left alone: no new due
    date, no mail; with the certificate's end of validity if the course has one)."""
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.filter(course=course, user__in=[p.pk for p in people])
        .filter(Q(is_active=True) | Q(completed_at__isnull=False))
        .only("pk", "user_id", "completed_at", "is_active")
    }
    completed = [e for e in enrolments.values() if e.completed_at is not None]
    certificates = newest_valid_certificates(completed)
    for person in dict.fromkeys(people):
        enrolment = enrolments.get(person.pk)
        if enrolment is None:
            preview.new.append(person)
        elif enrolment.completed_at is not None:
            certificate = certificates.get(enrolment.pk)
            preview.completed.append((person, certificate.valid_until if certificate else None))
        else:
            preview.already.append(person)


def assign(request):
    manager = request.user
    if not manager.has_perm("reports.assign_courses"):
        raise Http404
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        form = AssignmentForm(request.POST, request.FILES, manager=manager)
        if form.is_valid():
            return TemplateResponse(
                request,
                "reports/assign_preview.html",
                {"form": form, "preview": _preview(form, manager), **form.cleaned_data},
            )
    else:
        form = AssignmentForm(manager=manager)
    return TemplateResponse(request, "reports/assign.html", {"form": form})


def _confirm(request):
    form = AssignmentConfirmForm(request.POST, manager=request.user)
    if not form.is_valid():
        messages.error(request, _("Nothing was assigned. Please start again."))
        return redirect("reports:assign")
    course, people = form.cleaned_data["course"], list(form.cleaned_data["user"])
    enrolments = course_assign(
        users=people,
        course=course,
        due_date=form.cleaned_data["due_date"],
        assigned_by=request.user,
    )
    assigned = sum(1 for enrolment in enrolments if enrolment.completed_at is None)
    messages.success(
        request,
        ngettext(
            "“%(course)s” was assigned to %(count)d person.",
            "“%(course)s” was assigned to %(count)d people.",
            assigned,
        )
        % {"course": course.title, "count": assigned},
    )
    return redirect(reverse("reports:learner_progress") + f"?course={course.pk}")
