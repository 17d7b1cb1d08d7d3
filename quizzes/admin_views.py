"""Trainers' admin pages: the marking queue, the marking form, statistics, preview data.

Marking goes through ``services.response_mark`` (it decides the attempt, fires
``attempt_passed`` and e-mails the learner); nothing here writes a result itself. Everybody
with ``quizzes.mark_response`` sees the whole queue: trainers share the marking.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from lms.formats import format_datetime
from lms.ids import IdModelChoiceFilter

from . import statistics
from .access import access_policy
from .admin_forms import MarkingForm
from .models import AttemptStatus, Quiz, Response
from .services import QuizError, response_mark

# --- marking queue ------------------------------------------------------------------------------


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _quizzes_with_answers_to_mark(request):
    waiting = statistics.responses_to_mark().values("attempt__quiz_id")
    return Quiz.objects.filter(pk__in=waiting).order_by("title")


class MarkingFilterSet(WagtailFilterSet):
    quiz = IdModelChoiceFilter(
        label=gettext_lazy("Lernkontrolle"),
        field_name="attempt__quiz",
        queryset=_quizzes_with_answers_to_mark,
    )

    class Meta:
        model = Response
        fields = []


def _person(response):
    user = response.attempt.user
    return user.get_full_name() or user.email


def _question_text(response):
    return Truncator(strip_tags(response.frozen_question["text"])).chars(90)


def _submitted(response):
    return format_datetime(response.attempt.submitted_at)


def mark_url(response):
    return reverse("quizzes_admin:mark", args=[response.pk])


class MarkingQueueView(ReportView):
    page_title = gettext_lazy("Answers to mark")
    header_icon = "edit"
    index_url_name = "quizzes_admin:marking"
    index_results_url_name = "quizzes_admin:marking_results"
    filterset_class = MarkingFilterSet
    paginate_by = 25
    columns = [
        TitleColumn(
            "question",
            label=gettext_lazy("Question"),
            accessor=_question_text,
            get_url=mark_url,
        ),
        Column("quiz", label=gettext_lazy("Lernkontrolle"), accessor="attempt.title"),
        Column("person", label=gettext_lazy("Person"), accessor=_person),
        Column("submitted", label=gettext_lazy("Submitted"), accessor=_submitted),
    ]

    def dispatch(self, request, *args, **kwargs):
        _require(request, "quizzes.mark_response")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return statistics.responses_to_mark().order_by("-attempt__submitted_at", "-pk")


def _still_to_mark(response):
    return response.needs_marking and response.attempt.status == AttemptStatus.PENDING


@require_http_methods(["GET", "POST"])
def mark(request, pk):
    _require(request, "quizzes.mark_response")
    response = get_object_or_404(
        Response.objects.select_related("attempt__user", "attempt__quiz"), pk=pk
    )
    if not _still_to_mark(response):
        messages.info(request, _("This answer has already been marked."))
        return redirect("quizzes_admin:marking")
    question = response.frozen_question
    max_points = Decimal(question["points"])
    form = MarkingForm(request.POST or None, max_points=max_points)
    if request.method == "POST" and form.is_valid():
        try:
            response_mark(
                response=response,
                points=form.cleaned_data["points"],
                feedback=form.cleaned_data["feedback"],
                marker=request.user,
            )
        except QuizError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The answer of %(person)s was marked with %(points)s of %(max)s points.")
                % {
                    "person": _person(response),
                    "points": _number(form.cleaned_data["points"]),
                    "max": _number(max_points),
                },
            )
            return redirect("quizzes_admin:marking")
    return TemplateResponse(
        request,
        "quizzes/admin/mark.html",
        {
            "page_title": _("Mark an answer"),
            "header_icon": "edit",
            "response": response,
            "attempt": response.attempt,
            "person": _person(response),
            "question": question,
            "max_points": _number(max_points),
            "form": form,
        },
    )


def _number(value):
    return number_format(Decimal(value).normalize(), use_l10n=True)


# --- statistics ---------------------------------------------------------------------------------


@require_GET
def quiz_statistics(request, pk):
    quiz = get_object_or_404(Quiz, pk=pk)
    if not access_policy().may_view_statistics(request.user, quiz):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "quizzes/admin/statistics.html",
        {
            "page_title": _("Statistics: %(title)s") % {"title": quiz.title},
            "header_icon": "table",
            "quiz": quiz,
            "summary": statistics.quiz_summary(quiz),
            "rows": statistics.question_rows(quiz),
            "edit_url": reverse(Quiz.snippet_viewset.get_url_name("edit"), args=[quiz.pk]),
            "item_analysis_url": reverse("quizzes_admin:item_analysis", args=[quiz.pk]),
        },
    )


# --- preview ------------------------------------------------------------------------------------

LEARNER_QUESTION_TEMPLATE = "quizzes/includes/question.html"


def _image_url(question):
    if question.image is None:
        return None
    try:
        return question.image.get_rendition("max-1200x900").url
    except Exception:  # noqa: BLE001 - a missing image file must not break the preview
        return None


def _preview_question(position, question):
    choices = list(question.choices.all())
    # The preview's inputs only need values unique within the page (never posted).
    values = [f"{position}-{index}" for index in range(len(choices))]
    return {
        # What the learner sees (the same keys as ``Attempt.questions_for_learner()``) …
        "position": position,
        "kind": question.kind,
        "text": question.text,
        "image_url": _image_url(question),
        "image_alt": question.image_alt,
        "points": question.points,
        "category": question.category.name if question.category_id else None,
        "partial_credit": question.partial_credit,
        "choices": [{"value": v, "text": c.text} for v, c in zip(values, choices, strict=True)],
        # … and, kept apart, what only trainers see in the preview.
        "trainer": {
            "correct_choices": [c.text for c in choices if c.is_correct],
            "accepted_answers": question.accepted_answer_list(),
            "numeric_answer": question.numeric_answer,
            "tolerance": question.tolerance,
            "explanation": question.explanation,
        },
    }


def attach_preview_questions(quiz):
    """Put the (possibly unsaved) questions on ``quiz`` in the shape the learner UI renders."""
    quiz.preview_question_template = LEARNER_QUESTION_TEMPLATE
    questions = sorted(
        quiz.questions.all(), key=lambda q: q.sort_order if q.sort_order is not None else 10**6
    )
    quiz.preview_questions = [_preview_question(i, q) for i, q in enumerate(questions)]
    return quiz
