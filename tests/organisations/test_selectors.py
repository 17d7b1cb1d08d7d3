import pytest

from organisations.models import ManagerScope
from organisations.selectors import organisations_in_scope, users_in_scope
from tests.factories import OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    oberhausen = RegionFactory(name="Oberhausen")
    gelsenkirchen = RegionFactory(name="Gelsenkirchen")
    jc_ob = OrganisationFactory(name="Jobcenter Oberhausen", region=oberhausen)
    fz_ob = OrganisationFactory(name="Familienzentrum Oberhausen", region=oberhausen)
    ja_ge = OrganisationFactory(name="Jugendamt Gelsenkirchen", region=gelsenkirchen)
    return {
        "oberhausen": oberhausen,
        "jc_ob": jc_ob,
        "fz_ob": fz_ob,
        "ja_ge": ja_ge,
        "ob_person": UserFactory(organisation=jc_ob),
        "fz_person": UserFactory(organisation=fz_ob),
        "ge_person": UserFactory(organisation=ja_ge),
        "nobody": UserFactory(organisation=None),
    }


def test_region_scope_sees_only_people_of_that_region(world, django_assert_num_queries):
    manager = UserFactory(organisation=world["jc_ob"])
    ManagerScope.objects.create(manager=manager).regions.add(world["oberhausen"])
    # Django loads a user's permissions once per request (cached on the user object).
    manager.get_all_permissions()
    with django_assert_num_queries(1):
        people = set(users_in_scope(manager))
    assert world["ob_person"] in people and world["fz_person"] in people
    assert world["ge_person"] not in people and world["nobody"] not in people


def test_organisation_scope_sees_only_that_organisation(world):
    manager = UserFactory()
    ManagerScope.objects.create(manager=manager).organisations.add(world["ja_ge"])
    assert list(users_in_scope(manager)) == [world["ge_person"]]
    assert list(organisations_in_scope(manager)) == [world["ja_ge"]]


def test_mixed_scope_is_the_union(world):
    manager = UserFactory()
    scope = ManagerScope.objects.create(manager=manager)
    scope.organisations.add(world["ja_ge"])
    scope.regions.add(world["oberhausen"])
    assert set(users_in_scope(manager)) >= {
        world["ob_person"],
        world["fz_person"],
        world["ge_person"],
    }
    assert world["nobody"] not in set(users_in_scope(manager))


def test_no_scope_sees_nobody(world):
    someone = UserFactory()
    assert not users_in_scope(someone).exists()


def test_deactivated_manager_sees_nobody(world):
    manager = UserFactory(is_active=False)
    ManagerScope.objects.create(manager=manager).regions.add(world["oberhausen"])
    assert not users_in_scope(manager).exists()


def test_administrators_see_everyone(world):
    admin = UserFactory(is_superuser=True)
    assert users_in_scope(admin).count() == 5


def _in_group(name, **kwargs):
    from django.contrib.auth.models import Group

    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=name))
    return user


def test_administration_members_see_everyone_without_being_superusers(world):
    from lms.roles import ADMINISTRATION
    from organisations.selectors import people_visible_to, regions_visible_to

    admin = _in_group(ADMINISTRATION, organisation=None)
    assert not admin.is_superuser
    assert set(people_visible_to(admin)) >= {
        world["ob_person"],
        world["ge_person"],
        world["nobody"],
    }
    assert set(organisations_in_scope(admin)) == {world["jc_ob"], world["fz_ob"], world["ja_ge"]}
    assert {region.name for region in regions_visible_to(admin)} == {"Oberhausen", "Gelsenkirchen"}


def test_the_permission_comes_from_the_data_migration():
    from django.contrib.auth.models import Group

    from lms.roles import ADMINISTRATION, MANAGERS, TRAINERS

    def perms(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "view_all_people" in perms(ADMINISTRATION)
    assert "view_all_people" not in perms(MANAGERS) | perms(TRAINERS)


def test_being_responsible_for_a_course_never_widens_a_manager_scope(world):
    from courses.models import Enrolment
    from organisations.selectors import people_visible_to
    from tests.factories import make_course

    manager = UserFactory(organisation=world["jc_ob"])
    ManagerScope.objects.create(manager=manager).regions.add(world["oberhausen"])
    course = make_course(title="Kinderschutz", modules=1)
    course.responsible_trainers.add(manager)
    course.save()  # a ParentalManyToManyField is written on save
    assert manager.responsible_for_courses.exists()
    Enrolment.objects.create(user=world["ge_person"], course=course)
    assert world["ge_person"] not in set(people_visible_to(manager))


def test_anonymous_sees_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    from organisations.selectors import people_visible_to, regions_visible_to

    assert not people_visible_to(AnonymousUser()).exists()
    assert not regions_visible_to(AnonymousUser()).exists()
