"""Importing question files into a quiz (service, admin pages, commands) and exporting a
quiz: never published by import, permissions, the preview, and export -> import."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail_factories import ImageFactory

from quizzes.exchange import read_gift, read_questions
from quizzes.exchange.orm import quiz_export
from quizzes.models import Question, QuestionKind, Quiz
from quizzes.services import QuizError, quiz_import_questions

from .factories import CategoryFactory, QuizFactory, add_question, make_quiz
from .test_admin import learner, manager, trainer

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
GIFT = (FIXTURES / "alle_konstrukte.gift").read_bytes()
XML = (FIXTURES / "alle_typen.xml").read_bytes()
EDIT = "wagtailsnippets_quizzes_quiz:edit"


def latest(quiz):
    quiz.refresh_from_db()
    return quiz.get_latest_revision_as_object()


def import_url(quiz):
    return reverse("quizzes_admin:import_questions", args=[quiz.pk])


# --- service ---------------------------------------------------------------------------------


def test_import_into_a_published_quiz_makes_a_draft_and_leaves_learners_version_alone():
    quiz = make_quiz(questions=2)
    quiz.save_revision().publish()
    outcome = quiz_import_questions(quiz=quiz, questions=read_questions(GIFT).questions)
    assert outcome.count == 14  # 15 read (2 broken ones are problems); matching not yet
    quiz.refresh_from_db()
    assert quiz.live and quiz.has_unpublished_changes
    assert quiz.questions.count() == 2  # what learners get is unchanged
    draft = latest(quiz)
    kinds = [question.kind for question in draft.questions.all()]
    assert len(kinds) == 16
    assert set(kinds[2:]) == {"single", "multiple", "true_false", "short_text", "numeric", "essay"}


def test_import_into_a_draft_quiz_saves_the_rows():
    quiz = QuizFactory(live=False)
    quiz_import_questions(quiz=quiz, questions=read_questions(XML).questions)
    quiz.refresh_from_db()
    assert not quiz.live
    stored = list(quiz.questions.order_by("sort_order"))
    assert [q.kind for q in stored] == [
        "single",
        "multiple",
        "true_false",
        "short_text",
        "numeric",
        "essay",
    ]
    single = stored[0]
    assert single.points == 2
    assert single.category.name == "Frühe Hilfen/Grundlagen"
    assert single.image is not None and single.image_alt == "Schaubild des Netzwerks"
    assert "<strong>" not in single.text and "<b>Frühe Hilfen</b>" in single.text
    assert "img" not in single.text
    assert [(c.text, c.is_correct) for c in single.choices.all()][0] == (
        "Die Netzwerkkoordination im Jugendamt",
        True,
    )
    assert stored[1].partial_credit is False
    assert (stored[4].numeric_answer, stored[4].tolerance) == (Decimal("3.5"), Decimal("0.5"))
    assert [q.kind for q in latest(quiz).questions.all()] == [q.kind for q in stored]


def test_imported_html_keeps_only_what_the_editor_allows():
    quiz = QuizFactory(live=False)
    questions = read_gift(
        '[html]<p onclick="alert(1)">Frage<script>alert(2)</script> <a href="javascript:x">'
        "Link</a></p><iframe src=//x></iframe>{=ja ~nein}"
    ).questions
    quiz_import_questions(quiz=quiz, questions=questions)
    text = quiz.questions.get().text
    assert "alert" not in text and "javascript" not in text and "iframe" not in text
    assert "Frage" in text


def test_a_file_without_storable_questions_is_refused():
    quiz = QuizFactory(live=False)
    with pytest.raises(QuizError):
        quiz_import_questions(quiz=quiz, questions=read_gift("{=a -> b =c -> d}").questions)
    assert not quiz.questions.exists()


KINDS = [
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.SHORT_TEXT,
    QuestionKind.NUMERIC,
    QuestionKind.ESSAY,
]


def comparable(question):
    choices = [(c.text, c.is_correct) for c in question.choices.all()]
    if question.kind == QuestionKind.TRUE_FALSE:
        choices = [correct for _text, correct in choices]  # labels become Richtig / Falsch
    return (
        question.kind,
        question.text.split(">", 1)[1],  # without the editor's random block key
        question.points,
        question.explanation.split(">", 1)[1] if question.explanation else "",
        question.category.name if question.category else "",
        question.partial_credit,
        question.accepted_answer_list(),
        question.numeric_answer,
        question.tolerance,
        choices,
    )


@pytest.mark.parametrize("file_format", ["gift", "xml"])
def test_export_then_import_gives_the_same_questions(file_format):
    source = QuizFactory(live=False)
    category = CategoryFactory(name="Kinderschutz")
    for index, kind in enumerate(KINDS):
        add_question(
            source,
            kind,
            points=Decimal(index + 1) / 2,
            category=category if index % 2 else None,
            partial_credit=kind == QuestionKind.MULTIPLE,
            text=f"<p>Frage {index}: Was gilt nach <b>§ 8a</b> SGB VIII? {{Klammer}} = ~ #</p>",
        )
    source.save_revision()
    target = QuizFactory(live=False)
    quiz_import_questions(
        quiz=target, questions=read_questions(quiz_export(source, file_format)).questions
    )
    before = [comparable(q) for q in source.questions.order_by("sort_order")]
    after = [comparable(q) for q in target.questions.order_by("sort_order")]
    assert after == before


def test_export_carries_the_image_in_moodle_xml():
    quiz = QuizFactory(live=False)
    add_question(quiz, image=ImageFactory(), image_alt="Ein Netzwerkbild")
    quiz.save_revision()
    again = read_questions(quiz_export(quiz, "xml")).questions[0]
    assert again.images[0].alt == "Ein Netzwerkbild"
    assert len(again.images[0].data) > 0


# --- admin -----------------------------------------------------------------------------------


def upload(client, quiz, data, name="fragen.txt"):
    return client.post(import_url(quiz), {"file": SimpleUploadedFile(name, data)})


def test_trainer_previews_then_imports_as_draft(client, django_assert_max_num_queries):
    quiz = make_quiz(questions=1)
    quiz.save_revision().publish()
    client.force_login(trainer())
    assert client.get(import_url(quiz)).status_code == 200
    with django_assert_max_num_queries(15):
        preview = upload(client, quiz, XML, "moodle.xml")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Einfachauswahl" in page and "Die Netzwerkkoordination im Jugendamt" in page
    assert ">112<" in page  # the calculated question's line, with its reason
    assert Question.objects.filter(quiz=quiz).count() == 1  # nothing saved by the preview
    assert not latest(quiz).has_unpublished_changes
    token = preview.context["token"]
    done = client.post(import_url(quiz), {"token": token})
    assert done.status_code == 302 and done.url == reverse(EDIT, args=[quiz.pk])
    quiz.refresh_from_db()
    assert quiz.live and quiz.has_unpublished_changes
    assert len(latest(quiz).questions.all()) == 7
    # The stashed file is gone: confirming twice imports nothing more.
    again = client.post(import_url(quiz), {"token": token})
    assert again.status_code == 400
    assert len(latest(quiz).questions.all()) == 7


def test_unreadable_file_is_a_message_at_the_field(client):
    quiz = make_quiz(questions=1)
    client.force_login(trainer())
    response = upload(client, quiz, b"PK\x03\x04 docx")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_a_forged_or_foreign_token_imports_nothing(client):
    quiz = make_quiz(questions=1)
    other = trainer()
    client.force_login(other)
    token = upload(client, quiz, GIFT).context["token"]
    client.force_login(trainer())
    assert client.post(import_url(quiz), {"token": token}).status_code == 400
    assert client.post(import_url(quiz), {"token": "kaputt"}).status_code == 400
    assert Question.objects.filter(quiz=quiz).count() == 1


@pytest.mark.parametrize("role", [learner, manager])
def test_people_who_may_not_edit_quizzes_can_neither_import_nor_export(client, role):
    quiz = make_quiz(questions=1)
    client.force_login(role())
    assert upload(client, quiz, GIFT).status_code in (302, 403)
    for file_format in ("gift", "xml"):
        url = reverse("quizzes_admin:export_questions", args=[quiz.pk, file_format])
        assert client.get(url).status_code in (302, 403)
    assert Client().get(import_url(quiz)).status_code == 302  # to the login


def test_export_downloads_and_buttons(client):
    quiz = make_quiz(questions=2)
    client.force_login(trainer())
    edit = client.get(reverse(EDIT, args=[quiz.pk])).content.decode()
    assert import_url(quiz) in edit
    response = client.get(reverse("quizzes_admin:export_questions", args=[quiz.pk, "gift"]))
    assert response["Content-Disposition"] == f'attachment; filename="lernkontrolle-{quiz.pk}.txt"'
    assert len(read_gift(response.content.decode()).questions) == 2
    xml = client.get(reverse("quizzes_admin:export_questions", args=[quiz.pk, "xml"]))
    assert len(read_questions(xml.content).questions) == 2
    assert (
        client.get(reverse("quizzes_admin:export_questions", args=[quiz.pk, "pdf"])).status_code
        == 404
    )


# --- commands --------------------------------------------------------------------------------


def test_import_command_dry_run_lists_questions_and_problems(tmp_path):
    quiz = QuizFactory(live=False)
    path = tmp_path / "fragen.gift"
    path.write_bytes(GIFT)
    out = StringIO()
    call_command("import_questions", str(path), quiz=quiz.pk, dry_run=True, stdout=out)
    text = out.getvalue()
    assert "Einfachauswahl" in text and "!    69" in text
    assert not quiz.questions.exists()
    call_command("import_questions", str(path), quiz=quiz.pk, stdout=StringIO())
    assert quiz.questions.count() == 14
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), quiz=999999, stdout=StringIO())


def test_export_command_with_category(tmp_path):
    quiz = QuizFactory(live=False)
    category = CategoryFactory(name="Kinderschutz")
    add_question(quiz, category=category)
    add_question(quiz)
    out = StringIO()
    call_command(
        "export_questions", quiz=quiz.pk, format="gift", category="Kinderschutz", stdout=out
    )
    assert len(read_gift(out.getvalue()).questions) == 1
    target = tmp_path / "fragen.xml"
    call_command("export_questions", quiz=quiz.pk, format="xml", output=str(target))
    assert len(read_questions(target.read_bytes()).questions) == 2
    with pytest.raises(CommandError):
        call_command("export_questions", quiz=quiz.pk, category="Gibt es nicht")
    assert Quiz.objects.count() == 1
