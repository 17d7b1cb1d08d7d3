import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from certificates.models import Certificate, Status
from lms.roles import MANAGERS
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
    url = reverse("certificates_certificate:revoke", args=[certificate.pk])
    assert "Grund" in admin_client.post(url, {"reason": ""}).text
    admin_client.post(url, {"reason": "Teilnahme nicht nachgewiesen"})
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.revoked_reason == "Teilnahme nicht nachgewiesen"

    valid = completed_enrolment().certificates.get()
    with run_on_commit():
        admin_client.post(reverse("certificates_certificate:reissue", args=[valid.pk]))
    valid.refresh_from_db()
    assert valid.status == Status.SUPERSEDED
    assert valid.superseded_by.status == Status.VALID


def test_a_revoked_certificate_cannot_be_reissued(admin_client):
    certificate = completed_enrolment().certificates.get()
    admin_client.post(
        reverse("certificates_certificate:revoke", args=[certificate.pk]), {"reason": "Betrug"}
    )
    url = reverse("certificates_certificate:reissue", args=[certificate.pk])
    for response in (admin_client.get(url, follow=True), admin_client.post(url, follow=True)):
        assert response.status_code == 200
        assert "Eine widerrufene Teilnahmebescheinigung kann nicht neu ausgestellt werden" in (
            response.text
        )
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED and certificate.superseded_by is None
    assert Certificate.objects.filter(status=Status.VALID).count() == 0
    inspect = admin_client.get(reverse("certificates_certificate:inspect", args=[certificate.pk]))
    assert url not in inspect.text
    assert reverse("certificates_certificate:reinstate", args=[certificate.pk]) in inspect.text


def test_reinstatement_needs_a_reason_and_is_logged_on_the_inspect_page(client):
    from lms.roles import ADMINISTRATION

    admin = UserFactory(first_name="Petra", last_name="Prüferin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATION))
    client.force_login(admin)
    revoked = completed_enrolment().certificates.get()
    client.post(
        reverse("certificates_certificate:revoke", args=[revoked.pk]), {"reason": "Irrtum?"}
    )
    url = reverse("certificates_certificate:reinstate", args=[revoked.pk])
    assert "Dieses Feld muss ausgefüllt werden." in client.post(url, {"reason": " "}).text
    assert not Certificate.objects.filter(status=Status.VALID).exists()

    with run_on_commit():
        response = client.post(url, {"reason": "Nachweis liegt doch vor"})
    new = Certificate.objects.get(status=Status.VALID)
    assert response.status_code == 302 and response.url.endswith(f"/{new.pk}/")
    revoked.refresh_from_db()
    assert revoked.status == Status.REVOKED  # a final state stays final
    assert (new.enrolment_id, new.completed_at) == (revoked.enrolment_id, revoked.completed_at)
    assert new.serial != revoked.serial and new.code != revoked.code
    for certificate, other in ((new, revoked), (revoked, new)):
        page = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk]))
        assert "Wieder ausgestellt" in page.text and "Petra Prüferin" in page.text
        assert "Nachweis liegt doch vor" in page.text and other.serial in page.text
    # Once reinstated, the same completion cannot be reinstated a second time.
    again = client.post(url, {"reason": "noch einmal"})
    assert "bereits eine gültige Teilnahmebescheinigung" in again.text
    assert Certificate.objects.filter(status=Status.VALID).count() == 1


def test_administration_without_superuser_sees_revokes_and_downloads(client):
    from lms.roles import ADMINISTRATION

    certificate = completed_enrolment().certificates.get()
    admin = UserFactory(organisation=None)
    admin.groups.add(Group.objects.get(name=ADMINISTRATION))
    assert not admin.is_superuser
    client.force_login(admin)
    assert certificate.serial in client.get(reverse(INDEX)).text
    download = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    revoke = reverse("certificates_certificate:revoke", args=[certificate.pk])
    assert client.get(revoke).status_code == 200
    client.post(revoke, {"reason": "Doppelt ausgestellt"})
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED and certificate.revoked_by == admin


def test_filters_offer_a_manager_only_their_scope(client):
    from tests.factories import OrganisationFactory, RegionFactory

    def person(name, region):
        region = RegionFactory(name=region)
        return UserFactory(organisation=OrganisationFactory(name=name, region=region))

    inside = completed_enrolment(
        user=person("Familienzentrum Oberhausen", "Oberhausen"), title="Innen"
    ).certificates.get()
    outside = completed_enrolment(
        user=person("Jugendamt Gelsenkirchen", "Gelsenkirchen"), title="Außen"
    ).certificates.get()
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=manager).organisations.add(inside.organisation)
    client.force_login(manager)
    page = client.get(reverse(INDEX)).text
    assert inside.organisation.name in page and inside.organisation.region.name in page
    assert outside.organisation.name not in page and outside.organisation.region.name not in page
    assert "Außen" not in page
    forged = client.get(reverse(INDEX), {"organisation": outside.organisation_id}).text
    assert outside.serial not in forged and outside.holder_name not in forged


def test_preview_renders_a_sample_before_anything_is_issued(admin_client):
    response = admin_client.get(reverse("certificates_certificate:preview"))
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
        response = admin_client.post(
            reverse("certificates_certificate:zip_new") + f"?course={course}"
        )
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
    revoke = reverse("certificates_certificate:revoke", args=[inside.pk])
    assert client.post(revoke, {"reason": "x"}).status_code == 302  # to the admin home
    inside.refresh_from_db()
    assert inside.status == Status.VALID


def test_template_settings_page_links_to_the_preview(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["certificates", "certificatesettings", site.pk])
    page = admin_client.get(url).text
    assert reverse("certificates_certificate:preview") in page
    assert "Vorschau einer Muster-Bescheinigung" in page


def test_reissue_after_a_name_change_to_chinese_characters_says_which_ones(admin_client):
    certificate = completed_enrolment().certificates.get()
    holder = certificate.holder
    holder.first_name, holder.last_name = "李", "娜"
    holder.save()

    response = admin_client.post(
        reverse("certificates_certificate:reissue", args=[certificate.pk]), follow=True
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
    response = admin_client.get(reverse("certificates_certificate:preview"))
    assert response.status_code == 400
    assert "Ort: 東 (U+6771" in response.text
