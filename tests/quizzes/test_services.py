import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils.translation import gettext

from quizzes import services
from quizzes.models import Attempt, AttemptStatus, FeedbackMode, QuestionKind, Response
from quizzes.signals import attempt_passed
from tests.factories import UserFactory

from .factories import add_question, correct_answer, make_quiz, wrong_answer

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def message(text):
    return re.escape(gettext(text))


@pytest.fixture
def passed_signals():
    received = []

    def receiver(sender, attempt, **kwargs):
        received.append(attempt.pk)

    attempt_passed.connect(receiver)
    yield received
    attempt_passed.disconnect(receiver)


def answer_all(attempt, pick=correct_answer):
    for position, question in enumerate(attempt.questions):
        services.attempt_save_answer(attempt=attempt, question=position, answer=pick(question))


# --- starting ---------------------------------------------------------------------------------


def test_start_freezes_questions_settings_and_makes_one_response_per_question(learner):
    quiz = make_quiz(questions=4, pass_mark=75, time_limit_minutes=20)
    with time_machine.travel(START, tick=False):
        attempt = services.attempt_start(quiz=quiz, user=learner)
    assert attempt.number == 1 and attempt.is_open
    assert attempt.pass_mark == 75 and attempt.max_score == Decimal("4.00")
    assert attempt.deadline == START + timedelta(minutes=20)
    assert [q["key"] for q in attempt.questions] == list(
        quiz.questions.order_by("sort_order").values_list("pk", flat=True)
    )
    assert list(attempt.responses.values_list("position", flat=True)) == [0, 1, 2, 3]


def test_start_resumes_the_open_attempt(learner):
    quiz = make_quiz()
    first = services.attempt_start(quiz=quiz, user=learner)
    assert services.attempt_start(quiz=quiz, user=learner).pk == first.pk
    assert Attempt.objects.count() == 1


def test_draft_or_empty_quiz_cannot_be_started(learner):
    with pytest.raises(services.QuizError, match=message("This Lernkontrolle is not available.")):
        services.attempt_start(quiz=make_quiz(live=False), user=learner)
    with pytest.raises(services.QuizError, match="hat noch keine Fragen"):
        services.attempt_start(quiz=make_quiz(questions=0), user=learner)


def test_max_questions_draws_distinct_questions_from_the_pool(learner):
    quiz = make_quiz(questions=10, max_questions=3)
    pool = list(quiz.questions.order_by("sort_order").values_list("pk", flat=True))
    keys = [q["key"] for q in services.attempt_start(quiz=quiz, user=learner).questions]
    assert len(set(keys)) == 3 and set(keys) <= set(pool)
    assert keys == sorted(keys, key=pool.index)  # no random order asked: authored order


def test_random_order_and_shuffled_choices_vary_between_attempts():
    quiz = make_quiz(questions=6, random_order=True, shuffle_choices=True)
    orders, choice_orders = set(), set()
    for _ in range(12):
        attempt = services.attempt_start(quiz=quiz, user=UserFactory())
        orders.add(tuple(q["key"] for q in attempt.questions))
        choice_orders.add(tuple(c["id"] for c in attempt.questions[0]["choices"]))
    assert len(orders) > 1 and len(choice_orders) > 1


def test_true_false_keeps_wahr_before_falsch_when_choices_are_shuffled(learner):
    quiz = make_quiz(questions=1, kinds=[QuestionKind.TRUE_FALSE], shuffle_choices=True)
    for _ in range(5):
        attempt = services.attempt_start(quiz=quiz, user=UserFactory())
        assert [c["text"] for c in attempt.questions[0]["choices"]] == ["Wahr", "Falsch"]


def test_editing_the_quiz_after_start_changes_nothing_of_the_attempt_or_its_result(learner):
    quiz = make_quiz(questions=3, pass_mark=60)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    frozen = attempt.snapshot
    answer_all(attempt)
    # The trainer rewrites everything: texts, correct choices, points, pass mark, one question gone.
    first, second, third = quiz.questions.order_by("sort_order")
    first.text, first.points = "<p>Ganz neu</p>", Decimal("10")
    first.save()
    first.choices.update(is_correct=False, text="geändert")
    third.delete()
    quiz.pass_mark = 100
    quiz.save()
    add_question(quiz)

    services.attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.snapshot == frozen
    assert attempt.status == AttemptStatus.PASSED
    assert (attempt.score, attempt.max_score, attempt.percent) == (3, 3, 100)
    assert attempt.pass_mark == 60
    assert Response.objects.get(attempt=attempt, position=2).question is None


def test_a_saved_draft_is_not_asked_until_it_is_published(learner):
    quiz = make_quiz(questions=1, title="Veröffentlicht", pass_mark=50)
    quiz.title, quiz.pass_mark = "Entwurf", 90
    quiz.save_revision()
    attempt = services.attempt_start(quiz=quiz, user=learner)
    assert (attempt.title, attempt.pass_mark) == ("Veröffentlicht", 50)


def test_max_attempts_limits_starts(learner):
    quiz = make_quiz(max_attempts=1)
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=learner))
    with pytest.raises(services.QuizError, match="keine Versuche mehr"):
        services.attempt_start(quiz=quiz, user=learner)


def test_waiting_time_between_attempts_says_when_the_next_one_is_possible(learner):
    quiz = make_quiz(wait_minutes=90)
    with time_machine.travel(START, tick=False):
        services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=learner))
    at_89 = time_machine.travel(START + timedelta(minutes=89), tick=False)
    with at_89, pytest.raises(services.QuizError, match=r"22\.11\.2026 11:30"):
        services.attempt_start(quiz=quiz, user=learner)
    with time_machine.travel(START + timedelta(minutes=90), tick=False):
        assert services.attempt_start(quiz=quiz, user=learner).number == 2


# --- answering ----------------------------------------------------------------------------------


def test_invalid_answers_are_refused_and_nothing_is_saved(learner):
    quiz = make_quiz(questions=2, kinds=[QuestionKind.SINGLE, QuestionKind.NUMERIC])
    attempt = services.attempt_start(quiz=quiz, user=learner)
    other_question_choice = attempt.questions[0]["choices"][0]["token"]
    foreign = services.attempt_start(quiz=make_quiz(), user=learner).questions[0]["choices"][0]
    for position, answer in [(0, [foreign["token"]]), (1, "drei"), (5, "x"), ("abc", "x")]:
        with pytest.raises(services.InvalidAnswer):
            services.attempt_save_answer(attempt=attempt, question=position, answer=answer)
    with pytest.raises(services.InvalidAnswer):  # a choice of question 0 given for question 1
        services.attempt_save_answer(attempt=attempt, question=1, answer=[other_question_choice])
    assert not attempt.responses.exclude(answer=None).exists()


def test_save_answers_validates_all_first(learner):
    quiz = make_quiz(questions=3, kinds=[QuestionKind.SINGLE, QuestionKind.NUMERIC])
    attempt = services.attempt_start(quiz=quiz, user=learner)
    with pytest.raises(services.InvalidAnswer) as error:
        services.attempt_save_answers(
            attempt=attempt, answers={0: correct_answer(attempt.questions[0]), 1: "viel"}
        )
    assert list(error.value.errors) == [1]
    assert not attempt.responses.exclude(answer=None).exists()
    services.attempt_save_answers(attempt=attempt, answers={0: [], 1: "3,5"})
    assert list(attempt.responses.values_list("answer", flat=True)) == [None, "3.5", None]


def test_answers_after_the_deadline_do_not_count_and_the_attempt_is_submitted(learner):
    quiz = make_quiz(questions=2, time_limit_minutes=10, pass_mark=50)
    with time_machine.travel(START, tick=False):
        attempt = services.attempt_start(quiz=quiz, user=learner)
    first, second = attempt.questions
    with time_machine.travel(START + timedelta(minutes=10, seconds=9), tick=False):
        services.attempt_save_answer(attempt=attempt, question=0, answer=correct_answer(first))
    too_late = time_machine.travel(START + timedelta(minutes=10, seconds=11), tick=False)
    time_up = "Ihre Zeit ist abgelaufen"
    with too_late, pytest.raises(services.AttemptClosed, match=time_up) as closed:
        services.attempt_save_answer(attempt=attempt, question=1, answer=correct_answer(second))
    assert closed.value.attempt.status == AttemptStatus.PASSED
    attempt.refresh_from_db()
    assert attempt.score == 1 and attempt.submitted_at == START + timedelta(minutes=10)
    assert attempt.responses.get(position=1).answer is None


def test_the_all_on_one_page_form_is_refused_after_the_deadline(learner):
    quiz = make_quiz(questions=2, time_limit_minutes=1)
    with time_machine.travel(START, tick=False):
        attempt = services.attempt_start(quiz=quiz, user=learner)
    answers = {p: correct_answer(q) for p, q in enumerate(attempt.questions)}
    late = time_machine.travel(START + timedelta(minutes=2), tick=False)
    with late, pytest.raises(services.AttemptClosed):
        services.attempt_save_answers(attempt=attempt, answers=answers)
    assert attempt.status == AttemptStatus.FAILED and attempt.score == 0


def test_an_overdue_attempt_is_submitted_when_started_again_or_shown(learner):
    quiz = make_quiz(time_limit_minutes=5)
    with time_machine.travel(START, tick=False):
        attempt = services.attempt_start(quiz=quiz, user=learner)
    later = time_machine.travel(START + timedelta(hours=1), tick=False)
    with later, pytest.raises(services.AttemptClosed) as closed:
        services.attempt_start(quiz=quiz, user=learner)
    assert closed.value.attempt.pk == attempt.pk
    assert closed.value.attempt.status == AttemptStatus.FAILED

    with time_machine.travel(START + timedelta(hours=2), tick=False):
        second = services.attempt_start(quiz=quiz, user=learner)
    with time_machine.travel(START + timedelta(hours=3), tick=False):
        assert services.attempt_expire_overdue(attempt=second).status == AttemptStatus.FAILED


def test_without_going_back_an_answer_is_locked_once_the_learner_moves_on(learner):
    quiz = make_quiz(questions=3, allow_back=False)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    q0 = attempt.questions[0]
    services.attempt_save_answer(attempt=attempt, question=0, answer=wrong_answer(q0))
    services.attempt_save_answer(attempt=attempt, question=0, answer=correct_answer(q0))
    services.attempt_save_answer(attempt=attempt, question=0, answer=None, advance=True)
    assert attempt.current_position == 1
    with pytest.raises(services.AnswerLocked):
        services.attempt_save_answer(attempt=attempt, question=0, answer=correct_answer(q0))
    with pytest.raises(services.AnswerLocked):
        services.attempt_save_answers(attempt=attempt, answers={0: correct_answer(q0)})
    assert attempt.responses.get(position=0).answer is None


def test_feedback_after_each_question_makes_a_saved_answer_final(learner):
    quiz = make_quiz(questions=2, feedback_mode=FeedbackMode.EACH)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    q0 = attempt.questions[0]
    response = services.attempt_save_answer(attempt=attempt, question=0, answer=wrong_answer(q0))
    assert attempt.feedback_for(0, response)["is_correct"] is False
    with pytest.raises(services.AnswerLocked):
        services.attempt_save_answer(attempt=attempt, question=0, answer=correct_answer(q0))


def test_no_answers_after_submission(learner):
    attempt = services.attempt_start(quiz=make_quiz(), user=learner)
    services.attempt_submit(attempt=attempt)
    with pytest.raises(services.AttemptClosed, match="bereits abgegeben"):
        services.attempt_save_answer(attempt=attempt, question=0, answer=None)


# --- submitting ---------------------------------------------------------------------------------


def test_double_submit_yields_one_result_and_one_signal(learner, run_on_commit, passed_signals):
    attempt = services.attempt_start(quiz=make_quiz(questions=3), user=learner)
    answer_all(attempt)
    with run_on_commit():
        first = services.attempt_submit(attempt=attempt)
    with run_on_commit():
        second = services.attempt_submit(attempt=attempt)
    assert first.submitted_at == second.submitted_at and second.status == AttemptStatus.PASSED
    assert passed_signals == [attempt.pk]


def test_failing_fires_no_signal(learner, run_on_commit, passed_signals):
    attempt = services.attempt_start(quiz=make_quiz(questions=3), user=learner)
    answer_all(attempt, pick=wrong_answer)
    with run_on_commit():
        services.attempt_submit(attempt=attempt)
    assert attempt.status == AttemptStatus.FAILED and attempt.percent == 0
    assert passed_signals == []


# --- marking ------------------------------------------------------------------------------------


def essay_attempt(learner, essays=2):
    kinds = [QuestionKind.SINGLE] + [QuestionKind.ESSAY] * essays
    quiz = make_quiz(questions=1 + essays, kinds=kinds, pass_mark=60)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    answer_all(attempt)
    services.attempt_submit(attempt=attempt)
    return attempt


def test_essays_keep_the_attempt_pending_until_the_last_is_marked(
    learner, run_on_commit, passed_signals
):
    trainer = UserFactory()
    attempt = essay_attempt(learner)
    assert attempt.status == AttemptStatus.PENDING and attempt.score is None
    first, second = attempt.responses.filter(needs_marking=True).order_by("position")
    with run_on_commit():
        services.response_mark(response=first, points="0,5", feedback="Teilweise.", marker=trainer)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING and passed_signals == [] and not mail.outbox
    with run_on_commit():
        services.response_mark(response=second, points=1, feedback="Gut.", marker=trainer)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED
    assert (attempt.score, attempt.percent) == (Decimal("2.50"), Decimal("83.33"))
    assert passed_signals == [attempt.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]
    assert "83,33" in mail.outbox[0].body
    assert f"/lernkontrollen/versuch/{attempt.public_id}/ergebnis/" in mail.outbox[0].body
    first.refresh_from_db()
    assert first.marked_by == trainer and first.feedback == "Teilweise."


def test_marking_refuses_points_out_of_range_and_final_results(learner):
    trainer = UserFactory()
    attempt = essay_attempt(learner, essays=1)
    essay = attempt.responses.get(needs_marking=True)
    for points in ["-1", "1,01", "viel"]:
        with pytest.raises(services.QuizError, match="Bitte vergeben Sie zwischen 0 und"):
            services.response_mark(response=essay, points=points, feedback="", marker=trainer)
    choice = attempt.responses.get(position=0)
    with pytest.raises(services.QuizError, match="Nur Freitextantworten"):
        services.response_mark(response=choice, points=1, feedback="", marker=trainer)
    services.response_mark(response=essay, points=0, feedback="", marker=trainer)
    with pytest.raises(services.QuizError, match="steht fest"):
        services.response_mark(response=essay, points=1, feedback="", marker=trainer)


def test_an_empty_essay_scores_zero_without_marking(learner):
    quiz = make_quiz(questions=2, kinds=[QuestionKind.SINGLE, QuestionKind.ESSAY], pass_mark=50)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    services.attempt_save_answer(
        attempt=attempt, question=0, answer=correct_answer(attempt.questions[0])
    )
    services.attempt_submit(attempt=attempt)
    assert attempt.status == AttemptStatus.PASSED and attempt.percent == 50


# --- fixed query counts ---------------------------------------------------------------------------


def run_attempt(user, quiz, django_assert_num_queries, counts):
    with django_assert_num_queries(counts["start"]):
        attempt = services.attempt_start(quiz=quiz, user=user)
    answers = {p: correct_answer(q) for p, q in enumerate(attempt.questions)}
    with django_assert_num_queries(counts["save_all"]):
        services.attempt_save_answers(attempt=attempt, answers=answers)
    with django_assert_num_queries(counts["save_one"]):
        services.attempt_save_answer(attempt=attempt, question=0, answer=answers[0])
    with django_assert_num_queries(counts["submit"]):
        services.attempt_submit(attempt=attempt)
    return attempt


@pytest.mark.parametrize("size", [5, 30])
def test_start_answer_and_submit_run_a_fixed_number_of_queries(size, django_assert_num_queries):
    kinds = [QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.NUMERIC]
    quiz = make_quiz(questions=size, kinds=kinds)
    # save one: the lock reads the answer row too, then its update (issue 13).
    counts = {"start": 9, "save_all": 5, "save_one": 4, "submit": 6}
    attempt = run_attempt(UserFactory(), quiz, django_assert_num_queries, counts)
    assert attempt.status == AttemptStatus.PASSED and len(attempt.questions) == size


@pytest.mark.parametrize("essays", [2, 12])
def test_marking_runs_a_fixed_number_of_queries(learner, essays, django_assert_num_queries):
    attempt = essay_attempt(learner, essays=essays)
    first, *_ = attempt.responses.filter(needs_marking=True)
    with django_assert_num_queries(6):
        services.response_mark(response=first, points=0, feedback="", marker=learner)


def test_a_failed_marked_attempt_fires_no_signal(learner, run_on_commit, passed_signals):
    attempt = essay_attempt(learner, essays=2)
    for essay in attempt.responses.filter(needs_marking=True):
        with run_on_commit():
            services.response_mark(response=essay, points=0, feedback="", marker=learner)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FAILED and passed_signals == []
    assert len(mail.outbox) == 1
