"""Drawing and freezing the questions of a new attempt.

Snapshot layout (``Attempt.snapshot``)::

    {"version": 2, "quiz_id": 7, "title": "...", "questions": [
        {"key": 12,                 # Question pk at start (stable; the row may be gone later)
         "kind": "single",          # QuestionKind value
         "text": "<p>…</p>",        # rich text, database format: render with |richtext
         "image_id": 3, "image_url": "/media/…", "image_alt": "…",   # or None / "" / ""
         "points": "1.00", "category": "Recht" | None, "partial_credit": False,
         "choices": [{"id": 41, "token": "Xq3…", "text": "…", "is_correct": True}, …],
                                    # frozen (shuffled) order; "token": see choice_tokens
         "accepted_answers": ["…"], "numeric_answer": "3.5" | None, "tolerance": "0.1",
         "explanation": "<p>…</p>"},
        …]}
"""

import secrets

from django.db.models import Prefetch
from wagtail.images import get_image_model

from .models import Question, QuestionKind

IMAGE_SPEC = "max-1200x900"
_random = secrets.SystemRandom()


def pool_queryset(quiz):
    """The quiz's questions with everything freezing needs, in a fixed number of queries."""
    images = get_image_model().objects.prefetch_renditions(IMAGE_SPEC)
    return (
        Question.objects.filter(quiz=quiz)
        .select_related("category")
        .prefetch_related("choices", Prefetch("image", queryset=images))
        .order_by("sort_order", "pk")
    )


def draw(questions, *, max_questions, random_order):
    """The questions to ask: ``max_questions`` drawn at random (0 = all), then ordered."""
    chosen = list(questions)
    if 0 < max_questions < len(chosen):
        picked = set(_random.sample(range(len(chosen)), max_questions))
        chosen = [question for index, question in enumerate(chosen) if index in picked]
    if random_order:
        _random.shuffle(chosen)
    return chosen


def _image_url(question):
    if question.image is None:
        return None
    try:
        return question.image.get_rendition(IMAGE_SPEC).url
    except Exception:  # noqa: BLE001 - a missing image file must not stop an exam
        return None


TOKEN_BYTES = 9  # 72 random bits, 12 URL-safe characters


def choice_tokens(count):
    """``count`` distinct random tokens: the values a choice has in the browser.

    A choice's pk (or its authored position) would tell a learner which choice the trainer
    entered first, and trainers tend to enter the correct one first; a fresh random token
    per attempt and choice says nothing, and a token of one attempt is void in any other.
    """
    tokens = set()
    while len(tokens) < count:
        tokens.add(secrets.token_urlsafe(TOKEN_BYTES))
    return list(tokens)


def freeze_question(question, *, shuffle_choices):
    authored = list(question.choices.all())
    choices = [
        {"id": choice.pk, "token": token, "text": choice.text, "is_correct": choice.is_correct}
        for choice, token in zip(authored, choice_tokens(len(authored)), strict=True)
    ]
    # True/false keeps its authored order: "Wahr" before "Falsch" reads as expected.
    if shuffle_choices and question.kind != QuestionKind.TRUE_FALSE:
        _random.shuffle(choices)
    image_url = _image_url(question)
    return {
        "key": question.pk,
        "kind": question.kind,
        "text": question.text,
        "image_id": question.image_id if image_url else None,
        "image_url": image_url,
        "image_alt": question.image_alt if image_url else "",
        "points": str(question.points),
        "category": question.category.name if question.category else None,
        "partial_credit": question.partial_credit,
        "choices": choices,
        "accepted_answers": question.accepted_answer_list(),
        "numeric_answer": None if question.numeric_answer is None else str(question.numeric_answer),
        "tolerance": str(question.tolerance or 0),
        "explanation": question.explanation,
    }


def build_snapshot(quiz, questions):
    frozen = [freeze_question(q, shuffle_choices=quiz.shuffle_choices) for q in questions]
    return {"version": 2, "quiz_id": quiz.pk, "title": quiz.title, "questions": frozen}
