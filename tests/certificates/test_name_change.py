"""After a name change the profile says what happens to issued certificates and offers to
re-issue them; re-issuing supersedes (never edits) the old ones."""

import pytest
from django.core import mail
from django.urls import reverse

from certificates.models import Certificate, Status
from certificates.services import certificate_issue
from tests.factories import UserFactory

from .factories import completed_enrolment, run_on_commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder_with_certificate():
    holder = UserFactory(first_name="Anna", last_name="Alt", email="anna@example.org")
    enrolment = completed_enrolment(user=holder)
    certificate = certificate_issue(enrolment=enrolment)
    return holder, certificate


def test_profile_says_issued_certificates_keep_their_name(client, holder_with_certificate):
    holder, _certificate = holder_with_certificate
    client.force_login(holder)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "behalten den Namen, mit dem sie ausgestellt wurden" in html
    # Nothing to re-issue while the name is unchanged.
    assert "Bescheinigungen mit neuem Namen neu ausstellen" not in html


def test_name_change_lists_old_certificates_and_offers_reissue(client, holder_with_certificate):
    holder, certificate = holder_with_certificate
    client.force_login(holder)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "Anna", "last_name": "Neu"}, follow=True
    )
    html = response.content.decode()
    assert "bis Sie sie neu ausstellen lassen" in html
    assert certificate.serial in html and "Anna Alt" in html
    assert "Bescheinigungen mit neuem Namen neu ausstellen" in html


def test_reissue_supersedes_old_certificates_with_the_new_name(client, holder_with_certificate):
    holder, old = holder_with_certificate
    holder.last_name = "Neu"
    holder.save()
    client.force_login(holder)
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(reverse("certificates:reissue_with_new_name"), follow=True)
    assert "1 Teilnahmebescheinigung wurde mit Ihrem aktuellen Namen neu ausgestellt" in (
        response.content.decode()
    )
    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED and old.holder_name == "Anna Alt"
    new = Certificate.objects.get(holder=holder, status=Status.VALID)
    assert new.holder_name == "Anna Neu" and old.superseded_by == new
    assert new.code != old.code and new.serial != old.serial
    assert len(mail.outbox) == 1

    verify = client.get(reverse("certificates:verify", args=[old.code])).content.decode()
    assert "ersetzt" in verify and "Anna Neu" not in verify
    # Nothing left to re-issue; the notice disappears.
    assert "Bescheinigungen mit neuem Namen neu ausstellen" not in (
        client.get(reverse("accounts:profile")).content.decode()
    )


def test_reissue_needs_post_and_login(client, holder_with_certificate):
    holder, _certificate = holder_with_certificate
    assert client.post(reverse("certificates:reissue_with_new_name")).status_code == 302
    client.force_login(holder)
    assert client.get(reverse("certificates:reissue_with_new_name")).status_code == 405


def test_reissue_never_touches_other_peoples_certificates(client, holder_with_certificate):
    _holder, certificate = holder_with_certificate
    other = UserFactory(first_name="Otto", last_name="Anders")
    client.force_login(other)
    client.post(reverse("certificates:reissue_with_new_name"))
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_reissue_with_a_name_no_font_can_print_says_why_instead_of_failing(
    client, holder_with_certificate
):
    """Found by the break-it run: 李 娜 gave the learner an HTTP 500 (UnprintableTextError)."""
    holder, certificate = holder_with_certificate
    holder.first_name, holder.last_name = "娜", "李"
    holder.save()
    client.force_login(holder)
    response = client.post(reverse("certificates:reissue_with_new_name"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "娜" in html and "U+5A1C" in html
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID
    assert Certificate.objects.filter(holder=holder).count() == 1
