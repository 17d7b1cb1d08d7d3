"""Deleting what records refer to: the admin refuses with what refers to it and offers to
unpublish, for single and bulk page deletes and the admin delete views of our models; nothing
is lost and nothing answers 500."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage
from organisations.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def completed_module():
    course = make_course(title="Kinderschutz", modules=2)
    module = course.modules().first()
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    services.module_complete(user=learner, module=module, via="manual")
    return module


def _refused(response, *kinds):
    assert response.status_code == 409
    text = response.text
    assert "Kann nicht gelöscht werden" in text
    assert "Stattdessen depublizieren" in text
    for kind in kinds:
        assert kind in text
    return text


def test_deleting_a_completed_module_shows_what_refers_to_it(admin_client, completed_module):
    url = reverse("wagtailadmin_pages:delete", args=[completed_module.pk])
    _refused(admin_client.get(url), "Modulabschlüsse: 1")
    _refused(admin_client.post(url), "Modulabschlüsse: 1")
    assert ModulePage.objects.filter(pk=completed_module.pk).exists()
    assert ModuleCompletion.objects.filter(module=completed_module).count() == 1


def test_deleting_a_course_counts_its_enrolments(admin_client, completed_module):
    course = completed_module.get_parent()
    text = _refused(admin_client.post(reverse("wagtailadmin_pages:delete", args=[course.pk])))
    assert "Anmeldungen: 1" in text
    assert reverse("wagtailadmin_pages:unpublish", args=[course.pk]) in text
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert Enrolment.objects.count() == 1


def test_bulk_delete_refuses_referenced_pages(admin_client, completed_module):
    untouched = ModulePage.objects.child_of(completed_module.get_parent()).last()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = admin_client.post(f"{url}?id={completed_module.pk}&id={untouched.pk}")
    text = _refused(response, "Modulabschlüsse: 1")
    assert "bulk/wagtailcore/page/unpublish/" in text
    assert ModulePage.objects.filter(pk__in=[completed_module.pk, untouched.pk]).count() == 2


def test_a_module_nobody_completed_can_still_be_deleted(admin_client):
    module = make_course(modules=1).modules().get()
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[module.pk]))
    assert response.status_code == 302
    assert not ModulePage.objects.filter(pk=module.pk).exists()


def test_deleting_an_organisation_with_members_is_refused(admin_client):
    organisation = OrganisationFactory(name="Jobcenter Bottrop")
    UserFactory(organisation=organisation)
    url = reverse("organisation:delete", args=[organisation.pk])
    for response in (admin_client.get(url), admin_client.post(url)):
        assert response.status_code == 409
        assert "Personen: 1" in response.text
    assert Organisation.objects.filter(pk=organisation.pk).exists()
