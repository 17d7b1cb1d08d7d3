"""Quiz engine figures: start / answer / submit latency and queries for a 30-question quiz,
and the CPU time of the quiz requests through the whole stack (middleware, session, user,
access policy, template): question GET, answer POST, autosave POST.

Run from the project root:
    .venv/bin/python bench/quizzes_bench.py                 # 100 learners, 30 questions
    .venv/bin/python bench/quizzes_bench.py --learners 50 --questions 60
    .venv/bin/python bench/quizzes_bench.py --profile /tmp/quiz.prof   # cProfile of the requests
Uses a throw-away test database (SQLite, or DATABASE_URL for PostgreSQL).

CPU per request is ``time.process_time()`` of this process (the database server's CPU is
not in it): unlike wall time it hardly moves when other jobs load the machine.
"""

import argparse
import cProfile
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def measure(service, kwargs):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = service(**kwargs)
        elapsed = (time.perf_counter() - start) * 1000
    return result, elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--stack-learners", type=int, default=20, help="for the CPU figures")
    parser.add_argument("--profile", help="write a cProfile of the quiz requests here")
    args = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from quizzes import services
    from quizzes.models import QuestionKind
    from tests.factories import UserFactory
    from tests.quizzes.factories import correct_answer, make_quiz

    kinds = [
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.SHORT_TEXT,
        QuestionKind.NUMERIC,
    ]
    quiz = make_quiz(questions=args.questions, kinds=kinds, random_order=True, shuffle_choices=True)
    learners = UserFactory.create_batch(args.learners)
    figures = {name: ([], set()) for name in ("start", "answer one", "answer all", "submit")}

    def record(name, service, **kwargs):
        result, elapsed, queries = measure(service, kwargs)
        figures[name][0].append(elapsed)
        figures[name][1].add(queries)
        return result

    for learner in learners:
        attempt = record("start", services.attempt_start, quiz=quiz, user=learner)
        answers = {p: correct_answer(q) for p, q in enumerate(attempt.questions)}
        record(
            "answer one",
            services.attempt_save_answer,
            attempt=attempt,
            question=0,
            answer=answers[0],
        )
        record("answer all", services.attempt_save_answers, attempt=attempt, answers=answers)
        attempt = record("submit", services.attempt_submit, attempt=attempt)
        assert attempt.passed

    print(f"database: {connection.vendor}; {args.questions} questions, {args.learners} learners")
    for name, (timings, query_counts) in figures.items():
        counts = ", ".join(str(count) for count in sorted(query_counts))
        print(f"{name:>11}: median {statistics.median(timings):6.1f} ms, queries {counts}")
    through_the_stack(args)
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def through_the_stack(args):
    """Median CPU ms and queries of the quiz requests as a browser sends them (test client,
    DEBUG off, KoFo's access policy: learners enrolled in a course whose module uses the quiz).
    """
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from courses import services as course_services
    from courses.models import ModulePage
    from quizzes.models import Attempt, Navigation, QuestionKind
    from tests.factories import UserFactory, make_course
    from tests.quizzes.factories import make_quiz

    settings.DEBUG = False
    quiz = make_quiz(
        questions=16,
        kinds=(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE),
        navigation=Navigation.ONE_PER_PAGE,
    )
    course = make_course(modules=1)
    module = ModulePage.objects.child_of(course).get()
    module.quiz = quiz
    module.save_revision().publish()
    figures = {name: ([], set()) for name in ("question GET", "answer POST", "autosave POST")}
    profiler = cProfile.Profile() if args.profile else None

    def timed(name, call, *call_args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            if profiler:
                profiler.enable()
            cpu = time.process_time()
            response = call(*call_args, **kwargs)
            cpu = (time.process_time() - cpu) * 1000
            if profiler:
                profiler.disable()
        assert response.status_code in (200, 302), (name, response.status_code)
        figures[name][0].append(cpu)
        figures[name][1].add(len(queries))
        return response

    for _n in range(args.stack_learners):
        learner = UserFactory()
        course_services.enrolment_create(user=learner, course=course)
        client = Client()
        client.force_login(learner)
        client.post(reverse("quizzes:start", args=[quiz.pk]))
        attempt = Attempt.objects.get(user=learner)
        learner_questions = attempt.questions_for_learner()
        for number in range(1, 17):
            url = reverse("quizzes:question", args=[attempt.public_id, number])
            timed("question GET", client.get, url)
            question = learner_questions[number - 1]
            data = {f"answer-{number - 1}": question["choices"][0]["value"]}
            save = reverse("quizzes:save", args=[attempt.public_id, number])
            timed("autosave POST", client.post, save, data, headers={"accept": "application/json"})
            action = "next" if number < 16 else "review"
            timed("answer POST", client.post, url, {**data, "action": action})
    print(f"through the stack, {args.stack_learners} learners x 16 questions:")
    for name, (timings, query_counts) in figures.items():
        counts = ", ".join(str(count) for count in sorted(query_counts))
        print(f"{name:>14}: median CPU {statistics.median(timings):5.2f} ms, queries {counts}")
    if profiler:
        profiler.dump_stats(args.profile)
        print(f"profile: {args.profile}")


if __name__ == "__main__":
    main()
