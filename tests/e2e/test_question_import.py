"""Importing questions into a Lernkontrolle in a real browser with axe (issue #15, item 2):
from the edit screen to the upload, the preview with its problems, and the confirmed draft;
the export buttons download files."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Quiz
from tests.e2e.conftest import check_page, visit
from tests.quizzes.factories import make_quiz
from tests.quizzes.test_admin import trainer

FIXTURE = Path(__file__).parent.parent / "quizzes" / "fixtures" / "alle_konstrukte.gift"


def test_trainer_imports_a_gift_file_with_preview(page, login):
    quiz = make_quiz(questions=1, title="Frühe Hilfen kompakt")
    quiz.save_revision().publish()
    login(trainer())
    visit(page, reverse("quizzes_admin:import_questions", args=[quiz.pk]), "question-import")
    page.locator("#id_file").set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("[data-import-summary]")).to_contain_text("14 von 15 Fragen")
    problems = page.locator("[data-import-problems]")
    expect(problems).to_contain_text("Kein Antwortblock")
    expect(problems).to_contain_text("wird noch nicht unterstützt")
    check_page(page, "question-import-preview")
    page.get_by_role("button", name="14 Fragen als Entwurf importieren").click()
    expect(page.locator(".messages")).to_contain_text("14 Fragen wurden einem Entwurf")
    quiz = Quiz.objects.get(pk=quiz.pk)
    assert quiz.live and quiz.has_unpublished_changes
    assert len(quiz.get_latest_revision_as_object().questions.all()) == 15
    assert quiz.questions.count() == 1  # learners still get the published version
    # The edit screen offers the import and both exports; the GIFT file holds all 15.
    export_url = reverse("quizzes_admin:export_questions", args=[quiz.pk, "gift"])
    # The header's "Aktionen" menu holds them; its content joins the page when opened.
    page.locator("header [data-w-dropdown-target=toggle]").first.click()
    expect(page.locator(f'a[href="{export_url}"]')).to_have_count(1)
    download = page.request.get(export_url)
    assert download.headers["content-disposition"].endswith(f'lernkontrolle-{quiz.pk}.txt"')
    assert download.text().count("::") >= 2 * 13
