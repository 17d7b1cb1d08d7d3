"""Question exchange figures: reading, previewing and importing a 500-question file in GIFT
and in Moodle XML, and exporting the quiz again (issue 15: "the import's speed for a
500-question file").

Run from the project root:
    .venv/bin/python bench/exchange_bench.py                  # 500 questions
    .venv/bin/python bench/exchange_bench.py --questions 2000
Uses a throw-away test database (SQLite, or DATABASE_URL for PostgreSQL).

The file is generated: the six kinds we store in turn, German texts with HTML, three to five
answers per choice question, feedback, four categories. "read" is decoding + parsing + the
mapping check (what the preview page does before rendering); "import" writes the questions
into a draft quiz through ``quiz_import_questions`` (one transaction, one revision).
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

KINDS = ["single", "multiple", "true_false", "short_text", "numeric", "essay"]


def generate(count):
    """``count`` ExchangeQuestions, the stored kinds in turn."""
    from quizzes.exchange import ExchangeChoice, ExchangeQuestion

    questions = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        question = ExchangeQuestion(
            kind=kind,
            text=f"<p>Frage {index}: Welche Aufgabe hat die <b>Netzwerkkoordination</b> "
            f"im Bereich Frühe Hilfen nach § {index % 9 + 1} KKG?</p>",
            title=f"Frage {index}",
            points=Decimal(index % 4 + 1),
            feedback="<p>Siehe Modul 2, Abschnitt „Netzwerke“.</p>",
            category=f"Frühe Hilfen/Thema {index % 4 + 1}",
        )
        if kind in ("single", "multiple"):
            size = 3 + index % 3
            question.choices = [
                ExchangeChoice(f"Antwort {n} für Frage {index}", Decimal(100 if n == 0 else 0))
                for n in range(size)
            ]
            if kind == "multiple":
                question.choices[0].fraction = question.choices[1].fraction = Decimal(50)
                question.partial_credit = True
        elif kind == "true_false":
            question.choices = [ExchangeChoice("Wahr", Decimal(100)), ExchangeChoice("Falsch")]
        elif kind == "short_text":
            question.accepted_answers = ["KKG", "Kooperationsgesetz"]
        elif kind == "numeric":
            question.numeric_answer, question.tolerance = Decimal("3.5"), Decimal("0.1")
        questions.append(question)
    return questions


def timed(function, *args, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append((time.perf_counter() - start) * 1000)
    return result, statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=500)
    args = parser.parse_args()
    from quizzes.exchange import read_questions, write_gift, write_moodle_xml

    questions = generate(args.questions)
    files = {
        "GIFT": write_gift(questions).encode("utf-8"),
        "Moodle XML": write_moodle_xml(questions),
    }
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from quizzes.exchange.orm import quiz_export
    from quizzes.models import Quiz
    from quizzes.services import quiz_import_questions

    print(f"{args.questions} questions, {connection.vendor}")
    print(
        f"{'format':<11} {'size':>8} {'read ms':>8} {'import ms':>10} "
        f"{'queries':>8} {'export ms':>10}"
    )
    for name, data in files.items():
        result, read_ms = timed(read_questions, data)
        assert len(result.questions) == args.questions and not result.problems, result.problems[:3]
        quiz = Quiz.objects.create(title=f"Bench {name}", live=False)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            quiz_import_questions(quiz=quiz, questions=result.questions)
            import_ms = (time.perf_counter() - start) * 1000
        fmt = "gift" if name == "GIFT" else "xml"
        _content, export_ms = timed(quiz_export, quiz, fmt, repeat=3)
        print(
            f"{name:<11} {len(data) / 1024:>6.0f} KB {read_ms:>8.0f} {import_ms:>10.0f} "
            f"{len(queries):>8} {export_ms:>10.0f}"
        )
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
