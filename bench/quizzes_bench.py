"""Quiz engine figures: start / answer / submit latency and queries for a 30-question quiz.

Run from the project root:
    .venv/bin/python bench/quizzes_bench.py                 # 100 learners, 30 questions
    .venv/bin/python bench/quizzes_bench.py --learners 50 --questions 60
Uses a throw-away test database (SQLite, or DATABASE_URL for PostgreSQL).
"""

import argparse
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
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
