"""The frozen exam record: an ``Attempt`` copies everything it asks into ``snapshot`` at start, so
editing or deleting questions later never changes a past result; ``Response`` rows point into
that snapshot by ``position``."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import (
    AnswerReveal,
    AttemptStatus,
    FeedbackMode,
)
from ..feedback import AttemptFeedbackMixin
from .quiz import Navigation, Question, Quiz

# Answers that arrive this long after the deadline still count (network, a slow click).
DEADLINE_GRACE = timedelta(seconds=10)


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
