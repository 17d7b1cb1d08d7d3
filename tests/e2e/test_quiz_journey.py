"""A learner takes a module's Lernkontrolle in a real browser, with axe on every page.

Button names are matched in German and English: the quiz UI's German msgstrs are merged into
the shared catalogue by the lead (see /work/notes/quizzes_ui.tsv).
"""

import re
from datetime import timedelta
from decimal import Decimal

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from courses import services as course_services
from courses.models import CompletionRule, ModuleCompletion
from quizzes.models import Attempt, AttemptStatus, FeedbackMode, QuestionKind
from tests.e2e.conftest import TIMEOUT_MS, check_page, visit
from tests.factories import UserFactory, make_course
from tests.quizzes.factories import ChoiceFactory, QuestionFactory, QuizFactory


def name(*words):
    return re.compile("|".join(re.escape(word) for word in words))


START = name("Lernkontrolle starten", "Start the Lernkontrolle")
CONTINUE = name("Lernkontrolle fortsetzen", "Fortsetzen", "Continue")
NEXT = name("Weiter", "Nächste", "Next")
REVIEW = name("Zur Abgabe", "Prüfen und abgeben", "Review and submit")
SUBMIT = name("Lernkontrolle abgeben", "Submit the Lernkontrolle")
SAVED = re.compile(r"(Gespeichert|Saved) \d\d:\d\d")
# Autosave waits for a server answer; a bound for a busy machine (tests/e2e/conftest.py).
NETWORK = TIMEOUT_MS


def jobcenter_quiz(**fields):
    fields.setdefault("feedback_mode", FeedbackMode.AFTER)
    quiz = QuizFactory(title="Kooperation Jugendhilfe und Jobcenter", pass_mark=60, **fields)
    single = QuestionFactory(
        quiz=quiz,
        text="<p>Wer ist für die Hilfe zur Erziehung zuständig?</p>",
        explanation="<p>Das Jugendamt nach SGB VIII.</p>",
    )
    ChoiceFactory(question=single, text="Das Jugendamt", is_correct=True)
    ChoiceFactory(question=single, text="Das Finanzamt")
    true_false = QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.TRUE_FALSE,
        text="<p>Das Jobcenter darf Daten ohne Einwilligung weitergeben.</p>",
    )
    ChoiceFactory(question=true_false, text="Wahr")
    ChoiceFactory(question=true_false, text="Falsch", is_correct=True)
    QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.NUMERIC,
        text="<p>Wie viele Bücher hat das SGB?</p>",
        numeric_answer=Decimal("14"),
    )
    return quiz


def module_with(quiz, title):
    course = make_course(
        modules=1,
        title=title,
        module_kwargs={"quiz": quiz, "completion_rule": CompletionRule.QUIZ},
    )
    return course, course.modules().first()


def quiz_script_ready(page):
    """Wait until quiz.js (a deferred script) listens: before that, a typed answer or a
    ticked choice is not autosaved, and on a busy machine that moment comes late."""
    expect(page.locator("form[data-quiz-form]")).to_have_attribute(
        "data-quiz-ready", "true", timeout=NETWORK
    )


def autosave_response(page, containing=""):
    """Context manager: the response of the autosave request the block triggers (the one
    that sends ``containing``, when a save may also fire half-way through typing)."""

    def is_it(response):
        request = response.request
        return (
            request.method == "POST"
            and "/speichern/" in response.url
            and containing in (request.post_data or "")
        )

    return page.expect_response(is_it, timeout=NETWORK)


def type_number(page, number):
    """Type and leave the field, and wait for its autosave: a save still running when the
    next button posts the form races it (SQLite in the live server says "table is locked")."""
    field = page.get_by_label(name("Ihre Antwort (Zahl)", "Your answer (number)"))
    field.fill(number)
    with autosave_response(page, containing=number) as saved:
        field.blur()
    assert saved.value.ok


def answer_and_go_on(page, *, choice=None, number=None, last=False):
    quiz_script_ready(page)
    if choice:
        page.get_by_label(choice, exact=True).check()
        expect(page.locator("#quiz-save-status")).to_have_text(
            SAVED, timeout=NETWORK
        )  # autosave (fetch)
    if number:
        type_number(page, number)
    # Wait for the next page: the old one also says "ready", so waiting for that alone could
    # pass before the next question has loaded and its script listens.
    with page.expect_navigation():
        page.get_by_role("button", name=REVIEW if last else NEXT).click()


def test_learner_fails_waits_and_passes_and_the_module_is_complete(page, login):
    learner = UserFactory()
    quiz = jobcenter_quiz(wait_minutes=30)
    course, module = module_with(quiz, "Kooperation im Einzelfall")
    course_services.enrolment_create(user=learner, course=course)
    login(learner)

    visit(page, module.url, "quiz-module-before")
    page.get_by_role("link", name=START).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    check_page(page, "quiz-start")
    page.get_by_role("button", name=START).click()

    # Attempt 1: wrong, wrong, right -> 1 of 3 points (33 %), not passed.
    expect(page.get_by_role("group", name=re.compile("Hilfe zur Erziehung"))).to_be_visible()
    check_page(page, "quiz-question-choice")
    answer_and_go_on(page, choice="Das Finanzamt")
    answer_and_go_on(page, choice="Wahr")
    quiz_script_ready(page)
    type_number(page, "14")
    expect(
        page.get_by_label(name("Ihre Antwort (Zahl)", "Your answer (number)"))
    ).to_have_attribute("inputmode", "decimal")
    check_page(page, "quiz-question-number")
    page.get_by_role("button", name=REVIEW).click()
    expect(page.get_by_role("button", name=SUBMIT)).to_be_visible()  # the confirm page
    check_page(page, "quiz-confirm")
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.locator(".result-score")).to_have_text(name("Nicht bestanden", "Not passed"))
    expect(page.get_by_text("Das Jugendamt nach SGB VIII.")).to_be_visible()  # after submission
    check_page(page, "quiz-result-failed")

    # The waiting time: the start page says when; then half an hour passes (in the database).
    # The result page has no start button either: wait for the overview itself.
    with page.expect_navigation():
        page.get_by_role(
            "link", name=name("Übersicht der Lernkontrolle", "Lernkontrolle overview")
        ).click()
    expect(page.get_by_role("button", name=START)).to_have_count(0)
    expect(page.locator(".box--warning")).to_contain_text(re.compile(r"\d\d\.\d\d\.\d{4}"))
    check_page(page, "quiz-start-waiting")
    first = Attempt.objects.get(user=learner)
    Attempt.objects.filter(pk=first.pk).update(submitted_at=first.submitted_at - timedelta(hours=1))
    page.reload()

    # Attempt 2: all right -> passed; the module completes through attempt_passed.
    page.get_by_role("button", name=START).click()
    answer_and_go_on(page, choice="Das Jugendamt")
    answer_and_go_on(page, choice="Falsch")
    answer_and_go_on(page, number="14", last=True)
    expect(
        page.get_by_text(name("alle Fragen beantwortet", "answered every question"))
    ).to_be_visible()
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.locator(".result-score")).to_have_text(name("Bestanden", "Passed"))
    check_page(page, "quiz-result-passed")
    assert Attempt.objects.get(user=learner, number=2).status == AttemptStatus.PASSED
    assert ModuleCompletion.objects.filter(
        user=learner, module=module, via=ModuleCompletion.Via.QUIZ
    ).exists()

    visit(page, module.url, "quiz-module-complete")
    expect(page.locator(".badge--done").first).to_be_visible()
    visit(page, "/lernkontrollen/", "quiz-history")
    expect(page.get_by_role("row")).to_have_count(3)  # header + two attempts


def tab_to(page, locator, presses=60):
    for _press in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_keyboard_only_through_a_quiz(page, login):
    learner = UserFactory()
    quiz = QuizFactory(title="Tastatur-Lernkontrolle", pass_mark=100, time_limit_minutes=30)
    single = QuestionFactory(quiz=quiz, text="<p>Welche Stelle bewilligt Bürgergeld?</p>")
    ChoiceFactory(question=single, text="Das Jobcenter", is_correct=True)
    ChoiceFactory(question=single, text="Die Familienkasse")
    QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.SHORT_TEXT,
        text="<p>Welches Buch regelt die Jugendhilfe?</p>",
        accepted_answers="SGB VIII\nAchtes Buch",
    )
    course, module = module_with(quiz, "Tastaturkurs")
    course_services.enrolment_create(user=learner, course=course)
    login(learner)

    visit(page, f"/lernkontrollen/{quiz.pk}/", "quiz-start-keyboard")
    start = page.get_by_role("button", name=START)
    tab_to(page, start)
    page.keyboard.press("Enter")

    # The question page puts focus on its heading; Tab reaches the first choice, Space picks it.
    first_choice = page.get_by_label("Das Jobcenter", exact=True)
    expect(page.locator("#quiz-heading")).to_be_focused()
    expect(page.locator(".quiz-clock")).to_contain_text(re.compile(r"\d\d:\d\d"))
    check_page(page, "quiz-question-timed")
    tab_to(page, first_choice)
    page.keyboard.press("Space")
    expect(first_choice).to_be_checked()
    next_button = page.get_by_role("button", name=NEXT)
    tab_to(page, next_button)
    page.keyboard.press("Enter")

    answer = page.get_by_label(name("Ihre Antwort", "Your answer"))
    tab_to(page, answer)
    quiz_script_ready(page)
    # The pause after typing autosaves; let it finish before Enter posts the form (a race).
    with autosave_response(page, containing="sgb viii") as saved:
        page.keyboard.type("sgb viii")
    assert saved.value.ok
    page.keyboard.press("Enter")  # the form's default button goes forward, to the review
    submit = page.get_by_role("button", name=SUBMIT)
    tab_to(page, submit)
    page.keyboard.press("Enter")
    expect(page.locator(".result-score")).to_have_text(name("Bestanden", "Passed"))
    check_page(page, "quiz-result-keyboard")


def test_autosave_refuses_a_bad_number_and_the_timer_speaks_rarely(page, login):
    learner = UserFactory()
    quiz = QuizFactory(title="Zeit und Zahlen", time_limit_minutes=30)
    QuestionFactory(
        quiz=quiz,
        kind=QuestionKind.NUMERIC,
        text="<p>Wie viele Bücher hat das SGB?</p>",
        numeric_answer=Decimal("14"),
    )
    course, _module = module_with(quiz, "Zahlenkurs")
    course_services.enrolment_create(user=learner, course=course)
    login(learner)
    page.clock.install()
    visit(page, f"/lernkontrollen/{quiz.pk}/", "quiz-start-timed")
    page.get_by_role("button", name=START).click()

    number = page.get_by_label(name("Ihre Antwort (Zahl)", "Your answer (number)"))
    quiz_script_ready(page)  # else the change below may come before anyone listens
    number.fill("vierzehn")
    with autosave_response(page) as refused:
        number.blur()  # "change": autosave posts, the server answers 400
    assert refused.value.status == 400
    error = page.locator("#question-0-error")
    expect(error).to_be_visible(timeout=NETWORK)
    expect(page.locator("#question-0")).to_have_attribute(
        "aria-describedby", re.compile("question-0-error")
    )
    expect(number).to_be_focused()  # back to the field that needs fixing
    expect(number).to_have_attribute("aria-describedby", "question-0-error")
    expect(number).to_have_accessible_description(name("Zahl", "number"))
    check_page(page, "quiz-question-autosave-error")
    assert Attempt.objects.get(user=learner).responses.get().answer is None

    number.fill("14,0")
    with autosave_response(page) as accepted:
        number.blur()
    assert accepted.value.status == 200
    expect(page.locator("#quiz-save-status")).to_have_text(SAVED, timeout=NETWORK)
    expect(error).to_be_hidden()
    assert Attempt.objects.get(user=learner).responses.get().answer == "14"

    # Nothing is announced until ten minutes are left, then once.
    announcement = page.locator("#quiz-time-announcement")
    expect(announcement).to_have_text("")
    page.clock.run_for("19:00")
    expect(announcement).to_have_text("")
    page.clock.run_for("01:05")
    expect(announcement).to_contain_text("10")

    # Time is up (server and browser): after the grace period the page goes to the server,
    # which submits with what was saved, and the learner lands on the result.
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        page.clock.run_for("11:00")
        expect(page).to_have_url(re.compile(r"/ergebnis/$"))
        expect(page.locator("#time-up-note")).to_contain_text(
            name("Zeit war abgelaufen", "time was up")
        )
        check_page(page, "quiz-result-time-up")
    attempt = Attempt.objects.get(user=learner)
    assert attempt.status == AttemptStatus.PASSED  # 14 was right and saved in time
    assert attempt.submitted_at == attempt.deadline


def test_feedback_after_each_question_gets_the_focus(page, login):
    learner = UserFactory()
    quiz = jobcenter_quiz(feedback_mode=FeedbackMode.EACH)
    course, _module = module_with(quiz, "Rückmeldungskurs")
    course_services.enrolment_create(user=learner, course=course)
    login(learner)
    visit(page, f"/lernkontrollen/{quiz.pk}/", "quiz-start-each")
    page.get_by_role("button", name=START).click()
    page.get_by_label("Das Finanzamt", exact=True).check()
    page.get_by_role("button", name=name("Antwort prüfen", "Check answer")).click()
    feedback = page.locator("#feedback-0")
    expect(feedback).to_be_focused()
    expect(feedback).to_contain_text("Das Jugendamt nach SGB VIII.")
    expect(page.get_by_label("Das Finanzamt", exact=True)).to_be_disabled()  # final now
    check_page(page, "quiz-question-feedback")


def test_every_question_type_on_one_page_passes_axe(page, login):
    from quizzes.models import Navigation
    from tests.quizzes.factories import add_question

    learner = UserFactory()
    quiz = QuizFactory(title="Alle Fragetypen", navigation=Navigation.ALL_ON_ONE_PAGE)
    for kind in QuestionKind.values:
        add_question(quiz, kind)
    add_question(quiz, text="<p>Wer gehört dazu?</p><ul><li>Jugendamt</li><li>Jobcenter</li></ul>")
    course, _module = module_with(quiz, "Fragetypen")
    course_services.enrolment_create(user=learner, course=course)
    login(learner)
    visit(page, f"/lernkontrollen/{quiz.pk}/", "quiz-start-all-types")
    page.get_by_role("button", name=START).click()
    expect(page.locator("fieldset.question")).to_have_count(len(QuestionKind.values) + 1)
    expect(page.get_by_role("group", name=re.compile("Wer gehört dazu"))).to_be_visible()
    check_page(page, "quiz-all-types-one-page")
    page.get_by_role("button", name=REVIEW).click()
    expect(page.locator(".box--warning li")).to_have_count(len(QuestionKind.values) + 1)
    check_page(page, "quiz-confirm-unanswered")
