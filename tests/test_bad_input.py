"""Bad ids and search text answer with a message, never with a 500 (SQLite and PostgreSQL).

Each test is one observed fault of the robustness issue; the kind is fixed once in
``lms.ids`` (ids from user input) and ``lms.search`` (search text). The fuzz crawler
(tests/test_fuzz_crawler.py) covers every other URL.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Enrolment
from lms.ids import MAX_ID, parse_id, parse_ids
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

HUGE = "9999999999999999999999999"  # 25 digits
INVALID_CHOICE = "Bitte eine gültige Auswahl treffen"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "reports:completion",
        "reports:learner_progress",
        "reports:overdue",
        "reports:quizzes",
        "certificates_certificate:index",
        "courses_enrolments:index",
    ],
)
def test_a_huge_course_id_in_a_list_filter_is_a_form_error(admin_client, url_name):
    make_course(title="Kinderschutz")
    response = admin_client.get(reverse(url_name), {"course": HUGE})
    assert response.status_code == 200
    assert INVALID_CHOICE in response.text


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_reminders_with_a_huge_id_send_nothing(admin_client):
    response = admin_client.post(
        reverse("reports:send_reminders"), {"enrolment": [HUGE, "²", "-3"]}
    )
    assert response.status_code == 302
    assert _messages(response) == ["Bitte wählen Sie mindestens eine überfällige Anmeldung aus."]


def test_assigning_a_course_with_a_huge_id_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("reports:assign"), {"course": HUGE, "due_date": "2099-01-01", "person": HUGE}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.text


def test_confirming_an_assignment_with_huge_ids_assigns_nothing(admin_client):
    response = admin_client.post(
        reverse("reports:assign"),
        {"confirm": "1", "course": HUGE, "due_date": "2099-01-01", "user": [HUGE], "token": HUGE},
    )
    # A confirmation carries only the preview's token (what to assign is stored with it):
    # a forged one is an unknown preview, and nothing is assigned.
    assert response.status_code == 302
    assert _messages(response) == ["Diese Vorschau ist unbekannt. Bitte beginnen Sie erneut."]
    assert not Enrolment.objects.exists()


def test_a_zip_of_a_huge_course_id_is_refused_as_a_filter(admin_client):
    url = reverse("certificates_certificate:zip_new") + f"?course={HUGE}"
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code in (200, 302)


@pytest.mark.parametrize("query", ['"', 'Kinder"schutz', "\x00", '"""', ' " '])
def test_catalogue_search_with_quotes_answers(client, query):
    course = make_course(title="Kinderschutz")
    response = client.get(course.get_parent().url, {"q": query})
    assert response.status_code == 200


def test_catalogue_search_still_finds_courses(client):
    course = make_course(title="Kinderschutz im Jobcenter")
    response = client.get(course.get_parent().url, {"q": '"Kinderschutz'})
    assert "Kinderschutz im Jobcenter" in response.text


def test_admin_search_boxes_with_a_quote_answer(admin_client):
    for url in ("/verwaltung/organisationen/", "/verwaltung/users/", "/verwaltung/lernkontrollen/"):
        assert admin_client.get(url, {"q": '"'}).status_code == 200


def test_parse_id_accepts_only_what_a_database_id_can_be():
    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in (HUGE, str(MAX_ID + 1), "0", "-1", "²", "٣", "1.0", "", None, "NaN", True):
        assert parse_id(bad) is None
    assert parse_ids(["3", HUGE, "3", "x", "5"]) == [3, 5]


def test_admin_forms_refuse_huge_ids_at_the_field(admin_client):
    manager = UserFactory()
    response = admin_client.post(
        reverse("managerscope:add"), {"manager": manager.pk, "regions": [HUGE, "1"]}
    )
    assert response.status_code == 200
    assert "ist kein gültiger Wert" in response.text
    response = admin_client.post(
        reverse("courses_enrolments:add"), {"user": manager.pk, "course": HUGE}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.text


@pytest.mark.parametrize(
    "path,query",
    [
        ("reports:completion", {"completed_from": "0001-01-01"}),
        ("reports:completion", {"enrolled_from": "01.01.0001"}),
        ("reports:learner_progress", {"completed_from": "0001-01-01"}),
        ("reports:quizzes", {"submitted_from": "0001-01-01"}),
        ("reports:learner_progress", {"completed_to": "9999-12-31"}),
    ],
)
def test_dates_out_of_any_sensible_range_are_refused_not_a_500(admin_client, path, query):
    """Found by the break-it run: year-1 dates in report filters overflowed (HTTP 500)."""
    response = admin_client.get(reverse(path), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datum nach 1900" in html or "Datum vor 3000" in html


def test_certificate_list_refuses_a_year_one_date(admin_client):
    response = admin_client.get(
        reverse("certificates_certificate:index"), {"issued_at_from": "0001-01-01"}
    )
    assert response.status_code == 200


def test_the_user_list_with_a_huge_group_id_answers(admin_client):
    """Found by the break-it run: /verwaltung/users/?group=<25 digits> gave HTTP 500."""
    response = admin_client.get("/verwaltung/users/", {"group": "9" * 25})
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["add", "copy"])
def test_the_user_forms_refuse_a_huge_group_id_at_the_field(admin_client, view):
    """Found by the crawler: a 30-digit group id in the user create/copy form gave HTTP 500."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    args = [] if view == "add" else [admin.pk]
    url = reverse(f"wagtailusers_users:{view}", args=args)
    data = {"email": "neu@example.org", "first_name": "A", "last_name": "B", "groups": "9" * 30}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "ist kein gültiger Wert" in response.content.decode()
