import datetime

import pytest

from certificates.models import Certificate
from events.attendance import attendance_record
from events.models import Attendance
from events.services import registration_create
from tests.certificates.factories import pdf_text, run_on_commit, stored_pdf_text
from tests.factories import UserFactory, make_course

from .conftest import berlin, enrolled, make_offering, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.KOFO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_certificate_lists_the_attended_date_and_place_and_counts_its_ue(
    time_machine, client
):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    course = make_course(modules=1, title="Kooperation vor Ort")  # 1 online module, 2 UE
    _course, module = make_session(course, units="6.0")
    offering = make_offering(
        module,
        dates=[(berlin(2027, 3, 12, 9), berlin(2027, 3, 12, 16))],
        deadline=berlin(2027, 3, 10, 12),
    )
    learner = enrolled(course)
    registration = registration_create(user=learner, offering=offering)
    from courses.services import module_complete

    module_complete(user=learner, module=course.modules().first(), via="manual")
    time_machine.move_to(datetime.datetime(2027, 3, 12, 15, tzinfo=datetime.UTC), tick=False)
    with run_on_commit():
        attendance_record(
            offering=offering,
            course=course,
            registration_ids=[registration.pk],
            attendance=Attendance.PRESENT,
            recorded_by=UserFactory(),
        )

    certificate = Certificate.objects.get(holder=learner)
    assert certificate.total_units == 8
    session = next(m for m in certificate.modules if m["title"] == module.title)
    assert session["session"] == "12.03.2027, Familienzentrum Hamm, Marktplatz 1, 59065 Hamm"
    assert "12.03.2027, Familienzentrum Hamm" in stored_pdf_text(certificate)
    client.force_login(learner)
    page = client.get(f"/bescheinigungen/{certificate.pk}/").content.decode()
    assert "12.03.2027, Familienzentrum Hamm" in page


def test_the_attendance_list_pdf_prints_names_organisations_and_signature_columns(
    time_machine, client
):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    course, module = make_session()
    offering = make_offering(
        module,
        dates=[
            (berlin(2027, 3, 12, 9), berlin(2027, 3, 12, 16)),
            (berlin(2027, 3, 19, 9), berlin(2027, 3, 19, 16)),
        ],
        deadline=berlin(2027, 3, 10, 12),
    )
    learner = enrolled(course, kind="familienzentrum", last_name="Öztürk")
    registration_create(user=learner, offering=offering)
    trainer = UserFactory()
    offering.trainers.add(trainer)
    offering.save()
    client.force_login(trainer)

    text = pdf_text(client.get(offering.url + "attendance/pdf/").content)

    assert "Öztürk" in text and "Org familienzentrum" in text
    assert "Unterschrift 12.03.2027" in text and "Unterschrift 19.03.2027" in text
