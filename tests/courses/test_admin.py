"""Wagtail admin: the enrolment figures in the course editor and the admin assignment."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from courses import services
from courses.models import Enrolment
from lms.roles import ADMINISTRATION, MANAGERS, TRAINERS
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

ENROLMENTS = "/verwaltung/teilnahmen/"


def with_role(role, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_course_editor_shows_enrolment_figures(client):
    course = make_course(modules=2)
    started, waiting, late, done = (UserFactory() for _n in range(4))
    for user in (started, waiting, late, done):
        services.enrolment_create(user=user, course=course)
    services.module_complete(user=started, module=course.modules().first(), via="manual")
    Enrolment.objects.filter(user=late).update(due_date=datetime.date(2020, 1, 1))
    for module in course.modules():
        services.module_complete(user=done, module=module, via="manual")
    trainer = with_role(TRAINERS)
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=TRAINERS),
        page=Page.objects.get(pk=course.get_parent().pk),
        permission_type="change",
    )
    client.force_login(trainer)
    page = client.get(f"/verwaltung/pages/{course.pk}/edit/").text
    figures = page.split('class="kofo-enrolment-counts"')[1].split("</dl>")[0]
    expected = {"Angemeldet": 4, "In Bearbeitung": 1, "Nicht begonnen": 2, "Abgeschlossen": 1}
    for label, number in expected.items():
        assert f'<dt>{label}</dt><dd style="margin:0">{number}</dd>' in figures
    assert '<dt>Überfällig</dt><dd style="margin:0">1</dd>' in figures


def test_new_course_form_has_no_figures(client):
    course = make_course()
    client.force_login(UserFactory(is_superuser=True))
    url = f"/verwaltung/pages/add/courses/coursepage/{course.get_parent().pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "kofo-enrolment-counts" not in response.text


def test_admin_assigns_a_course_through_the_service(client):
    admin = with_role(ADMINISTRATION)
    learner, course = UserFactory(), make_course()
    client.force_login(admin)
    assert client.get(ENROLMENTS + "new/").status_code == 200
    response = client.post(
        ENROLMENTS + "new/",
        {"user": learner.pk, "course": course.pk, "due_date": "31.12.2026"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.user, enrolment.assigned_by) == (learner, admin)
    assert enrolment.due_date == datetime.date(2026, 12, 31)
    # Assigning again updates the due date instead of failing on the unique constraint.
    client.post(
        ENROLMENTS + "new/", {"user": learner.pk, "course": course.pk, "due_date": "15.01.2027"}
    )
    assert Enrolment.objects.get().due_date == datetime.date(2027, 1, 15)
    listing = client.get(ENROLMENTS, {"course": course.pk, "completed": "false"})
    assert learner.last_name in listing.text


def test_assigning_an_unpublished_course_is_refused_with_a_message(client):
    client.force_login(with_role(ADMINISTRATION))
    course = make_course(live=False)
    response = client.post(
        ENROLMENTS + "new/", {"user": UserFactory().pk, "course": course.pk, "due_date": ""}
    )
    assert response.status_code == 200
    assert "Diese Fortbildung ist nicht verfügbar." in response.text
    assert not Enrolment.objects.exists()


def test_only_administration_sees_the_enrolment_admin(client):
    client.force_login(with_role(MANAGERS))
    assert client.get(ENROLMENTS).status_code in (302, 403)
    assert client.post(ENROLMENTS + "new/", {}).status_code in (302, 403)
    enrolment = services.enrolment_create(user=UserFactory(), course=make_course())
    client.force_login(with_role(ADMINISTRATION))
    assert client.get(f"{ENROLMENTS}delete/{enrolment.pk}/").status_code in (302, 403)
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
