import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import MANAGERS
from certificates.models import Certificate, Status
from organisations.models import ManagerScope
from tests.factories import UserFactory

from .factories import completed_enrolment, pdf_text, run_on_commit

pytestmark = pytest.mark.django_db

INDEX = "certificates_certificate:index"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_listing_filters_by_status_and_exports_csv(admin_client):
    keep = completed_enrolment(title="Bleibt").certificates.get()
    gone = completed_enrolment(title="Widerrufen").certificates.get()
    gone.status = Status.REVOKED
    gone.save(update_fields=["status"])

    page = admin_client.get(reverse(INDEX), {"status": "valid"}).text
    assert keep.serial in page and gone.serial not in page

    csv = admin_client.get(reverse(INDEX), {"export": "csv"})
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode()
    assert keep.serial in body and gone.serial in body


def test_nobody_can_edit_or_delete_a_certificate(admin_client):
    certificate = completed_enrolment().certificates.get()
    for name in ("edit", "delete"):
        url = reverse(f"certificates_certificate:{name}", args=[certificate.pk])
        assert admin_client.get(url).status_code in (302, 403)
    inspect = admin_client.get(reverse("certificates_certificate:inspect", args=[certificate.pk]))
    assert inspect.status_code == 200 and certificate.serial in inspect.text


def test_revoke_with_reason_and_reissue(admin_client):
    certificate = completed_enrolment().certificates.get()
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    assert "Grund" in admin_client.post(url, {"reason": ""}).text
    admin_client.post(url, {"reason": "Teilnahme nicht nachgewiesen"})
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.revoked_reason == "Teilnahme nicht nachgewiesen"

    with run_on_commit():
        admin_client.post(reverse("certificates_admin:reissue", args=[certificate.pk]))
    certificate.refresh_from_db()
    assert certificate.status == Status.SUPERSEDED
    assert certificate.superseded_by.status == Status.VALID


def test_preview_renders_a_sample_before_anything_is_issued(admin_client):
    response = admin_client.get(reverse("certificates_admin:preview"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Teilnahmebescheinigung" in text and "Zoë Müller-Lüdenscheidt" in text
    assert not Certificate.objects.exists()


def test_zip_of_the_filtered_pdfs_is_built_and_only_its_requester_downloads_it(admin_client):
    first = completed_enrolment(title="A").certificates.get()
    second = completed_enrolment(course=first.course).certificates.get()
    completed_enrolment(title="B")
    course = first.course_id
    with run_on_commit():
        response = admin_client.post(reverse("certificates_admin:zip_new") + f"?course={course}")
    status = admin_client.get(response.url)
    assert "bereit" in status.text
    download = admin_client.get(response.url + "herunterladen/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == sorted([f"{first.serial}.pdf", f"{second.serial}.pdf"])

    admin_client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert admin_client.get(response.url + "herunterladen/").status_code == 404


def test_manager_lists_only_people_in_scope(client):
    inside = completed_enrolment().certificates.get()
    outside = completed_enrolment().certificates.get()
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).organisations.add(inside.organisation)
    client.force_login(manager)
    page = client.get(reverse(INDEX)).text
    assert inside.serial in page and outside.serial not in page
    inspect = reverse("certificates_certificate:inspect", args=[outside.pk])
    assert client.get(inspect).status_code == 404
    revoke = reverse("certificates_admin:revoke", args=[inside.pk])
    assert client.post(revoke, {"reason": "x"}).status_code == 302  # to the admin home
    inside.refresh_from_db()
    assert inside.status == Status.VALID


def test_template_settings_page_links_to_the_preview(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["certificates", "certificatesettings", site.pk])
    page = admin_client.get(url).text
    assert reverse("certificates_admin:preview") in page
    assert "Vorschau einer Muster-Bescheinigung" in page


def test_reissue_after_a_name_change_to_chinese_characters_says_which_ones(admin_client):
    certificate = completed_enrolment().certificates.get()
    holder = certificate.holder
    holder.first_name, holder.last_name = "李", "娜"
    holder.save()

    response = admin_client.post(
        reverse("certificates_admin:reissue", args=[certificate.pk]), follow=True
    )
    assert response.status_code == 200
    page = response.text
    assert "wurde nicht ausgestellt" in page and "李 (U+674E" in page and "娜 (U+5A1C" in page
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID  # the old one stays valid
    assert Certificate.objects.count() == 1


def test_preview_with_unprintable_template_text_is_a_400_with_the_characters(admin_client):
    from wagtail.models import Site

    from certificates.models import CertificateSettings

    template = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    template.place = "東京"
    template.save()
    response = admin_client.get(reverse("certificates_admin:preview"))
    assert response.status_code == 400
    assert "Ort: 東 (U+6771" in response.text
