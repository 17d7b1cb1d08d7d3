"""Building blocks for demo Lernkontrollen: compact question builders and an idempotent
``ensure_quiz`` that creates a published quiz from them.

The quiz engine knows nothing about courses: the demo texts live with the course that uses
them (``courses/demo_content/module_*.py``), which also links each quiz to its module.
"""

from decimal import Decimal

from django.db import transaction

from .models import Choice, Question, QuestionCategory, QuestionKind, Quiz

SUCCESS = (
    "<p>Bestanden – gut gemacht! Lesen Sie die Erläuterungen zu den Fragen, bei denen Sie "
    "unsicher waren.</p>"
)
FAIL = (
    "<p>Diesmal hat es noch nicht gereicht. Lesen Sie die markierten Abschnitte im Modul "
    "noch einmal und versuchen Sie es dann erneut.</p>"
)


def _p(text):
    return f"<p>{text}</p>"


def single(text, correct, wrong, why, category=None):
    choices = [(correct, True)] + [(choice, False) for choice in wrong]
    return {
        "kind": QuestionKind.SINGLE,
        "text": text,
        "choices": choices,
        "why": why,
        "category": category,
    }


def true_false(text, is_true, why, category=None):
    choices = [("Richtig", is_true), ("Falsch", not is_true)]
    return {
        "kind": QuestionKind.TRUE_FALSE,
        "text": text,
        "choices": choices,
        "why": why,
        "category": category,
    }


def multiple(text, correct, wrong, why, category=None, partial=True):
    choices = [(choice, True) for choice in correct] + [(choice, False) for choice in wrong]
    return {
        "kind": QuestionKind.MULTIPLE,
        "text": text,
        "choices": choices,
        "why": why,
        "category": category,
        "partial_credit": partial,
        "points": Decimal("2"),
    }


def short(text, answers, why, category=None):
    return {
        "kind": QuestionKind.SHORT_TEXT,
        "text": text,
        "accepted_answers": "\n".join(answers),
        "why": why,
        "category": category,
    }


def numeric(text, number, why, tolerance="0", category=None):
    return {
        "kind": QuestionKind.NUMERIC,
        "text": text,
        "numeric_answer": Decimal(number),
        "tolerance": Decimal(tolerance),
        "why": why,
        "category": category,
    }


def essay(text, why, category=None):
    return {
        "kind": QuestionKind.ESSAY,
        "text": text,
        "why": why,
        "category": category,
        "points": Decimal("4"),
    }


@transaction.atomic
def ensure_quiz(content):
    """The quiz titled ``content["title"]``; created and published with its questions only
    when no quiz has that title yet (so a trainer's edits are never overwritten)."""
    quiz = Quiz.objects.filter(title=content["title"]).first()
    if quiz is not None:
        return quiz, False
    quiz = Quiz.objects.create(
        title=content["title"],
        description=_p(
            "Prüfen Sie Ihr Wissen zum Modul. Sie können die Lernkontrolle so oft "
            "wiederholen, wie Sie möchten."
        ),
        pass_mark=60,
        shuffle_choices=True,
        success_text=SUCCESS,
        fail_text=FAIL,
        live=True,
    )
    for order, data in enumerate(content["questions"]):
        category = None
        if data["category"]:
            category = QuestionCategory.objects.get_or_create(name=data["category"])[0]
        question = Question.objects.create(
            quiz=quiz,
            sort_order=order,
            kind=data["kind"],
            text=_p(data["text"]),
            explanation=_p(data["why"]),
            category=category,
            points=data.get("points", Decimal("1")),
            partial_credit=data.get("partial_credit", False),
            accepted_answers=data.get("accepted_answers", ""),
            numeric_answer=data.get("numeric_answer"),
            tolerance=data.get("tolerance", Decimal("0")),
        )
        for choice_order, (text, is_correct) in enumerate(data.get("choices", [])):
            Choice.objects.create(
                question=question, sort_order=choice_order, text=text, is_correct=is_correct
            )
    # A published revision, as if a trainer had pressed "Publish": the history starts here.
    quiz.save_revision().publish()
    return quiz, True
