import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.codes import format_code
from certificates.services import certificate_revoke, certificate_verify
from organisations.models import ManagerScope
from tests.factories import OrganisationFactory, UserFactory

from .factories import completed_enrolment, pdf_text

pytestmark = pytest.mark.django_db

NAMES = ["Ayşe Yıldız", "Łukasz Wójcik", "Nguyễn Thị Minh", "Zoë Müller-Lüdenscheidt"]


def _download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.pk]))


@pytest.mark.parametrize("name", NAMES)
def test_holder_downloads_the_pdf_with_the_exact_name(client, name):
    first, last = name.rsplit(" ", 1)
    user = UserFactory(first_name=first, last_name=last)
    certificate = completed_enrolment(user=user, title="Stark im Beruf").certificates.get()
    client.force_login(user)

    listing = client.get(reverse("certificates:mine"))
    assert "Bescheinigung herunterladen" in listing.text
    assert "Stark im Beruf" in listing.text

    response = _download(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(b"".join(response.streaming_content))
    assert name in text
    assert "Teilnahmebescheinigung" in text
    assert "„Stark im Beruf“" in text
    assert "erfolgreich abgeschlossen" in text
    assert certificate.serial in text and format_code(certificate.code) in text
    assert "4,0 UE" in text


def test_strangers_and_managers_outside_scope_get_404_managers_in_scope_and_admins_200(client):
    holder = UserFactory()
    certificate = completed_enrolment(user=holder).certificates.get()

    client.force_login(UserFactory())
    assert _download(client, certificate).status_code == 404

    outside = UserFactory()
    ManagerScope.objects.create(manager=outside).organisations.add(OrganisationFactory())
    client.force_login(outside)
    assert _download(client, certificate).status_code == 404

    inside = UserFactory()
    ManagerScope.objects.create(manager=inside).regions.add(holder.organisation.region)
    client.force_login(inside)
    assert _download(client, certificate).status_code == 200

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert _download(client, certificate).status_code == 200

    client.logout()
    assert _download(client, certificate).status_code == 302  # to the login page


def test_my_certificates_lists_only_my_own(client):
    mine = completed_enrolment(title="Meine Fortbildung").certificates.get()
    completed_enrolment(title="Fremde Fortbildung")
    client.force_login(mine.holder)
    page = client.get(reverse("certificates:mine")).text
    assert "Meine Fortbildung" in page and "Fremde Fortbildung" not in page


def test_verification_shows_only_the_public_facts(client, django_assert_num_queries):
    certificate = completed_enrolment(title="Netzwerke").certificates.get()
    url = reverse("certificates:verify", args=[format_code(certificate.code)])
    with django_assert_num_queries(1):
        assert certificate_verify(code=format_code(certificate.code)) == certificate
    response = client.get(url)
    assert response.status_code == 200
    page = response.text
    assert "gültig" in page
    assert certificate.holder_name in page and "Netzwerke" in page and "4,0 UE" in page
    assert certificate.holder.email not in page
    assert certificate.organisation_name not in page


def test_verification_says_revoked_with_date_and_expired(client):
    certificate = completed_enrolment().certificates.get()
    url = reverse("certificates:verify", args=[certificate.code.lower()])
    with time_machine.travel("2027-05-04 12:00 +02:00", tick=False):
        certificate_revoke(certificate=certificate, reason="Fehler", by=None)
    assert "am 04.05.2027 widerrufen" in client.get(url).text

    expiring = completed_enrolment(validity_months=12).certificates.get()
    url = reverse("certificates:verify", args=[expiring.code])
    with time_machine.travel("2029-01-01 12:00 +01:00", tick=False):
        assert "abgelaufen" in client.get(url).text


def test_code_typed_into_the_form_with_spaces_and_dashes(client):
    certificate = completed_enrolment().certificates.get()
    typed = " " + format_code(certificate.code).lower().replace("-", " - ") + " "
    response = client.get(reverse("certificates:verify_form"), {"code": typed}, follow=True)
    assert "Diese Teilnahmebescheinigung ist gültig." in response.text


def test_unknown_codes_are_friendly_and_then_throttled(client, django_assert_num_queries):
    url = reverse("certificates:verify", args=["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"])
    with django_assert_num_queries(1):
        assert certificate_verify(code="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH") is None
    response = client.get(url)
    assert response.status_code == 404
    assert "nicht gefunden" in response.text
    for _attempt in range(9):
        client.get(url)
    throttled = client.get(url)
    assert throttled.status_code == 429
    assert "Zu viele" in throttled.text
    # Another address is not affected.
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_verification_page_runs_the_same_few_queries_for_any_certificate(client):
    certificates = [completed_enrolment().certificates.get() for _ in range(3)]
    client.get(reverse("certificates:verify", args=[certificates[0].code]))  # site set-up
    counts = set()
    for certificate in certificates:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("certificates:verify", args=[certificate.code]))
        counts.add(len(queries))
    # One for the certificate; the rest is the shared page frame (site, footer links).
    assert len(counts) == 1 and counts.pop() <= 4


def test_the_accessible_page_shows_the_certificate_to_holder_and_admin_only(client):
    holder = UserFactory(first_name="Łukasz", last_name="Wójcik")
    certificate = completed_enrolment(user=holder, title="Netzwerke stärken").certificates.get()
    url = reverse("certificates:view", args=[certificate.pk])

    client.force_login(holder)
    listing = client.get(reverse("certificates:mine")).text
    assert f'href="{url}"' in listing and "Barrierefreie Fassung" in listing
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = response.text
    for fact in (
        "<h1",
        "Łukasz Wójcik",
        "„Netzwerke stärken“",
        "Modul 1",
        "4,0 UE",
        certificate.serial,
        format_code(certificate.code),
        f"/bescheinigungen/pruefen/{certificate.code}/",
        '<th scope="col">Modul</th>',
    ):
        assert fact in page
    assert page.index("Łukasz Wójcik") < page.index("Netzwerke stärken") < page.index("Modul 1")

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_course_page_links_the_accessible_version_next_to_the_download(client):
    certificate = completed_enrolment(title="Stark im Beruf").certificates.get()
    client.force_login(certificate.holder)
    page = client.get(certificate.course.url).text
    assert reverse("certificates:download", args=[certificate.pk]) in page
    assert reverse("certificates:view", args=[certificate.pk]) in page
