"""Numbers trainers type in the quiz editor go through lms.inputs.parse_number.

Django's localized DecimalField read "10.000" in the German admin as 10 (the point is not
removed unless USE_THOUSAND_SEPARATOR): a silent misreading of the correct answer.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Question

from .test_admin import (  # noqa: F401 - trainer_client is a fixture
    EDIT,
    _publish,
    _question_errors,
    question,
    trainer_client,
)

pytestmark = pytest.mark.django_db


def test_german_decimals_are_read_as_meant(trainer_client):  # noqa: F811
    response = _publish(
        trainer_client,
        questions=[question("numeric", points="1,5", numeric_answer="1.234,5", tolerance="0,5")],
    )
    assert response.status_code == 302
    saved = Question.objects.get()
    assert (saved.points, saved.numeric_answer, saved.tolerance) == (
        Decimal("1.5"),
        Decimal("1234.5"),
        Decimal("0.5"),
    )


def test_an_ambiguous_correct_number_is_refused_at_the_field(trainer_client):  # noqa: F811
    response = _publish(trainer_client, questions=[question("numeric", numeric_answer="10.000")])
    assert response.status_code == 200
    errors = " ".join(_question_errors(response, "numeric_answer"))
    assert "nicht eindeutig" in errors and "10000" in errors
    assert not Question.objects.exists()


def test_the_editor_shows_numbers_german_style_in_text_boxes(trainer_client):  # noqa: F811
    _publish(
        trainer_client, questions=[question("numeric", numeric_answer="3,5", tolerance="0,25")]
    )
    quiz = Question.objects.get().quiz
    body = trainer_client.get(reverse(EDIT, args=[quiz.pk])).content.decode()
    assert 'value="3,5"' in body and 'value="0,25"' in body
    assert 'inputmode="decimal"' in body
