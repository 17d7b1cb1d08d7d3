"""The quiz editor in the Wagtail admin, in a real browser with axe (issue #15, item 5):
each question shows only the fields of its type, true/false brings its two answers, and a
draft with problems is saved and shows them as warnings."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Quiz
from tests.e2e.conftest import check_page, visit
from tests.quizzes.test_admin import trainer


def question_panels(page, number=0):
    prefix = f"questions-{number}"
    return {
        "choices": page.locator(
            f"[data-question-kinds]:has(#id_{prefix}-choices-TOTAL_FORMS)"
        ).first,
        "accepted": page.locator(f"[data-question-kinds]:has(#id_{prefix}-accepted_answers)"),
        "numeric": page.locator(f"[data-question-kinds]:has(#id_{prefix}-numeric_answer)"),
        "partial": page.locator(f"[data-question-kinds]:has(#id_{prefix}-partial_credit)"),
    }


@pytest.fixture
def one_request_at_a_time(settings):
    """Wagtail's editor sends background requests (autosave every 0.5 s, live preview,
    editing-session pings); on the test's in-memory SQLite they collide with the page's own
    requests ("database table is locked"). Off here: this test is about the form."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_AUTO_UPDATE_PREVIEW_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000


def test_question_form_follows_the_type_and_a_draft_shows_warnings(
    page, login, one_request_at_a_time
):
    login(trainer())
    visit(page, reverse("wagtailsnippets_quizzes_quiz:add"), "quiz-editor-new")
    page.locator("#id_title").fill("Kinderschutz im Jobcenter")
    page.locator("#id_questions-ADD").click()
    kind = page.locator("#id_questions-0-kind")
    expect(kind).to_be_visible()
    panels = question_panels(page)
    # Single choice (the default): answers visible, the other types' fields hidden.
    expect(panels["choices"]).to_be_visible()
    expect(panels["accepted"]).to_be_hidden()
    expect(panels["numeric"]).to_be_hidden()
    expect(panels["partial"]).to_be_hidden()
    # By keyboard: focus the type and choose "Numerische Antwort".
    kind.focus()
    kind.select_option("numeric")
    expect(panels["numeric"]).to_be_visible()
    expect(panels["choices"]).to_be_hidden()
    kind.select_option("short_text")
    expect(panels["accepted"]).to_be_visible()
    expect(panels["numeric"]).to_be_hidden()
    check_page(page, "quiz-editor-short-text")
    # True or false: the two answers come by themselves.
    kind.select_option("true_false")
    expect(panels["choices"]).to_be_visible()
    expect(page.locator("#id_questions-0-choices-0-text")).to_have_value("Richtig")
    expect(page.locator("#id_questions-0-choices-1-text")).to_have_value("Falsch")
    editor = page.locator("[data-field-input]:has(#id_questions-0-text) [contenteditable=true]")
    expect(editor).to_have_attribute("aria-labelledby", "id_questions-0-text-label")
    editor.click()
    page.keyboard.type("Das Jobcenter ist für Hilfen zur Erziehung zuständig.")
    # Draftail writes its content into the hidden input after a short pause.
    expect(page.locator("#id_questions-0-text")).to_have_value(re.compile("Jobcenter"))
    # Saved as a draft although no answer is marked correct: the warning says so.
    page.get_by_role("button", name=re.compile("Entwurf speichern")).first.click()
    warnings = page.locator("#questions-0-choices-publish-warnings")
    expect(warnings).to_contain_text("Markieren Sie genau eine Antwort als richtig.")
    quiz = Quiz.objects.get()
    assert not quiz.live
    assert [
        c.text for c in quiz.get_latest_revision_as_object().questions.first().choices.all()
    ] == [
        "Richtig",
        "Falsch",
    ]
    # After the reload the true-or-false question shows only its answers.
    expect(question_panels(page)["accepted"]).to_be_hidden()
    check_page(page, "quiz-editor-draft-warnings")
