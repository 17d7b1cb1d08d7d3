"""The learner's quiz pages through the Django test client (no JavaScript: plain form posts)."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from quizzes.access import QuizAccessPolicy
from quizzes.models import Attempt, AttemptStatus, FeedbackMode, Navigation, QuestionKind
from quizzes.scoring import choice_values
from tests.factories import UserFactory

from .factories import add_question, correct_answer, make_quiz, wrong_answer

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
ALL_KINDS = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.SHORT_TEXT,
    QuestionKind.NUMERIC,
)


class RefusingPolicy(QuizAccessPolicy):
    def refusal(self, user, quiz):
        return "Bitte schreiben Sie sich zuerst in die Fortbildung ein."

    def return_url(self, user, quiz):
        return "/fortbildungen/modul-1/"


@pytest.fixture(autouse=True)
def _any_learner_may(settings):
    # The engine's default policy: these tests are about the quiz pages, not enrolment.
    settings.QUIZZES_ACCESS_POLICY = "quizzes.access.QuizAccessPolicy"


@pytest.fixture
def client_for(client):
    def _client_for(user):
        client.force_login(user)
        return client

    return _client_for


def start(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(quiz=quiz, status=AttemptStatus.OPEN)


def field(position, value):
    return {f"answer-{position}": value if isinstance(value, list) else [value]}


def page_url(attempt, number):
    return reverse("quizzes:question", args=[attempt.public_id, number])


def saved_answers(attempt):
    """The saved answers as the browser posts them (choices: their per-attempt values)."""
    rows = attempt.responses.order_by("position").values_list("position", "answer")
    return [
        choice_values(attempt.questions[position], answer) if isinstance(answer, list) else answer
        for position, answer in rows
    ]


# --- start page ---------------------------------------------------------------------------------


def test_start_page_shows_rules_history_and_starts_with_a_post(client_for, learner):
    quiz = make_quiz(questions=3, pass_mark=70, max_attempts=3, time_limit_minutes=15)
    client = client_for(learner)
    url = reverse("quizzes:start", args=[quiz.pk])
    page = client.get(url).content.decode()
    assert quiz.title in page and "70" in page and "15" in page
    assert f'<form method="post" action="{url}">' in page
    with time_machine.travel(START, tick=False):
        response = client.post(url)
        attempt = Attempt.objects.get(user=learner, quiz=quiz)
        # One question per page: straight to the first question (no detour, issue 13).
        assert response.url == page_url(attempt, 1)
        page = client.get(url).content.decode()
    assert "22.11.2026 10:00" in page  # the attempt history, German date
    assert "2 of 3" in page or "2 von 3" in page  # attempts left


def test_a_get_never_starts_an_attempt(client_for, learner):
    quiz = make_quiz()
    client_for(learner).get(reverse("quizzes:start", args=[quiz.pk]))
    assert not Attempt.objects.exists()


def test_refused_learner_gets_403_with_the_reason_and_the_way_back(client_for, learner, settings):
    settings.QUIZZES_ACCESS_POLICY = "tests.quizzes.test_views.RefusingPolicy"
    quiz = make_quiz()
    client = client_for(learner)
    for response in (
        client.get(reverse("quizzes:start", args=[quiz.pk])),
        client.post(reverse("quizzes:start", args=[quiz.pk])),
    ):
        assert response.status_code == 403
        page = response.content.decode()
        assert "Bitte schreiben Sie sich zuerst" in page and "/fortbildungen/modul-1/" in page
    assert not Attempt.objects.exists()


def test_draft_quiz_is_refused(client_for, learner):
    quiz = make_quiz(live=False)
    assert client_for(learner).get(reverse("quizzes:start", args=[quiz.pk])).status_code == 403


def test_login_required_everywhere(client, learner):
    quiz = make_quiz()
    client.force_login(learner)
    attempt = start(client, quiz)
    client.logout()
    for url in attempt_urls(attempt) + [
        reverse("quizzes:mine"),
        reverse("quizzes:start", args=[quiz.pk]),
    ]:
        response = client.post(url) if url.endswith(("abgeben/", "speichern/")) else client.get(url)
        assert response.status_code == 302 and "/konto/" in response.url, url


def test_service_refusal_shows_its_message_on_the_start_page(client_for, learner):
    quiz = make_quiz(questions=1, max_attempts=1)
    client = client_for(learner)
    attempt = start(client, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    page = client.get(reverse("quizzes:start", args=[quiz.pk])).content.decode()
    assert "Lernkontrolle starten" not in page and "Start the Lernkontrolle" not in page
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "message--error" in response.content.decode()
    assert Attempt.objects.count() == 1


# --- ownership ----------------------------------------------------------------------------------


def attempt_urls(attempt):
    key = attempt.public_id
    return [
        reverse("quizzes:take", args=[key]),
        page_url(attempt, 1),
        reverse("quizzes:save", args=[key, 1]),
        reverse("quizzes:confirm", args=[key]),
        reverse("quizzes:submit", args=[key]),
        reverse("quizzes:result", args=[key]),
    ]


@pytest.mark.parametrize("staff", [False, True])
def test_someone_elses_attempt_is_404_for_everyone_also_staff(client, learner, staff):
    quiz = make_quiz()
    client.force_login(learner)
    attempt = start(client, quiz)
    question = attempt.questions[0]
    other = UserFactory(is_staff=staff, is_superuser=staff)
    client.force_login(other)
    for url in attempt_urls(attempt):
        # 405 where the method is wrong, whoever asks: it tells nothing about the attempt.
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, field(0, correct_answer(question)[0])).status_code in (404, 405)
    attempt.refresh_from_db()
    assert attempt.is_open and saved_answers(attempt)[0] is None


# --- answering without JavaScript ---------------------------------------------------------------


def test_no_js_walk_through_next_back_save_confirm_submit_result(client_for, learner):
    quiz = make_quiz(questions=3, pass_mark=60)
    client = client_for(learner)
    attempt = start(client, quiz)
    q = attempt.questions
    page = client.get(page_url(attempt, 1)).content.decode()
    assert "<fieldset" in page and "<legend>" in page and 'type="radio"' in page
    # Weiter posts the answer and moves on.
    response = client.post(
        page_url(attempt, 1), {**field(0, correct_answer(q[0])), "action": "next"}
    )
    assert response.url == page_url(attempt, 2)
    # Speichern stays, with a "saved" message.
    response = client.post(
        page_url(attempt, 2), {**field(1, wrong_answer(q[1])), "action": "save"}, follow=True
    )
    assert re.search(r"(Saved|Gespeichert) \d\d:\d\d", response.content.decode())
    # Zurück posts too (changing the answer) and goes back.
    response = client.post(
        page_url(attempt, 2), {**field(1, correct_answer(q[1])), "action": "back"}
    )
    assert response.url == page_url(attempt, 1)
    # The index buttons post and jump.
    response = client.post(page_url(attempt, 1), {**field(0, correct_answer(q[0])), "goto": "3"})
    assert response.url == page_url(attempt, 3)
    response = client.post(page_url(attempt, 3), {"action": "review"})
    assert response.url == reverse("quizzes:confirm", args=[attempt.public_id])
    assert saved_answers(attempt)[:2] == [correct_answer(q[0]), correct_answer(q[1])]
    confirm = client.get(response.url).content.decode()
    assert "2" in confirm and page_url(attempt, 3) in confirm  # lists question 3 as unanswered
    assert page_url(attempt, 1) not in confirm
    response = client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    assert response.url == reverse("quizzes:result", args=[attempt.public_id])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED
    result = client.get(response.url).content.decode()
    assert "66,67" in result  # 2 of 3 points, German decimals


def test_all_on_one_page_saves_every_answer_in_one_post(client_for, learner):
    quiz = make_quiz(questions=5, kinds=ALL_KINDS, navigation=Navigation.ALL_ON_ONE_PAGE)
    client = client_for(learner)
    attempt = start(client, quiz)
    url = reverse("quizzes:take", args=[attempt.public_id])
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == 5 and 'inputmode="decimal"' in page
    data = {"action": "review"}
    for position, question in enumerate(attempt.questions):
        answer = correct_answer(question)
        data.update(field(position, "3,5" if question["kind"] == "numeric" else answer))
    response = client.post(url, data)
    assert response.url == reverse("quizzes:confirm", args=[attempt.public_id])
    assert saved_answers(attempt)[4] == "3.5"
    page = client.get(url).content.decode()
    assert 'value="3,5"' in page  # shown back as the learner wrote it


def test_foreign_choice_id_is_400_with_message_and_nothing_saved(client_for, learner):
    quiz = make_quiz(questions=2)
    other_quiz = make_quiz(questions=1)
    foreign = other_quiz.questions.first().choices.first().pk
    client = client_for(learner)
    attempt = start(client, quiz)
    own = correct_answer(attempt.questions[0])[0]
    # Page post (no JavaScript): the page again, the message linked to the question.
    response = client.post(page_url(attempt, 1), {**field(0, [own, foreign]), "action": "next"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and 'aria-invalid="true"' in page
    assert 'aria-describedby="question-0-meta question-0-error"' in page
    assert "question-0-error" in page and ("gehört nicht" in page or "does not belong" in page)
    # Autosave (JSON).
    save = reverse("quizzes:save", args=[attempt.public_id, 1])
    response = client.post(save, field(0, foreign), HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and json.loads(response.content)["saved"] is False
    assert json.loads(response.content)["error"]
    # Malformed input.
    for bad in (["abc"], [own, own + "x"], ["1.5"], [str(foreign)]):
        response = client.post(save, field(0, bad), HTTP_ACCEPT="application/json")
        assert response.status_code == 400, bad
    assert client.post(save, field(0, "abc")).status_code == 400  # no-JS fallback: 400 page
    assert saved_answers(attempt) == [None, None]
    attempt.refresh_from_db()
    assert attempt.current_position == 0


def test_all_on_one_page_with_one_bad_answer_saves_nothing(client_for, learner):
    quiz = make_quiz(
        questions=2,
        kinds=(QuestionKind.SINGLE, QuestionKind.NUMERIC),
        navigation=Navigation.ALL_ON_ONE_PAGE,
    )
    client = client_for(learner)
    attempt = start(client, quiz)
    data = {**field(0, correct_answer(attempt.questions[0])), **field(1, "drei"), "action": "save"}
    response = client.post(reverse("quizzes:take", args=[attempt.public_id]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="drei"' in page and "#question-1" in page  # kept, summary links to it
    assert saved_answers(attempt) == [None, None]


def test_autosave_json_says_when_it_saved(client_for, learner):
    quiz = make_quiz(questions=2)
    client = client_for(learner)
    attempt = start(client, quiz)
    save = reverse("quizzes:save", args=[attempt.public_id, 2])
    with time_machine.travel(START, tick=False):
        response = client.post(
            save, field(1, correct_answer(attempt.questions[1])), HTTP_ACCEPT="application/json"
        )
    body = json.loads(response.content)
    assert response.status_code == 200 and body["saved"] is True
    assert body["message"].endswith("10:00")
    assert set(body) == {"saved", "message"}
    assert saved_answers(attempt)[1] == correct_answer(attempt.questions[1])


def test_double_submit_gives_one_result(client_for, learner):
    quiz = make_quiz(questions=2)
    client = client_for(learner)
    attempt = start(client, quiz)
    url = reverse("quizzes:submit", args=[attempt.public_id])
    first = client.post(url)
    attempt.refresh_from_db()
    submitted = attempt.submitted_at
    second = client.post(url)
    assert first.url == second.url == reverse("quizzes:result", args=[attempt.public_id])
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted
    assert Attempt.objects.filter(user=learner).count() == 1
    # Answering after submission is refused and changes nothing.
    save = reverse("quizzes:save", args=[attempt.public_id, 1])
    response = client.post(
        save, field(0, correct_answer(attempt.questions[0])), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409 and saved_answers(attempt) == [None, None]


def test_without_going_back_earlier_questions_are_closed(client_for, learner):
    quiz = make_quiz(questions=3, allow_back=False)
    client = client_for(learner)
    attempt = start(client, quiz)
    q = attempt.questions
    page = client.get(page_url(attempt, 1)).content.decode()
    assert 'value="back"' not in page and 'name="goto"' not in page
    client.post(page_url(attempt, 1), {**field(0, wrong_answer(q[0])), "action": "next"})
    assert client.get(page_url(attempt, 1)).url == page_url(attempt, 2)
    assert client.get(page_url(attempt, 3)).url == page_url(attempt, 2)
    client.post(page_url(attempt, 1), {**field(0, correct_answer(q[0])), "action": "save"})
    assert saved_answers(attempt)[0] == wrong_answer(q[0])


def test_feedback_after_each_question_shows_only_answered_questions(client_for, learner):
    quiz = make_quiz(questions=2, feedback_mode=FeedbackMode.EACH)
    client = client_for(learner)
    attempt = start(client, quiz)
    q = attempt.questions
    page = client.get(page_url(attempt, 1)).content.decode()
    assert 'class="feedback' not in page and "data-save-url" not in page  # no autosave here
    client.post(page_url(attempt, 1), {**field(0, wrong_answer(q[0])), "action": "save"})
    page = client.get(page_url(attempt, 1)).content.decode()
    assert "feedback--wrong" in page and "Weil es im Modul so steht." in page
    assert "<fieldset" in page and " disabled>" in page  # final now
    page = client.get(page_url(attempt, 2)).content.decode()
    assert 'class="feedback' not in page


def test_time_up_submits_with_what_was_saved_and_shows_the_result(client_for, learner):
    quiz = make_quiz(questions=2, time_limit_minutes=10)
    client = client_for(learner)
    with time_machine.travel(START, tick=False):
        attempt = start(client, quiz)
        page = client.get(page_url(attempt, 1)).content.decode()
        assert "10:10" in page and "data-deadline" in page  # deadline as text too
        client.post(
            page_url(attempt, 1),
            {**field(0, correct_answer(attempt.questions[0])), "action": "next"},
        )
    with time_machine.travel(START + timedelta(minutes=11), tick=False):
        save = reverse("quizzes:save", args=[attempt.public_id, 2])
        response = client.post(
            save, field(1, correct_answer(attempt.questions[1])), HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 409
        assert json.loads(response.content)["redirect"].endswith("/ergebnis/")
        response = client.get(page_url(attempt, 2), follow=True)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FAILED and attempt.score == 1
    assert saved_answers(attempt)[1] is None
    assert response.redirect_chain[-1][0].endswith("/ergebnis/")
    page = response.content.decode()
    assert 'id="time-up-note"' in page and page.count('class="message ') == 0  # said once


def test_pending_essay_result_says_so(client_for, learner):
    quiz = make_quiz(questions=1, kinds=(QuestionKind.ESSAY,))
    client = client_for(learner)
    attempt = start(client, quiz)
    client.post(page_url(attempt, 1), {**field(0, "Meine Antwort"), "action": "review"})
    client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    page = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert "feedback--pending" in page and "result-score" not in page


def test_history_lists_attempts_across_quizzes(client_for, learner):
    first, second = make_quiz(title="Kinderschutz"), make_quiz(title="SGB II Grundlagen")
    client = client_for(learner)
    done = start(client, first)
    client.post(reverse("quizzes:submit", args=[done.public_id]))
    open_attempt = start(client, second)
    page = client.get(reverse("quizzes:mine")).content.decode()
    assert "Kinderschutz" in page and "SGB II Grundlagen" in page
    assert reverse("quizzes:result", args=[done.public_id]) in page
    assert reverse("quizzes:take", args=[open_attempt.public_id]) in page


def test_open_result_url_leads_back_to_the_questions(client_for, learner):
    quiz = make_quiz()
    client = client_for(learner)
    attempt = start(client, quiz)
    response = client.get(reverse("quizzes:result", args=[attempt.public_id]))
    assert response.url == reverse("quizzes:take", args=[attempt.public_id])


def test_question_image_has_its_alt_text_and_rich_text_keeps_its_list(client_for, learner):
    quiz = make_quiz(questions=0)
    add_question(quiz, text="<p>Welche gehören dazu?</p><ul><li>Jugendamt</li></ul>")
    client = client_for(learner)
    attempt = start(client, quiz)
    page = client.get(page_url(attempt, 1)).content.decode()
    assert '<legend class="visually-hidden">' in page and "<li>Jugendamt</li>" in page


# --- query counts -------------------------------------------------------------------------------
# The site layout (menu, footer, permissions) adds its own fixed queries; so each page is
# measured for 5 questions and must run exactly as many for 30, and the quiz tables are read
# a fixed number of times (attempt, responses; plus the lock and one bulk update for saves).


def quiz_queries(captured):
    return [q["sql"] for q in captured if '"quizzes_' in q["sql"]]


def measure(request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request()  # warm up per-site caches (footer links, site) before counting
    with CaptureQueriesContext(connection) as captured:
        request()
    return captured.captured_queries


def answers_for(attempt, pick=correct_answer):
    data = {"action": "save"}
    for position, question in enumerate(attempt.questions):
        data.update(field(position, pick(question)))
    return data


def one_page_attempt(client, size):
    quiz = make_quiz(questions=size, kinds=ALL_KINDS, navigation=Navigation.ALL_ON_ONE_PAGE)
    return start(client, quiz)


def test_take_page_and_save_all_run_the_same_queries_for_5_and_30_questions(
    client_for, learner, django_assert_num_queries
):
    client = client_for(learner)
    small, large = one_page_attempt(client, 5), one_page_attempt(client, 30)
    take = lambda attempt: reverse("quizzes:take", args=[attempt.public_id])  # noqa: E731

    page = measure(lambda: client.get(take(small)))
    assert len(quiz_queries(page)) == 2  # the attempt and its responses
    with django_assert_num_queries(len(page)):
        assert client.get(take(large)).status_code == 200

    # Save-all: the warm-up saves right answers, the measured post wrong ones (every row changes).
    picks = iter([correct_answer, wrong_answer])
    save_small = measure(lambda: client.post(take(small), answers_for(small, next(picks))))
    with django_assert_num_queries(len(save_small)):
        assert client.post(take(large), answers_for(large)).status_code == 302
    # attempt, responses (which are locked), lock, responses, one bulk update; none per question
    assert len(quiz_queries(save_small)) == 5
    assert [a is not None for a in saved_answers(large)] == [True] * 30


def test_question_page_runs_the_same_queries_for_5_and_30_questions(
    client_for, learner, django_assert_num_queries
):
    client = client_for(learner)
    small = start(client, make_quiz(questions=5, kinds=ALL_KINDS))
    large = start(client, make_quiz(questions=30, kinds=ALL_KINDS))
    queries = measure(lambda: client.get(page_url(small, 5)))
    assert len(quiz_queries(queries)) == 2
    with django_assert_num_queries(len(queries)):
        assert client.get(page_url(large, 30)).status_code == 200


def test_question_urls_of_an_all_on_one_page_attempt_lead_to_the_question_there(
    client_for, learner
):
    quiz = make_quiz(questions=3, navigation=Navigation.ALL_ON_ONE_PAGE)
    client = client_for(learner)
    attempt = start(client, quiz)
    response = client.get(page_url(attempt, 2))
    assert response.url == reverse("quizzes:take", args=[attempt.public_id]) + "#question-1"


def test_result_shows_categories_and_texts_and_score_mode_no_answers(client_for, learner):
    from .factories import CategoryFactory

    law, practice = CategoryFactory(name="Recht"), CategoryFactory(name="Praxis")
    quiz = make_quiz(
        questions=0,
        feedback_mode=FeedbackMode.SCORE,
        success_text="<p>Glückwunsch, bestanden!</p>",
        fail_text="<p>Leider nicht.</p>",
        pass_mark=50,
    )
    for category in (law, law, practice):
        add_question(quiz, category=category)
    client = client_for(learner)
    attempt = start(client, quiz)
    q = attempt.questions
    data = {**field(0, correct_answer(q[0])), **field(1, correct_answer(q[1]))}
    data.update(field(2, wrong_answer(q[2])))
    for position in range(3):
        client.post(
            page_url(attempt, position + 1),
            {f"answer-{position}": data[f"answer-{position}"], "action": "next"},
        )
    client.post(reverse("quizzes:submit", args=[attempt.public_id]))
    page = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert "Glückwunsch, bestanden!" in page and "Leider nicht." not in page
    assert re.search(r"Recht</th><td>2 / 2</td><td>100 %", page)
    assert re.search(r"Praxis</th><td>0 / 1</td><td>0 %", page)
    assert "66,67" in page
    # Score only: no list of answers, no feedback.
    assert 'class="feedback' not in page and "result-list" not in page


def test_start_page_offers_to_continue_the_open_attempt(client_for, learner):
    quiz = make_quiz(questions=2)
    client = client_for(learner)
    attempt = start(client, quiz)
    page = client.get(reverse("quizzes:start", args=[quiz.pk])).content.decode()
    assert "Fortsetzen" in page or "Continue" in page
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.url == page_url(attempt, 1)  # where the learner left off
    assert Attempt.objects.filter(user=learner).count() == 1


def test_save_endpoint_without_javascript_redirects_back_with_a_message(client_for, learner):
    quiz = make_quiz(questions=2)
    client = client_for(learner)
    attempt = start(client, quiz)
    save = reverse("quizzes:save", args=[attempt.public_id, 2])
    response = client.post(save, field(1, correct_answer(attempt.questions[1])), follow=True)
    assert response.redirect_chain[-1][0] == page_url(attempt, 2)
    assert re.search(r"(Saved|Gespeichert) \d\d:\d\d", response.content.decode())
    assert saved_answers(attempt)[1] == correct_answer(attempt.questions[1])
    assert client.post(reverse("quizzes:save", args=[attempt.public_id, 3])).status_code == 404
