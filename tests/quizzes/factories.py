from decimal import Decimal

import factory

from quizzes.models import Choice, Question, QuestionCategory, QuestionKind, Quiz
from quizzes.scoring import choice_value


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Lernkontrolle {n}")
    pass_mark = 60
    live = True
    # Today's behaviour, which the older tests describe; test_answer_reveal covers the others.
    answer_reveal = "each_attempt"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kategorie {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"<p>Frage {n}</p>")
    points = Decimal("1")
    explanation = "<p>Weil es im Modul so steht.</p>"
    sort_order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Antwort {n}")
    is_correct = False
    sort_order = factory.Sequence(lambda n: n)


def add_question(quiz, kind=QuestionKind.SINGLE, **fields):
    """A question of ``kind`` with sensible answers: choice questions get 3 choices
    (single: first correct; multiple: first two correct), true/false gets Wahr (correct)/Falsch."""
    if kind == QuestionKind.SHORT_TEXT:
        fields.setdefault("accepted_answers", "SGB VIII\nAchtes Buch")
    if kind == QuestionKind.NUMERIC:
        fields.setdefault("numeric_answer", Decimal("3.5"))
        fields.setdefault("tolerance", Decimal("0.1"))
    question = QuestionFactory(quiz=quiz, kind=kind, **fields)
    if kind == QuestionKind.TRUE_FALSE:
        ChoiceFactory(question=question, text="Wahr", is_correct=True)
        ChoiceFactory(question=question, text="Falsch", is_correct=False)
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        correct = 2 if kind == QuestionKind.MULTIPLE else 1
        for index in range(3):
            ChoiceFactory(question=question, is_correct=index < correct)
    return question


def make_quiz(*, questions=5, kinds=(QuestionKind.SINGLE,), **fields):
    """A live quiz with ``questions`` questions cycling through ``kinds``."""
    quiz = QuizFactory(**fields)
    for index in range(questions):
        add_question(quiz, kinds[index % len(kinds)])
    return quiz


def correct_answer(question):
    """The answer that earns full marks for a frozen snapshot question."""
    kind = question["kind"]
    if kind in ("single", "true_false", "multiple"):
        return [choice_value(c) for c in question["choices"] if c["is_correct"]]
    if kind == "short_text":
        return question["accepted_answers"][0]
    if kind == "numeric":
        return question["numeric_answer"]
    return "Eine ausführliche Antwort."


def wrong_answer(question):
    kind = question["kind"]
    if kind in ("single", "true_false", "multiple"):
        return [next(choice_value(c) for c in question["choices"] if not c["is_correct"])]
    if kind == "short_text":
        return "falsch"
    if kind == "numeric":
        return "1000"
    return ""
