"""The quiz engine's data: authored quizzes (a Wagtail snippet) and the frozen exam record.

A ``Quiz`` with its ``Question``s and ``Choice``s is what trainers edit. An ``Attempt`` copies
everything it asks into ``snapshot`` at start, so editing or deleting questions later never
changes a past result; ``Response`` rows point into that snapshot by ``position``.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin

from .choices import (  # noqa: F401
    CHOICE_KINDS,
    AnswerReveal,
    AttemptStatus,
    FeedbackMode,
    QuestionKind,
)
from .feedback import AttemptFeedbackMixin

# Answers that arrive this long after the deadline still count (network, a slow click).
DEADLINE_GRACE = timedelta(seconds=10)

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


class Navigation(models.TextChoices):
    ONE_PER_PAGE = "one_per_page", _("One question per page")
    ALL_ON_ONE_PAGE = "all_on_one_page", _("All questions on one page")


class Quiz(DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the points needed to pass, in percent (0–100)."),
    )
    random_order = models.BooleanField(_("random question order"), default=False)
    max_questions = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("0 = all questions; otherwise this many are drawn at random from the pool."),
    )
    shuffle_choices = models.BooleanField(_("random choice order"), default=False)
    navigation = models.CharField(
        _("navigation"), max_length=20, choices=Navigation.choices, default=Navigation.ONE_PER_PAGE
    )
    allow_back = models.BooleanField(_("may go back to earlier questions"), default=True)
    feedback_mode = models.CharField(
        _("feedback"), max_length=10, choices=FeedbackMode.choices, default=FeedbackMode.AFTER
    )
    answer_reveal = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=AnswerReveal.choices,
        default=AnswerReveal.PASSED,
        help_text=_(
            "When learners see the correct answers and explanations. "
            'With a maximum of attempts, "after the last allowed attempt" keeps retries honest.'
        ),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 = unlimited; 1 = a single attempt.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("waiting time between attempts (minutes)"), default=0
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), default=0, help_text=_("0 = no time limit.")
    )
    success_text = RichTextField(_("text when passed"), blank=True, features=RICH_TEXT_FEATURES)
    fail_text = RichTextField(_("text when failed"), blank=True, features=RICH_TEXT_FEATURES)

    # Our own relation (with a query name) next to Wagtail's private default one, so admin
    # code can filter revisions by quiz. Read revisions through ``self.revisions`` as usual.
    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        related_query_name="quiz",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = _("Lernkontrolle")
        verbose_name_plural = _("Lernkontrollen")
        ordering = ["title"]
        permissions = [("publish_quiz", _("Can publish Lernkontrollen"))]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.pass_mark is not None and self.pass_mark > 100:
            errors["pass_mark"] = _("The pass mark must lie between 0 and 100 percent.")
        if self.navigation == Navigation.ALL_ON_ONE_PAGE:
            if self.feedback_mode == FeedbackMode.EACH:
                errors["feedback_mode"] = _(
                    "Feedback after each question needs one question per page."
                )
            if not self.allow_back:
                errors["allow_back"] = _(
                    "Going back can only be switched off with one question per page."
                )
        if self.answer_reveal == AnswerReveal.LAST_ATTEMPT and not self.max_attempts:
            errors["answer_reveal"] = _(
                "With unlimited attempts there is no last attempt: set a maximum of attempts "
                "or choose another option."
            )
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "quizzes/preview.html"


class QuestionCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Question(Orderable, ClusterableModel):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("question type"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    text = RichTextField(_("question"), features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image description (alt text)"), max_length=255, blank=True)
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    explanation = RichTextField(
        _("explanation"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown as feedback, as the quiz's feedback setting allows."),
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_("Multiple choice: points for each correct choice, minus wrong ones."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_("Short text answer: one accepted answer per line (case does not matter)."),
    )
    numeric_answer = models.DecimalField(
        _("correct number"), max_digits=15, decimal_places=4, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=15, decimal_places=4, default=Decimal("0")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        from django.utils.html import strip_tags

        return strip_tags(self.text)[:80]

    def accepted_answer_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.points is not None and self.points <= 0:
            errors["points"] = _("A question is worth more than 0 points.")
        if self.kind == QuestionKind.SHORT_TEXT and not self.accepted_answer_list():
            errors["accepted_answers"] = _("Enter at least one accepted answer.")
        if self.kind == QuestionKind.NUMERIC and self.numeric_answer is None:
            errors["numeric_answer"] = _("Enter the correct number.")
        if self.tolerance is not None and self.tolerance < 0:
            errors["tolerance"] = _("The tolerance cannot be negative.")
        if errors:
            raise ValidationError(errors)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class Attempt(AttemptFeedbackMixin, models.Model):
    """One go at a quiz: a frozen copy of what was asked, and the result."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("Lernkontrolle"), on_delete=models.PROTECT, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        # An exam record outlives the account: the project erases people instead of deleting.
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    number = models.PositiveIntegerField(_("attempt"))
    status = models.CharField(
        _("status"), max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.OPEN
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Furthest position reached; with allow_back off, earlier positions can no longer change.
    current_position = models.PositiveIntegerField(default=0)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=9, decimal_places=2)
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Frozen quiz settings: the rules in force when the attempt started.
    title = models.CharField(_("title"), max_length=255)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    feedback_mode = models.CharField(_("feedback"), max_length=10, choices=FeedbackMode.choices)
    answer_reveal = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=AnswerReveal.choices,
        default=AnswerReveal.NEVER,
    )
    # The quiz's maximum of attempts at start (0 = unlimited), for "after the last attempt".
    attempts_allowed = models.PositiveSmallIntegerField(_("maximum attempts"), default=0)
    navigation = models.CharField(_("navigation"), max_length=20, choices=Navigation.choices)
    allow_back = models.BooleanField(_("may go back to earlier questions"))
    success_text = models.TextField(_("text when passed"), blank=True)
    fail_text = models.TextField(_("text when failed"), blank=True)
    snapshot = models.JSONField(_("questions asked"), default=dict)
    # Where the attempt was taken, as the project's access policy names it (KoFo:
    # "module:<pk>"). Opaque to the engine; empty when unknown (e.g. older attempts).
    context_key = models.CharField(_("context"), max_length=100, blank=True, db_index=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_unique_number"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="open"),
                name="quizzes_attempt_one_open",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"], name="quizzes_attempt_quiz_status")]

    def __str__(self):
        return f"{self.title} – {self.user} #{self.number}"

    @property
    def is_open(self):
        return self.status == AttemptStatus.OPEN

    @property
    def passed(self):
        return self.status == AttemptStatus.PASSED

    def is_overdue(self, now):
        """Open past its deadline plus grace: the next touch submits it with what was saved."""
        return self.is_open and self.deadline is not None and now > self.deadline + DEADLINE_GRACE

    @property
    def questions(self):
        """The frozen questions, in the order they were asked (includes the answers)."""
        return self.snapshot.get("questions", [])


class Response(models.Model):
    """The learner's answer to one frozen question (a row per question, made at start)."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="responses"
    )
    position = models.PositiveIntegerField(_("position"))
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    answer = models.JSONField(_("answer"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2, null=True, blank=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    needs_marking = models.BooleanField(_("needs marking"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # attempt_id, not attempt: ordering by the relation would join attempts for nothing.
        ordering = ["attempt_id", "position"]
        permissions = [("mark_response", _("Can mark essay answers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quizzes_response_unique_position"
            )
        ]
        indexes = [
            models.Index(
                fields=["needs_marking"],
                condition=Q(needs_marking=True),
                name="quizzes_response_to_mark",
            )
        ]

    def __str__(self):
        return f"{self.attempt} – {self.position + 1}"

    @property
    def is_answered(self):
        return self.answer not in (None, "", [])

    @property
    def frozen_question(self):
        return self.attempt.questions[self.position]
