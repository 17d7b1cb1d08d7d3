import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from courses.models import Enrolment, ModuleCompletion
from events.attendance import attendance_record, reminders_send
from events.models import Attendance, Registration
from events.services import RegistrationError, registration_cancel, registration_create
from tests.factories import UserFactory, make_course

from .conftest import berlin, enrolled, make_offering, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(db, time_machine):
    """A session in Hamm on 12.03.2027, 9–16 h, with two people; it is now the afternoon."""
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    course, module = make_session(make_course(modules=0, title="Kooperation vor Ort"))
    trainer = UserFactory(first_name="Tanja", last_name="Trainerin")
    offering = make_offering(
        module,
        capacity=5,
        dates=[(berlin(2027, 3, 12, 9), berlin(2027, 3, 12, 16))],
        deadline=berlin(2027, 3, 10, 12),
    )
    offering.trainers.add(trainer)
    offering.save()
    people = [enrolled(course, kind=kind) for kind in ("jobcenter", "agentur")]
    registrations = [registration_create(user=p, offering=offering) for p in people]
    time_machine.move_to(datetime.datetime(2027, 3, 12, 14, tzinfo=datetime.UTC), tick=False)
    return course, module, offering, trainer, people, registrations


def test_marking_present_completes_the_session_module_and_the_course(held):
    course, module, offering, trainer, people, registrations = held
    count = attendance_record(
        offering=offering,
        course=course,
        registration_ids=[r.pk for r in registrations],
        attendance=Attendance.PRESENT,
        recorded_by=trainer,
    )
    assert count == 2
    completion = ModuleCompletion.objects.get(user=people[0], module=module)
    assert completion.recorded_by == trainer
    assert "Familienzentrum Hamm" in completion.reason and "12.03.2027" in completion.reason
    assert Enrolment.objects.get(user=people[0], course=course).completed_at is not None
    # a recorded attendance keeps the registration
    with pytest.raises(RegistrationError):
        registration_cancel(registration=Registration.objects.get(pk=registrations[0].pk))


def test_excused_and_absent_complete_nothing(held):
    course, module, offering, trainer, people, registrations = held
    attendance_record(
        offering=offering,
        course=course,
        registration_ids=[registrations[0].pk],
        attendance=Attendance.EXCUSED,
        recorded_by=trainer,
    )
    attendance_record(
        offering=offering,
        course=course,
        registration_ids=[registrations[1].pk],
        attendance=Attendance.ABSENT,
        recorded_by=trainer,
    )
    assert not ModuleCompletion.objects.filter(module=module).exists()
    assert set(Registration.objects.values_list("attendance", flat=True)) == {"excused", "absent"}


def test_the_attendance_screen_marks_several_people_at_once(held, client):
    course, module, offering, trainer, people, registrations = held
    client.force_login(trainer)
    url = offering.url + "attendance/"
    page = client.get(url).content.decode()
    assert people[0].last_name in page and "Org jobcenter" in page

    response = client.post(
        url, {"attendance": "present", "registrations": [r.pk for r in registrations]}
    )

    assert response.status_code == 302
    assert ModuleCompletion.objects.filter(module=module).count() == 2
    assert "Anwesenheit für 2 Personen gespeichert" in client.get(url).content.decode()


def test_the_attendance_screen_says_what_is_missing_and_refuses_before_the_start(
    held, client, time_machine
):
    course, module, offering, trainer, people, registrations = held
    client.force_login(trainer)
    url = offering.url + "attendance/"
    response = client.post(url, {"attendance": "present"})
    assert "Bitte wählen Sie mindestens eine Person aus." in response.content.decode()
    time_machine.move_to(datetime.datetime(2027, 3, 11, 9, tzinfo=datetime.UTC), tick=False)
    response = client.post(url, {"attendance": "present", "registrations": [registrations[0].pk]})
    assert "ab Beginn des Termins" in response.content.decode()
    assert not ModuleCompletion.objects.exists()


def test_learners_see_neither_the_attendance_screen_nor_the_list(held, client):
    course, module, offering, trainer, people, registrations = held
    client.force_login(people[0])
    assert client.get(offering.url + "attendance/").status_code == 403
    assert client.get(offering.url + "attendance/pdf/").status_code == 403


def test_the_printable_attendance_list_is_a_pdf(held, client):
    course, module, offering, trainer, people, registrations = held
    client.force_login(trainer)
    response = client.get(offering.url + "attendance/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_reminder_goes_out_the_day_before_once(held, time_machine):
    course, module, offering, trainer, people, registrations = held
    time_machine.move_to(datetime.datetime(2027, 3, 11, 6, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()
    assert reminders_send() == 2
    assert {m.to[0] for m in mail.outbox} == {p.email for p in people}
    assert all(m.subject.startswith("Morgen:") for m in mail.outbox)
    call_command("send_session_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_no_reminder_two_days_before(held, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 10, 6, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()
    assert reminders_send() == 0


def test_after_an_absence_a_later_offering_can_be_chosen_but_not_after_attending(held):
    course, module, offering, trainer, people, registrations = held
    attendance_record(
        offering=offering,
        course=course,
        registration_ids=[registrations[0].pk],
        attendance=Attendance.PRESENT,
        recorded_by=trainer,
    )
    attendance_record(
        offering=offering,
        course=course,
        registration_ids=[registrations[1].pk],
        attendance=Attendance.ABSENT,
        recorded_by=trainer,
    )
    later = make_offering(
        module,
        title="Düsseldorf",
        dates=[(berlin(2027, 5, 7, 9), berlin(2027, 5, 7, 16))],
        deadline=berlin(2027, 5, 1, 12),
    )
    assert registration_create(user=people[1], offering=later).status == "confirmed"
    with pytest.raises(RegistrationError, match="bereits teilgenommen"):
        registration_create(user=people[0], offering=later)
