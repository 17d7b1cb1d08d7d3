import pytest

from certificates.models import Status
from certificates.selectors import newest_valid_certificates
from certificates.services import certificate_reissue, certificate_revoke
from courses.extensions import completed_actions

from .factories import completed_enrolment

pytestmark = pytest.mark.django_db


def test_selector_fetches_many_enrolments_in_one_query(django_assert_num_queries):
    enrolments = [completed_enrolment() for _ in range(4)]
    certificate_revoke(certificate=enrolments[0].certificates.get(), reason="x", by=None)
    newer = certificate_reissue(certificate=enrolments[1].certificates.get())
    with django_assert_num_queries(1):
        found = newest_valid_certificates(enrolments)
    assert enrolments[0].pk not in found
    assert found[enrolments[1].pk] == newer
    assert all(c.status == Status.VALID for c in found.values())


def test_completed_enrolments_get_the_download_link_or_nothing(django_assert_num_queries):
    """courses.extensions asks the hook certificates registers: the course page and the cards
    show the download of the newest valid certificate, and nothing once it is revoked."""
    enrolment = completed_enrolment()
    certificate = enrolment.certificates.get()
    # 1 for the certificates of all rows, 1 for the Kooperationsnetz (network.wagtail_hooks:
    # which of the courses are cooperative); still none per row.
    with django_assert_num_queries(2):
        html = completed_actions([enrolment])[enrolment.pk]
    assert html.count(f'href="/bescheinigungen/{certificate.pk}/herunterladen/"') == 1
    assert "Bescheinigung herunterladen" in html

    certificate_revoke(certificate=certificate, reason="x", by=None)
    assert completed_actions([enrolment]) == {}


def test_missing_certificates_are_issued_by_the_sweep_command():
    from io import StringIO

    from django.core.management import call_command

    from certificates.models import Certificate

    enrolment = completed_enrolment()
    Certificate.objects.all().delete()  # as if the background task had failed
    out = StringIO()
    call_command("issue_missing_certificates", stdout=out)
    assert "1 Teilnahmebescheinigung" in out.getvalue()
    assert enrolment.certificates.count() == 1
    call_command("issue_missing_certificates", stdout=StringIO())
    assert enrolment.certificates.count() == 1
