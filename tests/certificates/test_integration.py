import pytest
from django.template import Context, Template

from certificates.models import Status
from certificates.selectors import newest_valid_certificates
from certificates.services import certificate_reissue, certificate_revoke

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


def test_include_renders_the_download_link_or_nothing():
    enrolment = completed_enrolment()
    certificate = enrolment.certificates.get()
    template = Template(
        "{% load certificates_tags %}[{% certificate_link enrolment=enrolment %}]"
        "[{% certificate_link user=user course=course %}]"
        "[{% certificate_link certificate=certificates|certificate_for:enrolment %}]"
    )
    context = {
        "enrolment": enrolment,
        "user": enrolment.user,
        "course": enrolment.course,
        "certificates": newest_valid_certificates([enrolment]),
    }
    html = template.render(Context(context))
    assert html.count(f'href="/bescheinigungen/{certificate.pk}/herunterladen/"') == 3
    assert "Bescheinigung herunterladen" in html

    certificate_revoke(certificate=certificate, reason="x", by=None)
    context["certificates"] = newest_valid_certificates([enrolment])
    assert template.render(Context(context)).strip() == "[][][]"


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
