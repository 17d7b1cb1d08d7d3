"""Every model the admin can delete, with records referring to it: refused with what refers to
it (kinds and counts), never a ``ProtectedError`` (HTTP 500), nothing lost; without such
records it is deleted. Models whose records nobody deletes by hand refuse for everyone.

Pages and organisations are in tests/courses/test_delete_protected.py, quizzes with attempts
in tests/quizzes/test_admin.py.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from courses.models import Enrolment
from organisations.models import ManagerScope, Organisation, Region
from outbox.models import Mail
from quizzes.models import QuestionCategory
from tests.certificates.factories import completed_enrolment
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course
from tests.quizzes.factories import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _bulk_delete(app, model, pk):
    return reverse("wagtail_bulk_action", args=(app, model, "delete")) + f"?id={pk}"


@pytest.fixture
def used_category():
    category = QuestionCategory.objects.create(name="Kinderschutz")
    make_quiz(questions=2).questions.update(category=category)
    return category


def test_a_category_that_questions_use_is_kept_with_a_message(admin_client, used_category):
    url = reverse("wagtailsnippets_quizzes_questioncategory:delete", args=[used_category.pk])
    listing = reverse("wagtailsnippets_quizzes_questioncategory:list")
    for response in (admin_client.get(url), admin_client.post(url)):
        assert response.status_code == 302
        assert response.url == listing
        assert _refusal_in(response, "„Kinderschutz“ kann nicht gelöscht werden: Fragen: 2")
    assert QuestionCategory.objects.filter(pk=used_category.pk).exists()


def _refusal_in(response, text):
    return any(text in str(message) for message in get_messages(response.wsgi_request))


def test_bulk_delete_keeps_a_used_category(admin_client, used_category):
    response = admin_client.post(_bulk_delete("quizzes", "questioncategory", used_category.pk))
    assert response.status_code == 302
    assert _refusal_in(response, "Fragen: 2")
    assert QuestionCategory.objects.filter(pk=used_category.pk).exists()


def test_an_unused_category_is_deleted(admin_client):
    category = QuestionCategory.objects.create(name="Leer")
    url = reverse("wagtailsnippets_quizzes_questioncategory:delete", args=[category.pk])
    assert admin_client.post(url).status_code == 302
    assert not QuestionCategory.objects.exists()


def test_a_region_with_organisations_is_refused(admin_client):
    region = RegionFactory(name="Ruhrgebiet")
    OrganisationFactory(region=region)
    url = reverse("region:delete", args=[region.pk])
    for response in (admin_client.get(url), admin_client.post(url)):
        assert response.status_code == 409
        assert "Organisationen: 1" in response.text
    assert Region.objects.filter(pk=region.pk).exists()


def test_an_organisation_with_certificates_is_refused(admin_client):
    organisation = OrganisationFactory(name="Familienzentrum Essen")
    completed_enrolment(user=UserFactory(organisation=organisation))
    # The person left; the enrolment and the certificate still name the organisation.
    User.objects.update(organisation=None)
    response = admin_client.post(reverse("organisation:delete", args=[organisation.pk]))
    assert response.status_code == 409
    assert "Teilnahmebescheinigungen: 1" in response.text
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_manager_scope_and_a_login_lock_are_deleted(admin_client):
    scope = ManagerScope.objects.create(manager=UserFactory())
    lock = AccessAttempt.objects.create(
        username="x@example.org",
        ip_address="127.0.0.1",
        attempt_time=timezone.now(),
        failures_since_start=3,
    )
    assert admin_client.post(reverse("managerscope:delete", args=[scope.pk])).status_code == 302
    lock_url = reverse(f"{AccessAttempt.__name__.lower()}:delete", args=[lock.pk])
    assert admin_client.post(lock_url).status_code == 302
    assert not ManagerScope.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_deleting_a_person_with_a_certificate_is_the_erasure_and_loses_no_record(admin_client):
    """Deleting a person is the DSGVO erasure (accounts.personal_data, issue #12): no
    ProtectedError, no cascade; the certificate stays as an anonymous record."""
    holder = UserFactory(first_name="Ayşe", last_name="Demir")
    completed_enrolment(user=holder, course=make_course(title="Kinderschutz"))
    url = reverse("wagtailusers_users:delete", args=[holder.pk])
    assert "Art. 17" in admin_client.get(url).text
    assert admin_client.post(url).status_code == 400  # a reason is required
    response = admin_client.post(url, {"reason": "Antrag vom 01.12.2026"})
    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.erased_at is not None and holder.last_name == ""
    assert Certificate.objects.filter(holder=holder).count() == 1


def test_records_nobody_deletes_by_hand_are_refused(admin_client):
    """Wagtail answers a missing permission with a redirect and "no access" message."""
    enrolment = completed_enrolment()
    certificate = enrolment.certificates.get()
    mail = Mail.objects.create(subject="Erinnerung", recipients="a@example.org", message={})
    for name, obj in (
        ("courses_enrolments", enrolment),
        ("certificates_certificate", certificate),
        ("outbox_mail", mail),
    ):
        url = reverse(f"{name}:delete", args=[obj.pk])
        for response in (admin_client.get(url), admin_client.post(url)):
            assert (response.status_code, response.url) == (302, "/verwaltung/"), name
            assert _refusal_in(response, "keinen Zugang"), name
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert Mail.objects.filter(pk=mail.pk).exists()
