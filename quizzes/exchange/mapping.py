"""What a read question loses or cannot become on its way into today's quiz engine.

The readers keep everything a file says; this module lists, per question, why it cannot be
stored (kinds the engine cannot ask yet, values outside our fields' limits) or what detail
is lost (feedback per answer, a partly weighted answer simplified to right or wrong)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import QuestionKind
from .data import CLOZE, MATCHING, ORDERING, Problem
from .text import html_to_plain

CHOICE_MAX_CHARS = 500
LATER_KIND_LABELS = {
    MATCHING: gettext_lazy("Matching"),
    ORDERING: gettext_lazy("Ordering"),
    CLOZE: gettext_lazy("Cloze (gap fill)"),
}
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE)


def kind_label(kind):
    """The translated name of a question ``kind`` (ours or a later one)."""
    if kind in LATER_KIND_LABELS:
        return LATER_KIND_LABELS[kind]
    return QuestionKind(kind).label


def _blocking(question):
    if question.kind in LATER_KIND_LABELS:
        return _("The question type “%(kind)s” is not supported yet.") % {
            "kind": kind_label(question.kind)
        }
    if question.points <= 0:
        return _("A question is worth more than 0 points.")
    if question.points >= 10000 or question.points != round(question.points, 2):
        return _("The points must lie below 10,000 with at most two decimal places.")
    if question.kind in CHOICE_KINDS:
        if len(question.choices) < 2:
            return _("A choice question needs at least two answers.")
        if any(len(choice.text) > CHOICE_MAX_CHARS for choice in question.choices):
            return _("An answer is longer than %(count)s characters.") % {"count": CHOICE_MAX_CHARS}
    if question.kind == QuestionKind.NUMERIC:
        for value in (question.numeric_answer, question.tolerance):
            if abs(value) >= 10**11 or value != round(value, 4):
                return _("The number must lie below 100,000,000,000 with at most four decimals.")
    if not html_to_plain(question.text) and not question.images:
        return _("The question has no text.")
    return ""


def _notes(question):
    notes = []
    if any(choice.feedback for choice in question.choices):
        notes.append(_("Feedback on single answers is not kept (only the general feedback)."))
    fractions = [choice.fraction for choice in question.choices]
    if question.kind == QuestionKind.SINGLE and (
        fractions.count(100) != 1 or any(0 < fraction < 100 for fraction in fractions)
    ):
        notes.append(_("Partly right answers are simplified: only the best answer counts."))
    if question.kind == QuestionKind.MULTIPLE:
        right = [choice.fraction for choice in question.choices if choice.fraction > 0]
        if len(set(right)) > 1:
            notes.append(_("Different weights of the right answers are simplified to equal ones."))
    if len(question.images) > 1:
        notes.append(_("Only the first image is kept."))
    if question.images and not question.images[0].alt:
        notes.append(_("The image has no description (alt text): add one before publishing."))
    return notes


def mapping_problems(questions):
    """``Problem``s (in file order) for ``questions`` (``ExchangeQuestion``s) against today's
    Question model: ``skipped=True`` ones mean the question is not imported."""
    problems = []
    for question in questions:
        title = question.title or html_to_plain(question.text)[:80]
        reason = _blocking(question)
        if reason:
            problems.append(Problem(question.line, reason, title, skipped=True))
            continue
        problems += [
            Problem(question.line, note, title, skipped=False) for note in _notes(question)
        ]
    return problems


def importable(questions):
    """The ``questions`` that today's Question model can store."""
    return [question for question in questions if not _blocking(question)]
