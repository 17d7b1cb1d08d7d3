"""What trainers edit: a ``Quiz`` (a Wagtail snippet) with its ``Question``s, categories and
``Choice``s."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin

from ..choices import (
    AnswerReveal,
    FeedbackMode,
    QuestionKind,
)

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
