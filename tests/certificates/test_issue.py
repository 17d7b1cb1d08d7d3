import hashlib
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.db.models.deletion import ProtectedError

from certificates.codes import format_code, normalise_code
from certificates.models import Certificate, ImmutableCertificateError, Status
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificate_verify,
)
from courses import services as courses
from courses.models import ModulePage
from tests.factories import UserFactory, make_course

from .factories import completed_enrolment, run_on_commit, stored_pdf_text

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_certificate_and_mails_the_holder():
    user = UserFactory(first_name="Ayşe", last_name="Yıldız")
    course = make_course(modules=2, title="Netzwerke stärken")
    enrolment = courses.enrolment_create(user=user, course=course)
    with run_on_commit():
        for module in course.modules():
            courses.module_complete(user=user, module=module, via="manual")

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == "Ayşe Yıldız"
    assert certificate.course_title == "Netzwerke stärken"
    assert certificate.modules == [
        {"title": "Modul 1", "units": "2.0"},
        {"title": "Modul 2", "units": "2.0"},
    ]
    assert str(certificate.total_units) == "4.0"
    assert certificate.status == Status.VALID
    assert [m.subject for m in mail.outbox] == ["Ihre Teilnahmebescheinigung ist da"]
    assert f"/bescheinigungen/{certificate.pk}/herunterladen/" in mail.outbox[0].body


def test_admin_completion_issues_too_and_issue_is_idempotent():
    enrolment = completed_enrolment()
    first = Certificate.objects.get(enrolment=enrolment)
    assert certificate_issue(enrolment=enrolment) == first
    assert Certificate.objects.count() == 1


def test_cannot_issue_before_completion():
    enrolment = courses.enrolment_create(user=UserFactory(), course=make_course())
    with pytest.raises(CertificateError, match="noch nicht abgeschlossen"):
        certificate_issue(enrolment=enrolment)


def test_serial_numbers_count_per_year():
    with time_machine.travel("2026-12-31 10:00 +01:00", tick=False):
        a = completed_enrolment().certificates.get()
        b = completed_enrolment().certificates.get()
    with time_machine.travel("2027-01-02 10:00 +01:00", tick=False):
        c = completed_enrolment().certificates.get()
    assert [a.serial, b.serial, c.serial] == [
        "KOFO-2026-000001",
        "KOFO-2026-000002",
        "KOFO-2027-000001",
    ]


def test_code_has_160_random_bits_and_is_typed_tolerantly():
    certificate = completed_enrolment().certificates.get()
    assert len(certificate.code) == 32  # base32: 5 bits per character
    printed = format_code(certificate.code)
    assert printed.count("-") == 7
    typed = " " + printed.lower().replace("-", " ") + " "
    assert normalise_code(typed) == certificate.code
    assert certificate_verify(code=typed) == certificate


def test_snapshot_survives_renaming_course_modules_and_person():
    user = UserFactory(first_name="Łukasz", last_name="Wójcik")
    enrolment = completed_enrolment(user=user, title="Alter Titel")
    certificate = enrolment.certificates.get()
    pdf_before = stored_pdf_text(certificate)

    course = enrolment.course
    course.title = "Neuer Titel"
    course.save_revision().publish()
    module = ModulePage.objects.child_of(course).first()
    module.title, module.units = "Umbenannt", 9
    module.save_revision().publish()
    user.first_name = "Lukas"
    user.save()

    certificate.refresh_from_db()
    assert certificate.course_title == "Alter Titel"
    assert certificate.holder_name == "Łukasz Wójcik"
    assert certificate.modules[0] == {"title": "Modul 1", "units": "2.0"}
    text = stored_pdf_text(certificate)
    assert text == pdf_before
    assert "Alter Titel" in text and "Łukasz Wójcik" in text and "Neuer Titel" not in text


def test_snapshot_fields_cannot_be_changed_but_the_status_can():
    certificate = completed_enrolment().certificates.get()
    certificate.holder_name = "Jemand anderes"
    with pytest.raises(ImmutableCertificateError):
        certificate.save()
    certificate.refresh_from_db()
    certificate_revoke(certificate=certificate, reason="Falsche Person", by=None)
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED


def test_stored_pdf_matches_its_checksum_and_lives_outside_media(settings):
    certificate = completed_enrolment().certificates.get()
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
    assert str(settings.MEDIA_ROOT) not in certificate.pdf.path
    assert certificate.serial not in certificate.pdf.name.split("/")[1]  # random directory


def test_validity_months_give_valid_until_and_expiry():
    with time_machine.travel("2026-03-31 12:00 +02:00", tick=False):
        certificate = completed_enrolment(validity_months=11).certificates.get()
    assert certificate.valid_until == date(2027, 2, 27)
    with time_machine.travel("2027-03-01 12:00 +01:00", tick=False):
        assert certificate.is_expired


def test_revoke_needs_a_reason():
    certificate = completed_enrolment().certificates.get()
    with pytest.raises(CertificateError, match="Grund"):
        certificate_revoke(certificate=certificate, reason="  ", by=None)


def test_reissue_supersedes_the_old_certificate_with_todays_name():
    user = UserFactory(first_name="Zoe", last_name="Muller")
    old = completed_enrolment(user=user).certificates.get()
    user.first_name, user.last_name = "Zoë", "Müller-Lüdenscheidt"
    user.save()

    new = certificate_reissue(certificate=old)

    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED and old.superseded_by == new
    assert new.holder_name == "Zoë Müller-Lüdenscheidt"
    assert new.serial != old.serial and new.code != old.code
    assert certificate_issue(enrolment=new.enrolment) == new


def test_refresher_completion_gets_a_new_certificate():
    enrolment = completed_enrolment()
    enrolment.completed_at = None
    enrolment.save()
    with time_machine.travel("2028-01-10 10:00 +01:00", tick=False), run_on_commit():
        courses.enrolment_mark_completed(enrolment=enrolment)
    assert enrolment.certificates.count() == 2


def test_certificates_protect_the_enrolment():
    enrolment = completed_enrolment()
    with pytest.raises(ProtectedError):
        enrolment.delete()


def test_a_revoked_certificate_stays_revoked():
    """Final states stay final: no re-issue, no second revocation of a replaced one, no
    status change through the model, and issuing again returns the revoked record."""
    from certificates.services import certificate_reinstate

    certificate = completed_enrolment().certificates.get()
    by = UserFactory()
    certificate_revoke(certificate=certificate, reason="Betrug", by=by)
    with pytest.raises(CertificateError, match="kann nicht neu ausgestellt werden"):
        certificate_reissue(certificate=certificate)
    assert certificate_issue(enrolment=certificate.enrolment).pk == certificate.pk
    certificate.refresh_from_db()
    certificate.status = Status.VALID
    with pytest.raises(ImmutableCertificateError):
        certificate.save(update_fields=["status"])
    with pytest.raises(CertificateError, match="Grund"):
        certificate_reinstate(certificate=certificate, reason="  ", by=by)
    new = certificate_reinstate(certificate=certificate, reason="Nachweis liegt vor", by=by)
    assert new.status == Status.VALID
    assert certificate_issue(enrolment=certificate.enrolment).pk == new.pk
    certificate_reissue(certificate=new)
    new.refresh_from_db()
    with pytest.raises(CertificateError, match="ersetzt"):
        certificate_revoke(certificate=new, reason="zu spät", by=by)
