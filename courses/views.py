"""Handlers of the course and module page routes: check who asks, call a service, render.

Refusals are translated messages plus a redirect (never a 500, never a state change); tampered
ids are 404; state changes are POST only (Django's CSRF middleware guards them).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.inputs import reject_control_characters

from . import services
from .extensions import completed_actions
from .models import CompletionRule, Enrolment
from .selectors import course_outline, may_preview, reflection_answers


def _url(page, request):
    return page.get_url(request)


def _course_of(module, request):
    """The module's course; 404 when it is unpublished (Wagtail routes through unpublished
    parents to live children, so a live module alone is not enough)."""
    course = module.course()
    if not course.live and not getattr(request, "is_preview", False):
        raise Http404
    return course


# --- course page -----------------------------------------------------------------------------


def course_page(request, course):
    outline = course_outline(user=request.user, course=course)
    missing = []
    if request.user.is_authenticated and not outline.is_enrolled:
        missing = services.missing_prerequisites(user=request.user, course=course)
    return course.render(
        request,
        context_overrides={
            "outline": outline,
            "missing_prerequisites": missing,
            "can_self_enrol": course.allows_self_enrolment and not missing,
            "overdue": outline.is_enrolled and outline.enrolment.is_overdue,
            "can_unenrol": outline.is_enrolled
            and services.cancel_refusal(outline.enrolment) is None,
            "completed_actions": completed_actions([outline.enrolment]).get(
                getattr(outline.enrolment, "pk", None), ""
            ),
        },
    )


def enrol(request, course):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(_url(course, request))
    try:
        services.enrolment_create(user=request.user, course=course)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are enrolled. Have a good time learning!"))
    return redirect(_url(course, request))


def unenrol(request, course):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(_url(course, request))
    enrolment = Enrolment.objects.filter(is_active=True).newest_cycle(
        user=request.user, course=course
    )
    if enrolment is None:
        messages.info(request, _("You are not enrolled in this course."))
        return redirect(_url(course, request))
    try:
        services.enrolment_cancel(enrolment=enrolment)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have left the course. Your progress is kept if you enrol again."),
        )
    return redirect(_url(course, request))


def continue_learning(request, course):
    """ "Weiterlernen": the first module not yet completed."""
    if not request.user.is_authenticated:
        return redirect_to_login(_url(course, request))
    outline = course_outline(user=request.user, course=course)
    if not outline.is_enrolled or outline.next_module is None:
        if not outline.is_enrolled:
            messages.info(request, _("Please enrol in the course first."))
        return redirect(_url(course, request))
    return redirect(_url(outline.next_module, request))


# --- module page -----------------------------------------------------------------------------


def module_page(request, module):
    is_preview = getattr(request, "is_preview", False)
    course = _course_of(module, request)
    if not request.user.is_authenticated and not is_preview:
        return redirect_to_login(_url(module, request))
    outline = course_outline(user=request.user, course=course)
    previewing = not outline.is_enrolled and (
        is_preview or may_preview(request.user, course, module)
    )
    if not outline.is_enrolled and not previewing:
        messages.info(request, _("Please enrol in the course to open its modules."))
        return redirect(_url(course, request))
    state = outline.state_of(module)
    locked = bool(state and state.locked and not previewing)
    previous, following = outline.neighbours(module)
    learner = outline.is_enrolled and not locked
    return module.render(
        request,
        context_overrides={
            "course": course,
            "outline": outline,
            "state": state,
            "locked": locked,
            "previewing": previewing,
            "previous_module": previous,
            "next_module": following,
            "first_open_module": outline.progress.next_module,
            "can_complete": learner
            and module.completion_rule == CompletionRule.MANUAL
            and not (state and state.done),
            "reflection_answers": reflection_answers(user=request.user, module=module)
            if learner
            else {},
            "reflection_url": _url(module, request) + "reflection/" if learner else "",
            **_quiz_context(request.user, module, may_take=learner or previewing),
        },
    )


def _quiz_context(user, module, *, may_take):
    """The module's Lernkontrolle: where to start it and the person's latest attempt."""
    if not module.quiz_id:
        return {}
    from quizzes.models import Attempt

    quiz = module.quiz
    start_url = reverse("quizzes:start", args=[quiz.pk])
    latest = (
        Attempt.objects.filter(user=user, quiz=quiz).order_by("-started_at", "-number").first()
        if user.is_authenticated
        else None
    )
    return {
        "quiz": quiz,
        "quiz_start_url": start_url if may_take and quiz.live else None,
        "quiz_attempt": latest,
    }


def complete(request, module):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(_url(module, request))
    course = _course_of(module, request)
    newest = Enrolment.objects.newest_cycle(user=request.user, course=course)
    was_completed = newest is not None and newest.completed_at is not None
    try:
        services.module_complete(user=request.user, module=module, via="manual")
    except services.NotEnrolled as error:
        messages.error(request, str(error))
        return redirect(_url(course, request))
    except services.CourseError as error:
        messages.error(request, str(error))
        return redirect(_url(module, request))
    outline = course_outline(user=request.user, course=course)
    if outline.is_completed and not was_completed:
        messages.success(request, _("Module completed – and with it the whole course!"))
        return redirect(_url(course, request))
    messages.success(request, _("“%(title)s” is marked as done.") % {"title": module.title})
    _previous, following = outline.neighbours(module)
    target = following or outline.progress.next_module
    return redirect(_url(target, request) if target else _url(course, request))


def save_reflection(request, module, block_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(_url(module, request))
    _course_of(module, request)
    known = {block.id for block in module.body if block.block_type == "reflection"}
    if block_id not in known:
        raise Http404
    url = _url(module, request)
    text = request.POST.get("answer", "")
    try:
        # Read from POST without a form: refuse NUL (a 500 on PostgreSQL) and other control
        # characters here, with the message the quiz answers give.
        reject_control_characters(text, multiline=True)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(f"{url}#reflection-{block_id}-title")
    try:
        answer = services.reflection_save(
            user=request.user, module=module, block_id=block_id, text=text
        )
    except services.NotEnrolled as error:
        messages.error(request, str(error))
        return redirect(_url(module.course(), request))
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        if answer is None:
            messages.success(request, _("Your answer was removed."))
        else:
            messages.success(request, _("Your answer is saved. Only you can see it."))
    return redirect(f"{url}#reflection-{block_id}-title")
