"""Importing questions from a file into a quiz (re-exported by ``quizzes.services``).

Until the question bank exists, imported questions join one quiz. They never go live by
import: a published quiz gets a new draft revision (the learners keep the published version
until somebody publishes); a quiz that was never published gets the rows as well, like
Wagtail's own edit view saves a draft.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import QuizError
from .exchange import importable
from .exchange.orm import build_question
from .models import Quiz


@dataclass(frozen=True)
class ImportOutcome:
    """``count`` questions added; ``revision`` the draft revision that holds them."""

    count: int
    revision: object


def quiz_import_questions(*, quiz, questions, user=None):
    """Append the storable ones of ``questions`` (``ExchangeQuestion``s, in order) to ``quiz``
    as a draft, never publishing. ``user`` is recorded on the revision and the images.

    Returns an ``ImportOutcome``. Raises QuizError when none of ``questions`` can be stored.
    """
    storable = importable(questions)
    if not storable:
        raise QuizError(_("None of the questions in the file can be imported."))
    with transaction.atomic():
        locked = Quiz.objects.select_for_update().get(pk=quiz.pk)
        draft = locked.get_latest_revision_as_object() if locked.latest_revision_id else locked
        existing = list(draft.questions.all())
        start = max((question.sort_order or 0 for question in existing), default=-1) + 1
        categories = {}
        added = [
            build_question(exchanged, categories=categories, user=user, sort_order=start + index)
            for index, exchanged in enumerate(storable)
        ]
        draft.questions = existing + added
        if not locked.live:
            draft.save()
        revision = draft.save_revision(user=user, log_action=True)
    return ImportOutcome(len(added), revision)
