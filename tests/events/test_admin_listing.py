"""The admin listing of registrations (issue #16 leftovers): trainers see who registered for
their offerings, with status, seat and waiting-list position; nobody else's."""

import pytest
from django.contrib.auth.models import Group

from events.services import registration_create
from lms.roles import ADMINISTRATION, TRAINERS
from tests.factories import UserFactory, make_course

from .conftest import enrolled, make_offering, make_session

pytestmark = pytest.mark.django_db

URL = "/verwaltung/anmeldungen/"


def in_group(name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def sessions(db):
    course, module = make_session()
    hamm = make_offering(module, title="Hamm", capacity=1)
    other_course, other_module = make_session(make_course(modules=0, title="Andere Fortbildung"))
    elsewhere = make_offering(other_module, title="Bergheim", capacity=5)
    names = ["Seda", "Tomasz", "Ulla"]
    people = [enrolled(course, first_name=name, last_name="Hamm") for name in names]
    for person in people:
        registration_create(user=person, offering=hamm)
    registration_create(
        user=enrolled(other_course, first_name="Vera", last_name="Bergheim"), offering=elsewhere
    )
    trainer = in_group(TRAINERS, first_name="Tanja", last_name="Trainerin")
    hamm.trainers.add(trainer)
    hamm.save()
    return hamm, elsewhere, trainer


def rows(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_trainer_sees_status_seat_and_waiting_position_of_their_offering(client, sessions):
    _hamm, _elsewhere, trainer = sessions
    client.force_login(trainer)
    page = rows(client)
    assert "Seda Hamm" in page and "Tomasz Hamm" in page and "Ulla Hamm" in page
    assert "Vera Bergheim" not in page
    assert "Platz bestätigt" in page and page.count("Warteliste") >= 2
    waiting = rows(client, status="waiting")
    assert "Seda Hamm" not in waiting and "Tomasz Hamm" in waiting
    export = client.get(URL, {"export": "csv", "status": "waiting"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].split(";")[4:7] == ["Status", "Platz", "Position auf der Warteliste"]
    assert [line.split(";")[:1] + line.split(";")[4:7] for line in lines[1:]] == [
        ["Tomasz Hamm", "Warteliste", "", "1"],
        ["Ulla Hamm", "Warteliste", "", "2"],
    ]


def test_the_administration_sees_every_offering_and_learners_nothing(client, sessions):
    client.force_login(in_group(ADMINISTRATION))
    page = rows(client)
    assert "Seda Hamm" in page and "Vera Bergheim" in page
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Seda Hamm" not in response.content.decode()


def test_a_trainer_cannot_add_change_or_filter_into_other_offerings(client, sessions):
    hamm, elsewhere, trainer = sessions
    client.force_login(trainer)
    registration = hamm.registrations.first()
    assert client.get(URL + "new/").status_code in (302, 403)
    assert client.get(f"{URL}edit/{registration.pk}/").status_code in (302, 403)
    page = client.get(URL, {"offering": elsewhere.pk}).content.decode()
    assert "Vera Bergheim" not in page
    assert client.get(URL, {"offering": "x"}).status_code == 200
