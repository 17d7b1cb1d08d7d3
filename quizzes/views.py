"""The learner's side of a Lernkontrolle: start page, answering, confirmation, result, history.

Views parse input, call ``quizzes.services`` and render. Every attempt page loads the attempt
through ``_own_attempt`` (404 for anyone but its owner, staff included); every page that
answers, reviews or submits an open attempt asks the access policy again (``_refused``), so
leaving the course closes the attempt to further answers at once. Templates only ever
receive learner-safe data prepared in ``quizzes.forms.question_items``.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.formats import format_time

from . import services
from .access import access_policy
from .forms import (
    answer_form_context,
    chosen_texts,
    posted_answer,
    question_items,
    question_page_context,
)
from .models import DEADLINE_GRACE, Attempt, AttemptStatus, FeedbackMode, Navigation, Quiz

# The history and start pages list attempts; the frozen questions are not needed there.
LIST_DEFER = ("snapshot", "success_text", "fail_text")


def _own_attempt(request, public_id):
    # With its quiz: the access policy asks about it on every request.
    attempt = (
        Attempt.objects.select_related("quiz")
        .filter(public_id=public_id, user=request.user)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def _refused(request, attempt, *, as_json=False):
    """A 403 when the access policy no longer lets the owner work on this open attempt.

    Asked on every request, not only at start: a learner who left the course (or whose
    module was unpublished) must not answer or submit any more. The attempt itself stays
    open and untouched, like the rest of the course progress that ``enrolment_cancel`` keeps:
    submitting it would record a result (and use up an attempt) the learner never chose,
    deleting it would destroy an exam record. On re-enrolment the learner continues; a time
    limit keeps running and submits it with the saved answers once it is over.
    Returns ``None`` when the request may go on.
    """
    if not attempt.is_open:
        return None
    policy = access_policy(remember=True)
    refusal = policy.refusal(request.user, attempt.quiz)
    if refusal is None:
        return None
    if as_json:
        return JsonResponse({"saved": False, "error": str(refusal)}, status=403)
    return _refusal_page(
        request, attempt.quiz, refusal, policy.return_url(request.user, attempt.quiz)
    )


def _refusal_page(request, quiz, refusal, return_url):
    context = {"quiz": quiz, "refusal": refusal, "return_url": return_url}
    return render(request, "quizzes/refused.html", context, status=403)


def _saved_message(when):
    return _("Saved %(time)s") % {"time": format_time(when)}


def _timed_out(attempt):
    # The service dates an attempt submitted because time ran out at its deadline.
    return attempt.deadline is not None and attempt.submitted_at == attempt.deadline


def _explain_closed(request, error):
    """A flash message for "already submitted"; the result page itself explains a time-out."""
    if not _timed_out(error.attempt):
        messages.warning(request, str(error))


def _closed(request, error):
    _explain_closed(request, error)
    return redirect("quizzes:result", error.attempt.public_id)


def _expired(request, attempt):
    """Submit an attempt whose time is up (the service decides); True if it is closed now."""
    if attempt.is_open:
        services.attempt_expire_overdue(attempt=attempt)
    return not attempt.is_open


# --- start page and history -----------------------------------------------------------------


def _start_facts(quiz, attempts, now, counts_from=None):
    """What the start page tells the learner; the service still decides on POST."""
    limits = services.start_limits(
        quiz=quiz, previous=services.counted_attempts(attempts, counts_from), now=now
    )
    return {"attempts_left": limits.attempts_left, "next_start": limits.next_start}


@login_required
@require_http_methods(["GET", "POST"])
def start(request, pk):
    quiz = get_object_or_404(Quiz, pk=pk)
    policy = access_policy(remember=True)
    refusal = policy.refusal(request.user, quiz)
    if refusal is not None:
        return _refusal_page(request, quiz, refusal, policy.return_url(request.user, quiz))
    if request.method == "POST":
        try:
            attempt = services.attempt_start(
                quiz=quiz,
                user=request.user,
                context_key=policy.context_key(request.user, quiz),
                quiz_is_current=True,  # loaded above, in this request
                counts_from=policy.attempts_count_from(request.user, quiz),
            )
        except services.AttemptClosed as error:
            return _closed(request, error)
        except services.QuizError as error:
            messages.error(request, str(error))
            return redirect("quizzes:start", quiz.pk)
        if attempt.navigation == Navigation.ONE_PER_PAGE:
            # Straight to the current question: the detour through "take" costs a request.
            return redirect("quizzes:question", attempt.public_id, attempt.current_position + 1)
        return redirect("quizzes:take", attempt.public_id)
    attempts = list(
        Attempt.objects.filter(user=request.user, quiz=quiz).defer(*LIST_DEFER).order_by("number")
    )
    open_attempt = next((a for a in attempts if a.is_open), None)
    context = {
        "quiz": quiz,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "return_url": policy.return_url(request.user, quiz),
        **_start_facts(
            quiz, attempts, timezone.now(), policy.attempts_count_from(request.user, quiz)
        ),
    }
    return render(request, "quizzes/start.html", context)


@login_required
@require_GET
def mine(request):
    attempts = (
        Attempt.objects.filter(user=request.user).defer(*LIST_DEFER).order_by("-started_at", "-pk")
    )
    return render(request, "quizzes/mine.html", {"attempts": attempts})


# --- answering --------------------------------------------------------------------------------


def _reachable(attempt, number):
    """Without going back, only the furthest question reached may be shown."""
    if attempt.allow_back:
        return 1 <= number <= len(attempt.questions)
    return number == attempt.current_position + 1


@login_required
@require_http_methods(["GET", "POST"])
def take(request, public_id):
    """The attempt's entry: all questions on one page, or the current question."""
    attempt = _own_attempt(request, public_id)
    if refused := _refused(request, attempt):
        return refused
    if _expired(request, attempt):
        return redirect("quizzes:result", attempt.public_id)
    if attempt.navigation == Navigation.ONE_PER_PAGE:
        number = attempt.current_position + 1
        return redirect("quizzes:question", attempt.public_id, number)
    responses = list(attempt.responses.all())
    positions = range(len(attempt.questions))
    if request.method == "POST":
        learner = attempt.questions_for_learner()
        by_position = attempt.responses_by_position(responses)
        answers = {
            p: posted_answer(request.POST, learner[p])
            for p in positions
            if not attempt.is_locked(p, by_position.get(p))
        }
        try:
            services.attempt_save_answers(attempt=attempt, answers=answers)
        except services.AttemptClosed as error:
            return _closed(request, error)
        except services.InvalidAnswer as error:
            context = answer_form_context(
                attempt, responses, positions, errors=error.errors, posted=answers
            )
            context.update(form_action=request.path, errors=True)
            return render(request, "quizzes/take.html", context, status=400)
        except services.QuizError as error:
            messages.error(request, str(error))
            return redirect("quizzes:take", attempt.public_id)
        if request.POST.get("action") == "review":
            return redirect("quizzes:confirm", attempt.public_id)
        messages.success(request, _saved_message(timezone.now()))
        return redirect("quizzes:take", attempt.public_id)
    context = answer_form_context(attempt, responses, positions)
    context["form_action"] = request.path
    return render(request, "quizzes/take.html", context)


def _target(attempt, number, post):
    """Where a question page's button leads: a question number, or "review"."""
    action = post.get("action")
    goto = post.get("goto", "")
    # Not str.isdigit(): "²" is a digit to it, and int("²") fails (a 500).
    if re.fullmatch(r"[0-9]{1,6}", goto) and attempt.allow_back:
        return max(1, min(int(goto), len(attempt.questions)))
    if action == "back" and attempt.allow_back and number > 1:
        return number - 1
    if action == "next" and number < len(attempt.questions):
        return number + 1
    if action == "review":
        return "review"
    return number


@login_required
@require_http_methods(["GET", "POST"])
def question(request, public_id, number):
    attempt = _own_attempt(request, public_id)
    if refused := _refused(request, attempt):
        return refused
    if _expired(request, attempt):
        return redirect("quizzes:result", attempt.public_id)
    if attempt.navigation == Navigation.ALL_ON_ONE_PAGE:
        return redirect(
            reverse("quizzes:take", args=[attempt.public_id]) + f"#question-{number - 1}"
        )
    if not _reachable(attempt, number):
        return redirect("quizzes:question", attempt.public_id, attempt.current_position + 1)
    position = number - 1
    if request.method == "POST":
        target = _target(attempt, number, request.POST)
        # Only with feedback after each question does a saved answer lock itself
        # (Attempt.is_locked); otherwise the answer row is not needed to decide.
        response = None
        if attempt.feedback_mode == FeedbackMode.EACH:
            response = attempt.responses.filter(position=position).first()
        if not attempt.is_locked(position, response):
            raw = posted_answer(request.POST, attempt.questions_for_learner()[position])
            moving_on = target == "review" or (target != number and target > number)
            try:
                services.attempt_save_answer(
                    attempt=attempt, question=position, answer=raw, advance=moving_on
                )
            except services.AttemptClosed as error:
                return _closed(request, error)
            except services.InvalidAnswer as error:
                responses = list(attempt.responses.all())
                context = question_page_context(
                    attempt, responses, number, errors=error.errors, posted={position: raw}
                )
                context["errors"] = True
                return render(request, "quizzes/take.html", context, status=400)
            except services.QuizError as error:
                messages.error(request, str(error))
                return redirect("quizzes:take", attempt.public_id)
            if target == number:
                messages.success(request, _saved_message(timezone.now()))
        if target == "review":
            return redirect("quizzes:confirm", attempt.public_id)
        return redirect("quizzes:question", attempt.public_id, target)
    context = question_page_context(attempt, list(attempt.responses.all()), number)
    return render(request, "quizzes/take.html", context)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def save(request, public_id, number):
    """Autosave one answer (fetch from quiz.js); without JavaScript it redirects back."""
    attempt = _own_attempt(request, public_id)
    as_json = _wants_json(request)
    if refused := _refused(request, attempt, as_json=as_json):
        return refused
    learner = attempt.questions_for_learner()
    if not 1 <= number <= len(learner):
        raise Http404
    raw = posted_answer(request.POST, learner[number - 1])
    try:
        response = services.attempt_save_answer(attempt=attempt, question=number - 1, answer=raw)
    except services.AttemptClosed as error:
        if as_json:
            _explain_closed(request, error)  # quiz.js goes to the result page
            url = reverse("quizzes:result", args=[attempt.public_id])
            return JsonResponse({"saved": False, "error": str(error), "redirect": url}, status=409)
        return _closed(request, error)
    except services.InvalidAnswer as error:
        if as_json:
            return JsonResponse({"saved": False, "error": str(error)}, status=400)
        return render(
            request,
            "quizzes/bad_answer.html",
            {"attempt": attempt, "message": str(error), "number": number},
            status=400,
        )
    except services.QuizError as error:
        if as_json:
            return JsonResponse({"saved": False, "error": str(error)}, status=409)
        messages.error(request, str(error))
        return redirect("quizzes:take", attempt.public_id)
    message = _saved_message(response.saved_at)
    if as_json:
        return JsonResponse({"saved": True, "message": message})
    messages.success(request, message)
    if attempt.navigation == Navigation.ALL_ON_ONE_PAGE:
        return redirect("quizzes:take", attempt.public_id)
    return redirect("quizzes:question", attempt.public_id, number)


# --- confirmation, submission, result ---------------------------------------------------------


@login_required
@require_GET
def confirm(request, public_id):
    attempt = _own_attempt(request, public_id)
    if refused := _refused(request, attempt):
        return refused
    if _expired(request, attempt):
        return redirect("quizzes:result", attempt.public_id)
    responses = list(attempt.responses.all())
    unanswered = [r.position + 1 for r in responses if not r.is_answered]
    context = {
        "attempt": attempt,
        "total": len(attempt.questions),
        "answered": len(responses) - len(unanswered),
        "grace_seconds": int(DEADLINE_GRACE.total_seconds()),
        "unanswered": unanswered,
        "now": timezone.now(),
        "linkable": attempt.allow_back,
        "one_per_page": attempt.navigation == Navigation.ONE_PER_PAGE,
    }
    return render(request, "quizzes/confirm.html", context)


@login_required
@require_POST
def submit(request, public_id):
    attempt = _own_attempt(request, public_id)
    if refused := _refused(request, attempt):
        return refused
    if attempt.is_open:
        services.attempt_submit(attempt=attempt)
    return redirect("quizzes:result", attempt.public_id)


@login_required
@require_GET
def result(request, public_id):
    attempt = _own_attempt(request, public_id)
    if attempt.is_open and not _expired(request, attempt):
        return redirect("quizzes:take", attempt.public_id)
    responses = list(attempt.responses.all())
    items = []
    if attempt.feedback_mode != FeedbackMode.SCORE:
        positions = range(len(attempt.questions))
        for item in question_items(attempt, responses, positions, autosave=False):
            item["chosen"] = chosen_texts(item["question"], item["answer"])
            items.append(item)
    context = {
        "attempt": attempt,
        "result": attempt.result(),
        "categories": [c for c in attempt.category_breakdown(responses) if c["name"]],
        "items": items,
        "return_url": access_policy(remember=True).return_url(request.user, attempt.quiz),
        "pending": attempt.status == AttemptStatus.PENDING,
        "timed_out": _timed_out(attempt),
        "answers_revealed": attempt.answers_revealed(),
    }
    return render(request, "quizzes/result.html", context)
