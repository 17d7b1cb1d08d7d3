"""The quiz snippet in the Wagtail admin ("Lernkontrollen"); registration lives in wagtail_hooks.

Questions and their answers are edited inline (nested ``InlinePanel``); ``QuizAdminForm``
stops a broken quiz from being published. The preview shows the quiz as the learner sees it,
plus the correct answers, labelled as trainer-only (the preview is an admin page).
"""

import django_filters
from django import forms
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    PreviewOnCreateView,
    PreviewOnEditView,
    PreviewRevisionView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from lms.snippets import IdSnippetViewSetMixin

from .admin_exchange import may_edit
from .admin_forms import QuestionAdminForm, QuizAdminForm
from .admin_views import attach_preview_questions
from .models import QuestionCategory, QuestionKind, Quiz
from .panels import WarnedFieldPanel, WarnedInlinePanel


class Publication:
    LIVE = "live"
    DRAFT = "draft"
    CHOICES = [(LIVE, _("Published")), (DRAFT, _("Draft (not published)"))]


class QuizFilterSet(WagtailFilterSet):
    publication = django_filters.ChoiceFilter(
        label=_("Publication"), choices=Publication.CHOICES, method="filter_publication"
    )

    class Meta:
        model = Quiz
        fields = []

    def filter_publication(self, queryset, name, value):
        if value == Publication.LIVE:
            return queryset.filter(live=True)
        if value == Publication.DRAFT:
            return queryset.filter(live=False)
        return queryset


def statistics_url(quiz):
    return reverse("quizzes_admin:statistics", args=[quiz.pk])


def exchange_buttons(user, quiz, button_class, priority):
    """ "Import questions" and the two exports, for people who may edit ``quiz``."""
    if not may_edit(user, quiz):
        return []
    return [
        button_class(
            _("Import questions"),
            url=reverse("quizzes_admin:import_questions", args=[quiz.pk]),
            icon_name="upload",
            priority=priority,
        ),
        button_class(
            _("Export questions (GIFT)"),
            url=reverse("quizzes_admin:export_questions", args=[quiz.pk, "gift"]),
            icon_name="download",
            priority=priority + 1,
        ),
        button_class(
            _("Export questions (Moodle XML)"),
            url=reverse("quizzes_admin:export_questions", args=[quiz.pk, "xml"]),
            icon_name="download",
            priority=priority + 2,
        ),
    ]


class QuizIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(question_count=Count("questions"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons += exchange_buttons(self.request.user, instance, ListingButton, 30)
        if self.request.user.has_perm("quizzes.view_attempt"):
            buttons.append(
                ListingButton(
                    _("Statistics"), url=statistics_url(instance), icon_name="table", priority=25
                )
            )
        return buttons


class QuizEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons += exchange_buttons(self.request.user, self.object, Button, 45)
        if self.request.user.has_perm("quizzes.view_attempt"):
            buttons.append(
                Button(
                    _("Statistics"), url=statistics_url(self.object), icon_name="table", priority=40
                )
            )
        return buttons


class QuizPreviewOnEditView(PreviewOnEditView):
    def get_extra_request_attrs(self):
        # Called after the form's data has been applied to ``self.object`` (unsaved).
        attach_preview_questions(self.object)
        return super().get_extra_request_attrs()


class QuizPreviewOnCreateView(PreviewOnCreateView):
    def get_extra_request_attrs(self):
        attach_preview_questions(self.object)
        return super().get_extra_request_attrs()


class QuizPreviewRevisionView(PreviewRevisionView):
    def get_revision_object(self):
        return attach_preview_questions(super().get_revision_object())


class QuestionsPanel(WarnedInlinePanel):
    """The questions' inline panel, with our question form (German decimal input)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = QuestionAdminForm
        return options


CHOICE_PANELS = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]


def only_for(*kinds):
    """Panel attributes for quizzes/question_editor.js: show the panel only for ``kinds``
    (without JavaScript every field stays visible)."""
    return {"data-question-kinds": " ".join(kinds)}


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE)

QUESTION_PANELS = [
    FieldRowPanel(
        [
            FieldPanel("kind"),
            FieldPanel("points"),
            # A plain select: trainers pick a category without needing rights on categories.
            FieldPanel("category", widget=forms.Select),
        ]
    ),
    FieldPanel("text"),
    WarnedInlinePanel(
        "choices",
        panels=CHOICE_PANELS,
        label=_("Answer"),
        heading=_("Answers (single choice, true or false, multiple choice)"),
        attrs={
            **only_for(*CHOICE_KINDS),
            # The two answers a new true-or-false question gets (question_editor.js).
            "data-true-false-choices": _("True|False"),
        },
    ),
    FieldPanel("partial_credit", attrs=only_for(QuestionKind.MULTIPLE)),
    FieldPanel("accepted_answers", attrs=only_for(QuestionKind.SHORT_TEXT)),
    FieldRowPanel(
        [FieldPanel("numeric_answer"), FieldPanel("tolerance")],
        attrs=only_for(QuestionKind.NUMERIC),
    ),
    MultiFieldPanel(
        [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image"), classname="collapsed"
    ),
    FieldPanel("explanation"),
]

QUIZ_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("title"),
                FieldPanel("description"),
                QuestionsPanel(
                    "questions",
                    panels=QUESTION_PANELS,
                    label=_("Question"),
                    heading=_("Questions"),
                ),
            ],
            heading=_("Questions"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("pass_mark"),
                        WarnedFieldPanel("max_questions"),
                        FieldRowPanel([FieldPanel("random_order"), FieldPanel("shuffle_choices")]),
                    ],
                    heading=_("Questions and pass mark"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("navigation"),
                        FieldPanel("allow_back"),
                        FieldPanel("feedback_mode"),
                        FieldPanel("answer_reveal"),
                    ],
                    heading=_("Navigation and feedback"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("max_attempts"),
                        FieldPanel("wait_minutes"),
                        FieldPanel("time_limit_minutes"),
                    ],
                    heading=_("Attempts and time limit"),
                ),
                MultiFieldPanel(
                    [FieldPanel("success_text"), FieldPanel("fail_text")],
                    heading=_("Texts on the result page"),
                ),
            ],
            heading=_("Settings"),
        ),
    ],
    base_form_class=QuizAdminForm,
)


class QuizViewSet(IdSnippetViewSetMixin, SnippetViewSet):
    model = Quiz
    url_prefix = "lernkontrollen"
    icon = "tasks"
    menu_label = _("Lernkontrollen")
    menu_name = "lernkontrollen-liste"
    base_form_class = QuizAdminForm
    edit_handler = QUIZ_EDIT_HANDLER
    index_view_class = QuizIndexView
    edit_view_class = QuizEditView
    preview_on_add_view_class = QuizPreviewOnCreateView
    preview_on_edit_view_class = QuizPreviewOnEditView
    revisions_view_class = QuizPreviewRevisionView
    filterset_class = QuizFilterSet
    search_fields = ["title"]
    ordering = ["title"]
    list_display = [
        "title",
        Column("question_count", label=_("Questions"), sort_key="question_count"),
        "pass_mark",
        UpdatedAtColumn(),
    ]


class QuestionCategoryViewSet(IdSnippetViewSetMixin, SnippetViewSet):
    model = QuestionCategory
    url_prefix = "lernkontrollen-kategorien"
    icon = "tag"
    menu_label = _("Question categories")
    menu_name = "lernkontrollen-kategorien"
    search_fields = ["name"]
    list_display = ["name"]
    panels = [FieldPanel("name")]


class QuizViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionCategoryViewSet)
    menu_label = _("Lernkontrollen")
    menu_name = "lernkontrollen"
    menu_icon = "tasks"
    menu_order = 250
    # The marking queue joins this submenu through the hook of the same name.
    submenu_hook = "register_quizzes_menu_item"
