"""The course's "responsible trainers" picker offers and accepts only trainers."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CoursePage
from lms.roles import LEARNERS, TRAINERS
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def _with_role(role, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def _edit_data(course, trainers):
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "learning_objectives": rich_text(""),
            "cover_image_alt": "",
            "target_groups": inline_formset([]),
            "topics": "",
            "enrolment_mode": course.enrolment_mode,
            "validity_months": "",
            "refresher_lead_days": "60",
            "certificate_signatory_name": "",
            "certificate_signatory_role": "",
            "certificate_extra_text": "",
        }
    )
    data["responsible_trainers"] = [person.pk for person in trainers]
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, organisation=None))
    return client


def test_picker_lists_only_trainers(admin_client):
    course = make_course(title="Kinderschutz kompakt", modules=1)
    trainer = _with_role(TRAINERS, last_name="Trainerperson")
    learner = _with_role(LEARNERS, last_name="Lernperson")
    page = admin_client.get(f"/verwaltung/pages/{course.pk}/edit/").text
    picker = page.split('name="responsible_trainers"')[1].split("</select>")[0]
    assert f'value="{trainer.pk}"' in picker
    assert f'value="{learner.pk}"' not in picker and "Lernperson" not in picker


def test_a_learner_posted_as_trainer_is_refused_at_the_field(admin_client):
    course = make_course(title="Kinderschutz kompakt", modules=1)
    learner = _with_role(LEARNERS)
    response = admin_client.post(
        f"/verwaltung/pages/{course.pk}/edit/", _edit_data(course, [learner])
    )
    assert response.status_code == 200
    assert (
        "Nur Mitglieder der Gruppe „Trainer:innen“ können verantwortliche Trainer:innen sein."
        in response.text
    )
    course.refresh_from_db()
    assert not course.responsible_trainers.exists()


def test_a_trainer_is_accepted(admin_client):
    course = make_course(title="Kinderschutz kompakt", modules=1)
    trainer = _with_role(TRAINERS)
    response = admin_client.post(
        f"/verwaltung/pages/{course.pk}/edit/", _edit_data(course, [trainer])
    )
    assert response.status_code == 302, response.text[:3000]
    draft = CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()
    assert list(draft.responsible_trainers.all()) == [trainer]
