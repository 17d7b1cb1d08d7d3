import pytest
from django.contrib.auth.models import Group

from lms import roles
from organisations.models import Organisation
from tests.factories import PASSWORD, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _with_role(role, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_administration_creates_an_organisation_in_the_admin(client):
    region = RegionFactory(name="Hamm")
    client.force_login(_with_role(roles.ADMINISTRATION))
    response = client.get("/verwaltung/organisationen/new/")
    assert response.status_code == 200
    response = client.post(
        "/verwaltung/organisationen/new/",
        {
            "name": "Familienzentrum Hamm-Süd",
            "kind": "familienzentrum",
            "region": region.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Familienzentrum Hamm-Süd").region == region


def test_managers_and_trainers_cannot_manage_organisations(client):
    for role in (roles.MANAGERS, roles.TRAINERS):
        client.force_login(_with_role(role))
        response = client.get("/verwaltung/organisationen/")
        assert response.status_code in (302, 403), role


def test_admin_user_form_keeps_the_certificate_name_and_organisation(client):
    organisation = RegionFactory(name="Oberhausen").organisations.create(
        name="Jobcenter Oberhausen", kind="jobcenter"
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get("/verwaltung/users/new/")
    assert page.status_code == 200
    assert 'name="organisation"' in page.text and 'name="job_title"' in page.text
    response = client.post(
        "/verwaltung/users/new/",
        {
            "email": "neu@example.org",
            "first_name": "Łukasz",
            "last_name": "Wójcik",
            "job_title": "Integrationsfachkraft",
            "organisation": organisation.pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    from accounts.models import User

    created = User.objects.get(email="neu@example.org")
    assert (created.first_name, created.organisation) == ("Łukasz", organisation)
    assert created.check_password(PASSWORD)
