"""Handlers of the session pages: the offering page with registration, cancel, manager
registration. Refusals are translated messages plus a redirect; state changes are POST only."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from courses.models import Enrolment
from organisations.selectors import has_scope

from . import selectors, services
from .forms import RegisterPersonForm
from .models import Registration, RegistrationStatus


def _live_parents(offering, request):
    module = offering.get_parent().specific
    course = module.course()
    if not getattr(request, "is_preview", False) and not (module.live and course.live):
        raise Http404
    return module, course


def refuse_self_completion(request, module):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    messages.info(request, _("This session is complete when the trainers record your attendance."))
    return redirect(module.get_url(request))


def _my_seat_refusal(offering, user):
    """The German reason why ``user`` would get no seat now, or None."""
    kinds = list(
        Registration.objects.filter(
            offering=offering, status=RegistrationStatus.CONFIRMED
        ).values_list("organisation_kind", flat=True)
    )
    kind = user.organisation.kind if user.organisation_id else ""
    reason = services.seat_refusal(offering=offering, kind=kind, confirmed_kinds=kinds)
    if reason is None:
        return None
    return services.refusal_message(
        reason, offering=offering, kind_label=selectors.kind_label(kind)
    )


def offering_page(request, offering, form=None):
    if not request.user.is_authenticated and not getattr(request, "is_preview", False):
        return redirect_to_login(offering.get_url(request))
    module, course = _live_parents(offering, request)
    user = request.user
    registration = selectors.registration_of(user=user, module=module)
    is_enrolled = Enrolment.objects.filter(user=user, course=course, is_active=True).exists()
    may_register_others = has_scope(user)
    if form is None and may_register_others:
        form = RegisterPersonForm(manager=user)
    here = registration is not None and registration.offering_id == offering.pk
    return offering.render(
        request,
        context_overrides={
            "module": module,
            "course": course,
            "view": selectors.offering_view(offering),
            "registration": registration,
            "registered_here": here,
            "waiting_position": selectors.waiting_position(registration)
            if here and registration.status == RegistrationStatus.WAITING
            else None,
            "cancel_refusal": services.cancel_refusal(registration) if here else None,
            "is_enrolled": is_enrolled,
            "seat_refusal": _my_seat_refusal(offering, user)
            if is_enrolled and registration is None
            else None,
            "register_form": form,
            "may_attendance": _may_attendance(user, offering, course),
        },
    )


def _may_attendance(user, offering, course):
    from .attendance import may_take_attendance

    return may_take_attendance(user=user, offering=offering, course=course)


def _message_for(registration):
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("Your seat is confirmed. We have sent you a mail with a calendar file.")
    return _(
        "No seat is free for you at the moment, so you are on the waiting list. "
        "You move up automatically when a seat becomes free; we will write to you."
    )


def register(request, offering):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(offering.get_url(request))
    _live_parents(offering, request)
    url = offering.get_url(request)
    if "email" in request.POST:
        return _register_person(request, offering)
    try:
        registration = services.registration_create(user=request.user, offering=offering)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _message_for(registration))
    return redirect(url)


def _register_person(request, offering):
    if not has_scope(request.user):
        raise Http404
    form = RegisterPersonForm(request.POST, manager=request.user)
    if not form.is_valid():
        return offering_page(request, offering, form=form)
    try:
        registration = services.registration_create(
            user=form.person, offering=offering, registered_by=request.user
        )
    except services.RegistrationError as error:
        form.add_error("email", str(error))
        return offering_page(request, offering, form=form)
    name = form.person.get_full_name() or form.person.email
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("%(name)s has a confirmed seat.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is on the waiting list.") % {"name": name})
    return redirect(offering.get_url(request))


def cancel(request, offering):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(offering.get_url(request))
    _live_parents(offering, request)
    registration = Registration.objects.filter(
        user=request.user, offering=offering, status__in=selectors.ACTIVE
    ).first()
    if registration is None:
        messages.info(request, _("You are not registered for this session."))
        return redirect(offering.get_url(request))
    try:
        services.registration_cancel(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(offering.get_url(request))
