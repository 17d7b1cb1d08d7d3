import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import Enrolment, ModuleCompletion
from lms.roles import MANAGERS
from organisations.models import ManagerScope, OrganisationKind
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course

# A name that must never appear in anything an Oberhausen manager gets.
SECRET = "Gelsenkirchner-Geheimname"


def add_learners(*, course, organisation, count, completed=0, started=0, overdue=0):
    """``count`` learners of ``organisation`` enrolled in ``course``; the first ``completed``
    finished it, the next ``started`` did one module, the next ``overdue`` are past due."""
    modules = list(course.modules())
    past = timezone.localdate() - datetime.timedelta(days=3)
    people = []
    for index in range(count):
        person = UserFactory(organisation=organisation)
        enrolment = Enrolment.objects.create(user=person, course=course)
        if index < completed:
            for module in modules:
                ModuleCompletion.objects.create(user=person, module=module, via="manual")
            enrolment.completed_at = timezone.now()
        elif index < completed + started:
            ModuleCompletion.objects.create(user=person, module=modules[0], via="manual")
        elif index < completed + started + overdue:
            enrolment.due_date = past
        enrolment.save()
        people.append(person)
    return people


@pytest.fixture
def world(db):
    oberhausen = RegionFactory(name="Oberhausen")
    gelsenkirchen = RegionFactory(name="Gelsenkirchen")
    jc_ob = OrganisationFactory(name="Jobcenter Oberhausen", region=oberhausen)
    fz_ob = OrganisationFactory(
        name="Familienzentrum Oberhausen", region=oberhausen, kind=OrganisationKind.FAMILY_CENTRE
    )
    ja_ge = OrganisationFactory(
        name="Jugendamt Gelsenkirchen", region=gelsenkirchen, kind=OrganisationKind.YOUTH_SERVICES
    )
    course = make_course(title="Berufsrückkehr begleiten", modules=3)
    manager = UserFactory(email="chefin@example.org", organisation=jc_ob)
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).regions.add(oberhausen)
    ob = add_learners(course=course, organisation=jc_ob, count=4, completed=1, started=1, overdue=1)
    fz = add_learners(course=course, organisation=fz_ob, count=2, completed=2)
    ge = UserFactory(organisation=ja_ge, last_name=SECRET, email="geheim@example.org")
    Enrolment.objects.create(
        user=ge, course=course, due_date=timezone.localdate() - datetime.timedelta(days=5)
    )
    return {
        "manager": manager,
        "course": course,
        "jc_ob": jc_ob,
        "fz_ob": fz_ob,
        "ja_ge": ja_ge,
        "ob": ob,
        "fz": fz,
        "ge": ge,
    }


@pytest.fixture
def manager_client(client, world):
    client.force_login(world["manager"])
    return client
