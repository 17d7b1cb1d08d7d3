"""Parallel requests against PostgreSQL: the row locks and constraints hold the exam rules."""

import threading

import pytest
from django.core import mail
from django.db import connection

from quizzes import services
from quizzes.models import Attempt, AttemptStatus, QuestionKind
from quizzes.signals import attempt_passed
from tests.factories import UserFactory

from .factories import correct_answer, make_quiz

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def in_threads(target, count=THREADS):
    """Run ``target()`` in ``count`` threads released at once; results and errors."""
    results, errors = [], []
    barrier = threading.Barrier(count)

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - the test inspects every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture
def passed_signals():
    received = []
    lock = threading.Lock()

    def receiver(sender, attempt, **kwargs):
        with lock:
            received.append(attempt.pk)

    attempt_passed.connect(receiver)
    yield received
    attempt_passed.disconnect(receiver)


def test_parallel_starts_yield_one_open_attempt():
    quiz, user = make_quiz(questions=5), UserFactory()

    results, errors = in_threads(lambda: services.attempt_start(quiz=quiz, user=user).pk)

    assert errors == []
    assert len(set(results)) == 1
    assert Attempt.objects.filter(quiz=quiz, user=user).count() == 1


def test_parallel_start_and_submit_cycles_respect_the_attempt_limit():
    quiz, user = make_quiz(questions=3, max_attempts=3), UserFactory()

    def start_and_submit():
        attempt = services.attempt_start(quiz=quiz, user=user)
        return services.attempt_submit(attempt=attempt).number

    results, errors = in_threads(start_and_submit)

    numbers = sorted(Attempt.objects.filter(user=user).values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert set(results) == {1, 2, 3}
    # Threads that resumed the same open attempt submit it together (no error): whether any
    # thread is refused depends on scheduling, so only the kind of refusal is asserted.
    assert all(isinstance(error, services.QuizError) for error in errors)
    assert not Attempt.objects.filter(status=AttemptStatus.OPEN).exists()


def test_parallel_submits_yield_one_result_and_one_signal(passed_signals):
    quiz, user = make_quiz(questions=4), UserFactory()
    attempt = services.attempt_start(quiz=quiz, user=user)
    answers = {p: correct_answer(q) for p, q in enumerate(attempt.questions)}
    services.attempt_save_answers(attempt=attempt, answers=answers)

    results, errors = in_threads(
        lambda: services.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)).submitted_at
    )

    assert errors == []
    assert len(set(results)) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED and attempt.percent == 100
    assert passed_signals == [attempt.pk]


def test_marking_the_last_two_essays_at_once_decides_the_result_once(passed_signals):
    kinds = [QuestionKind.ESSAY, QuestionKind.ESSAY]
    quiz, user, trainer = make_quiz(questions=2, kinds=kinds), UserFactory(), UserFactory()
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_answers(attempt=attempt, answers={0: "Antwort A", 1: "Antwort B"})
    services.attempt_submit(attempt=attempt)
    essays = list(attempt.responses.order_by("position"))
    queue = list(essays)
    lock = threading.Lock()

    def mark_next():
        with lock:
            response = queue.pop()
        return services.response_mark(response=response, points=1, feedback="", marker=trainer)

    results, errors = in_threads(mark_next, count=2)

    assert errors == [] and len(results) == 2
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED and attempt.score == 2
    assert passed_signals == [attempt.pk]
    assert len(mail.outbox) == 1


def test_answers_racing_a_submission_either_count_or_are_refused():
    quiz, user = make_quiz(questions=THREADS), UserFactory()
    attempt = services.attempt_start(quiz=quiz, user=user)
    jobs = [("submit", None)] * (THREADS // 2) + [("save", p) for p in range(THREADS // 2)]
    lock = threading.Lock()

    def act():
        with lock:
            job, position = jobs.pop()
        fresh = Attempt.objects.get(pk=attempt.pk)
        if job == "submit":
            return services.attempt_submit(attempt=fresh).status
        answer = correct_answer(fresh.questions[position])
        return services.attempt_save_answer(attempt=fresh, question=position, answer=answer)

    results, errors = in_threads(act)

    assert all(isinstance(error, services.AttemptClosed) for error in errors)
    attempt.refresh_from_db()
    saved = list(attempt.responses.exclude(answer=None))
    # Every answer that got in was saved before the submission and is part of the score.
    assert all(response.saved_at <= attempt.submitted_at for response in saved)
    assert attempt.score == len(saved) == len(results) - THREADS // 2
