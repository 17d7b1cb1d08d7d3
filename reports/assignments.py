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
from organisations.selectors import people_assignable_by

from .forms import AssignmentConfirmForm, AssignmentForm, email_rows
from .services import ConfirmationUnknown, confirmation_create, confirmation_run, course_assign

PURPOSE = "assignment"


@dataclass
class Preview:
    new: list = field(default_factory=list)
    already: list = field(default_factory=list)
    completed: list = field(default_factory=list)  # (person, valid until or None)
    expired: list = field(default_factory=list)  # (person, expired on): assigned as a new cycle
    problems: list = field(default_factory=list)  # (line, value, message)


def _preview(form, manager):
    data = form.cleaned_data
    scope = people_assignable_by(manager)
    preview = Preview()
    if data["person"]:
        people = [data["person"]]
    elif data["organisation"]:
        people = list(scope.filter(organisation=data["organisation"]).order_by("last_name"))
    else:
        lines = list(email_rows(data["email_file"]))
        found = {
            user.email.lower(): user
            for user in scope.filter(email__in=[email for *_rest, email, error in lines if email])
        }
        people = []
        for number, shown, email, error in lines:
            if not error and email not in found:
                # Same words whether the address exists outside the scope or not at all.
                error = _("No person with this address in your area of responsibility.")
            if error:
                preview.problems.append((number, shown, error))
            else:
                people.append(found[email])
    _classify(preview, data["course"], people)
    return preview


def _classify(preview, course, people):
    """New, already enrolled (due date updated), already completed and still valid (left
    alone: no new due date, no mail; with the certificate's end of validity if the course
    has one) or completed with an expired certificate (assigned as a new cycle, with mail)."""
    enrolments = {
        # Ascending cycles: each person's newest cycle wins.
        e.user_id: e
        for e in Enrolment.objects.filter(course=course, user__in=[p.pk for p in people])
        .filter(Q(is_active=True) | Q(completed_at__isnull=False))
        .only("pk", "user_id", "completed_at", "is_active", "cycle")
        .order_by("cycle")
    }
    completed = [e for e in enrolments.values() if e.completed_at is not None]
    certificates = newest_valid_certificates(completed)
    for person in dict.fromkeys(people):
        enrolment = enrolments.get(person.pk)
        if enrolment is None:
            preview.new.append(person)
        elif enrolment.completed_at is not None:
            certificate = certificates.get(enrolment.pk)
            if certificate is not None and certificate.is_expired:
                preview.expired.append((person, certificate.valid_until))
            else:
                valid_until = certificate.valid_until if certificate else None
                preview.completed.append((person, valid_until))
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
            preview = _preview(form, manager)
            people = [person.pk for person in preview.new + preview.already]
            people += [person.pk for person, _expired_on in preview.expired]
            confirmation = confirmation_create(
                purpose=PURPOSE,
                user=manager,
                payload={
                    "course": form.cleaned_data["course"].pk,
                    "due_date": form.cleaned_data["due_date"].isoformat(),
                    "user": people,
                },
            )
            return TemplateResponse(
                request,
                "reports/assign_preview.html",
                {
                    "form": form,
                    "preview": preview,
                    "token": confirmation.token,
                    "table": form.cleaned_data["email_file"],
                    **form.cleaned_data,
                },
            )
    else:
        form = AssignmentForm(manager=manager)
    return TemplateResponse(request, "reports/assign.html", {"form": form})


def _confirm(request):
    """Assign what the preview showed, once per preview, with the scope checked again."""

    def perform(payload):
        form = AssignmentConfirmForm(payload, manager=request.user)
        if not form.is_valid():
            return {"refused": True}
        course, people = form.cleaned_data["course"], list(form.cleaned_data["user"])
        enrolments = course_assign(
            users=people,
            course=course,
            due_date=form.cleaned_data["due_date"],
            assigned_by=request.user,
        )
        # Completed people with a valid certificate are left alone (no new due date, no
        # mail): not counted as assigned. Expired ones got a new, open cycle.
        assigned = sum(1 for enrolment in enrolments if enrolment.completed_at is None)
        return {"course": course.pk, "title": course.title, "count": assigned}

    try:
        outcome, _first = confirmation_run(
            token=request.POST.get("token"), purpose=PURPOSE, user=request.user, perform=perform
        )
    except ConfirmationUnknown as error:
        messages.error(request, str(error))
        return redirect("reports:assign")
    if outcome.get("refused"):
        messages.error(request, _("Nothing was assigned. Please start again."))
        return redirect("reports:assign")
    messages.success(
        request,
        ngettext(
            "“%(course)s” was assigned to %(count)d person.",
            "“%(course)s” was assigned to %(count)d people.",
            outcome["count"],
        )
        % {"course": outcome["title"], "count": outcome["count"]},
    )
    return redirect(reverse("reports:learner_progress") + f"?course={outcome['course']}")
