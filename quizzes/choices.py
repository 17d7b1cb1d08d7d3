"""The quiz engine's enums, in one module every other quizzes module may import (models,
scoring, feedback, forms, marking), so no module spells a kind, mode or status as a string."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackMode(models.TextChoices):
    EACH = "each", _("After each question")
    AFTER = "after", _("After submission")
    SCORE = "score", _("Score only")


class AnswerReveal(models.TextChoices):
    """When a learner may see the correct answers and explanations of a submitted attempt.

    Separate from ``FeedbackMode`` (which says whether "richtig/falsch" and points are shown
    per question): revealing the answers after a failed attempt with retries left makes the
    next attempt a formality.
    """

    NEVER = "never", _("Never")
    PASSED = "passed", _("After passing")
    EACH_ATTEMPT = "each_attempt", _("After each attempt")
    LAST_ATTEMPT = "last_attempt", _("After the last allowed attempt")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    TRUE_FALSE = "true_false", _("True or false")
    MULTIPLE = "multiple", _("Multiple choice")
    ESSAY = "essay", _("Essay (marked by a trainer)")
    SHORT_TEXT = "short_text", _("Short text answer")
    NUMERIC = "numeric", _("Numeric answer")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE}


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    PENDING = "pending", _("Waiting for marking")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")
