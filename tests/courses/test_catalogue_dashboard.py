"""The catalogue (filters, search, state per course) and the dashboard "Meine Fortbildungen"."""

import datetime

import pytest
import time_machine

from courses import services
from courses.models import CourseTargetGroup, EnrolmentMode
from organisations.models import OrganisationKind
from tests.factories import UserFactory, make_catalogue, make_course

pytestmark = pytest.mark.django_db


def titles(response):
    import re

    return re.findall(r'class="course-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.fixture
def courses():
    youth = make_course(title="Kinderschutz im Jobcenter", summary="Grundwissen Kinderschutz")
    youth.target_groups.add(CourseTargetGroup(kind=OrganisationKind.YOUTH_SERVICES))
    youth.topics.add("Kinderschutz")
    youth.save_revision().publish()
    network = make_course(title="Netzwerke Stark im Beruf", summary="Kooperation vor Ort")
    network.target_groups.add(CourseTargetGroup(kind=OrganisationKind.JOB_CENTRE))
    network.topics.add("Netzwerke")
    network.save_revision().publish()
    make_course(title="Entwurf", live=False)
    return youth, network


def test_catalogue_lists_live_courses_with_filters(client, courses):
    url = make_catalogue().url
    assert titles(client.get(url)) == ["Kinderschutz im Jobcenter", "Netzwerke Stark im Beruf"]
    assert titles(client.get(url, {"topic": "netzwerke"})) == ["Netzwerke Stark im Beruf"]
    by_group = client.get(url, {"target_group": OrganisationKind.YOUTH_SERVICES})
    assert titles(by_group) == ["Kinderschutz im Jobcenter"]
    assert titles(client.get(url, {"q": "Kooperation"})) == ["Netzwerke Stark im Beruf"]
    empty = client.get(url, {"q": "Quantenphysik"})
    assert titles(empty) == [] and "Keine Fortbildung passt" in empty.text


def test_filter_form_has_labels_and_survives_tampering(client, courses):
    url = make_catalogue().url
    page = client.get(url).text
    for label in ("Suche", "Zielgruppe", "Thema"):
        assert f">{label}</label>" in page
    response = client.get(url, {"target_group": "<script>", "topic": "x" * 500})
    assert response.status_code == 200
    assert titles(response) == []


def test_catalogue_shows_the_state_per_course(client, courses):
    youth, network = courses
    assigned = make_course(title="Zuweisung", enrolment_mode=EnrolmentMode.ASSIGNED)
    user = UserFactory()
    services.enrolment_create(user=user, course=youth)
    services.module_complete(user=user, module=youth.modules().first(), via="manual")
    client.force_login(user)
    page = client.get(make_catalogue().url).text
    assert 'Weiterlernen<span class="visually-hidden">: Kinderschutz im Jobcenter' in page
    assert "33 %" in page
    assert 'Anmelden<span class="visually-hidden">: Netzwerke Stark im Beruf' in page
    assert "Nur per Zuweisung" in page and assigned.title in page
    for module in youth.modules():
        services.module_complete(user=user, module=module, via="manual")
    page = client.get(make_catalogue().url).text
    assert "Abgeschlossen</span>" in page


def test_catalogue_is_in_the_main_navigation(client, courses):
    page = client.get("/").text
    assert f'<a href="{make_catalogue().url}">Fortbildungen</a>' in page


def test_dashboard_sections_due_dates_and_overdue_text(client):
    manager, user = UserFactory(), UserFactory()
    started = make_course(title="Begonnen", modules=2)
    overdue = make_course(title="Überfällig", modules=2)
    done = make_course(title="Fertig", modules=1)
    services.enrolment_create(
        user=user, course=started, assigned_by=manager, due_date=datetime.date(2026, 12, 31)
    )
    services.module_complete(user=user, module=started.modules().first(), via="manual")
    services.enrolment_create(
        user=user, course=overdue, assigned_by=manager, due_date=datetime.date(2026, 11, 1)
    )
    services.enrolment_create(user=user, course=done)
    services.module_complete(user=user, module=done.modules().first(), via="manual")
    client.force_login(user)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        page = client.get("/").text
    in_progress, rest = page.split('id="not-started-heading"')
    not_started, completed = rest.split('id="completed-heading"')
    assert (
        "Begonnen" in in_progress
        and "50 %" in in_progress
        and "Fällig bis 31.12.2026" in in_progress
    )
    assert "Überfällig" in not_started and "War fällig am 01.11.2026" in not_started
    assert 'badge badge--overdue">Überfällig</span>' in not_started
    assert "Ihnen zugewiesen" in not_started
    assert "Fertig" in completed and "100 %" in completed


def test_dashboard_empty_and_certificate_link(client):
    from certificates.services import certificate_issue

    user = UserFactory()
    client.force_login(user)
    assert "Sie sind noch für keine Fortbildung angemeldet." in client.get("/").text
    course = make_course(modules=1)
    enrolment = services.enrolment_create(user=user, course=course)
    services.module_complete(user=user, module=course.modules().first(), via="manual")
    enrolment.refresh_from_db()
    certificate = certificate_issue(enrolment=enrolment)
    page = client.get("/").text
    assert f"/bescheinigungen/{certificate.pk}/herunterladen/" in page
    assert "Bescheinigung herunterladen" in page
