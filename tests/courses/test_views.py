"""The learner journey through course and module pages: routes, refusals, permissions."""

import pytest
from django.contrib.auth.models import Group

from courses import services
from courses.models import CompletionRule, Enrolment, EnrolmentMode, ModuleCompletion
from lms.roles import TRAINERS
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_course_page_shows_facts_modules_and_enrol_button(client, learner):
    course = make_course(modules=3, title="Netzwerke stärken", sequential=True)
    page = client.get(course.url).text
    assert "<h1>Netzwerke stärken</h1>" in page
    assert "6 Unterrichtseinheiten (UE) in 3 Modulen" in page
    assert page.count('class="module-list__item') == 3
    assert ">Anmelden</button>" in page
    assert course.units == 6


def test_enrol_then_continue_leads_to_the_first_module(client, learner):
    course = make_course(modules=2)
    response = client.post(course.url + "enrol/", follow=True)
    assert "Sie sind angemeldet" in response.text
    assert Enrolment.objects.filter(user=learner, course=course, is_active=True).count() == 1
    first, _second = course.modules()
    assert client.get(course.url + "continue/").url == first.url
    assert "Los geht’s mit dem ersten Modul" in client.get(course.url).text


def test_enrol_twice_makes_one_enrolment(client, learner):
    course = make_course()
    client.post(course.url + "enrol/")
    client.post(course.url + "enrol/")
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_enrol_needs_post_and_login(client):
    course = make_course()
    assert client.get(course.url + "enrol/").status_code == 405
    response = client.post(course.url + "enrol/")
    assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")
    assert not Enrolment.objects.exists()


def test_enrol_is_protected_by_csrf(learner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    course = make_course()
    assert client.post(course.url + "enrol/").status_code == 403
    assert not Enrolment.objects.exists()


def test_assignment_only_course_refuses_self_enrolment_with_a_message(client, learner):
    course = make_course(enrolment_mode=EnrolmentMode.ASSIGNED)
    assert "wird Ihnen von Ihrer Organisation" in client.get(course.url).text
    response = client.post(course.url + "enrol/", follow=True)
    assert "nur per Zuweisung" in " ".join(messages_of(response))
    assert not Enrolment.objects.exists()


def test_unpublished_course_is_not_found(client, learner):
    course = make_course(live=False)
    assert client.post(f"/fortbildungen/{course.slug}/enrol/").status_code == 404
    assert not Enrolment.objects.exists()


def test_prerequisites_are_listed_and_enforced(client, learner):
    basics = make_course(title="Grundlagen")
    course = make_course(title="Vertiefung")
    course.prerequisites.add(basics)
    course.save()
    page = client.get(course.url).text
    assert "Bitte schließen Sie zuerst diese Fortbildungen ab" in page and "Grundlagen" in page
    response = client.post(course.url + "enrol/", follow=True)
    assert "Grundlagen" in " ".join(messages_of(response))
    assert not Enrolment.objects.filter(course=course).exists()


def test_unenrol_keeps_progress_and_enrolling_again_restores_it(client, learner):
    course = make_course(modules=2)
    services.enrolment_create(user=learner, course=course)
    first, _second = course.modules()
    client.post(first.url + "complete/")
    response = client.post(course.url + "unenrol/", follow=True)
    assert "Ihr Fortschritt bleibt erhalten" in response.text
    assert not Enrolment.objects.get(user=learner).is_active
    assert client.get(first.url).url == course.url  # no longer enrolled
    client.post(course.url + "enrol/")
    assert "50 %" in client.get(course.url).text


def test_assigned_course_cannot_be_left(client, learner):
    course = make_course()
    services.enrolment_create(user=learner, course=course, assigned_by=UserFactory())
    assert "Fortbildung verlassen" not in client.get(course.url).text
    response = client.post(course.url + "unenrol/", follow=True)
    assert "zugewiesen" in " ".join(messages_of(response))
    assert Enrolment.objects.get(user=learner).is_active


def test_module_needs_login_and_enrolment(client):
    course = make_course()
    module = course.modules().first()
    response = client.get(module.url)
    assert response.status_code == 302 and "next=" in response.url
    client.force_login(UserFactory())
    response = client.get(module.url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Bitte melden Sie sich für die Fortbildung an" in " ".join(messages_of(response))


def test_mark_as_done_goes_to_the_next_module_and_completes_the_course(client, learner):
    course = make_course(modules=2)
    services.enrolment_create(user=learner, course=course)
    first, second = course.modules()
    page = client.get(first.url).text
    assert "Als erledigt markieren" in page and "Nächstes Modul: Modul 2" in page
    response = client.post(first.url + "complete/")
    assert response.url == second.url
    assert "„Modul 1“ ist als erledigt markiert." in client.get(second.url).text
    response = client.post(second.url + "complete/", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Herzlichen Glückwunsch!" in response.text
    assert "Meine Teilnahmebescheinigungen" in response.text
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert "100 %" in response.text


def test_completing_twice_keeps_one_row(client, learner):
    course = make_course(modules=2)
    services.enrolment_create(user=learner, course=course)
    first = course.modules().first()
    client.post(first.url + "complete/")
    client.post(first.url + "complete/")
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    assert client.get(first.url + "complete/").status_code == 405


def test_complete_without_enrolment_changes_nothing(client, learner):
    course = make_course()
    module = course.modules().first()
    response = client.post(module.url + "complete/", follow=True)
    assert "Bitte melden Sie sich zuerst" in " ".join(messages_of(response))
    assert not ModuleCompletion.objects.exists()


def test_locked_module_says_why_and_refuses_completion(client, learner):
    course = make_course(modules=3, sequential=True)
    services.enrolment_create(user=learner, course=course)
    first, second, _third = course.modules()
    page = client.get(second.url).text
    assert "Dieses Modul ist noch gesperrt." in page
    assert "Weiter mit „Modul 1“" in page
    assert "Als erledigt markieren" not in page
    response = client.post(second.url + "complete/", follow=True)
    assert "vorherige Modul" in " ".join(messages_of(response))
    assert not ModuleCompletion.objects.exists()


def test_quiz_rule_module_cannot_be_marked_by_hand(client, learner):
    from quizzes.models import Quiz

    quiz = Quiz.objects.create(title="Lernkontrolle")
    course = make_course(
        modules=1, module_kwargs={"completion_rule": CompletionRule.QUIZ, "quiz": quiz}
    )
    services.enrolment_create(user=learner, course=course)
    module = course.modules().first()
    assert "Als erledigt markieren" not in client.get(module.url).text
    response = client.post(module.url + "complete/", follow=True)
    assert "Lernkontrolle" in " ".join(messages_of(response))
    assert not ModuleCompletion.objects.exists()


def test_tampered_module_url_is_404(client, learner):
    course = make_course()
    assert client.post(course.url + "modul-99/complete/").status_code == 404
    assert client.post(course.url + "nothing/").status_code == 404


def test_responsible_trainer_and_admin_may_preview_without_enrolment(client):
    trainer = UserFactory()
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    course = make_course()
    course.responsible_trainers.add(trainer)
    course.save()
    module = course.modules().first()
    client.force_login(trainer)
    page = client.get(module.url).text
    assert "Vorschau" in page and "Als erledigt markieren" not in page
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(module.url).status_code == 200


def test_admin_preview_of_a_draft_module(client):
    admin = UserFactory(is_superuser=True)
    course = make_course()
    module = course.modules().first()
    module.title = "Neuer Entwurf"
    revision = module.save_revision()
    client.force_login(admin)
    response = client.get(f"/verwaltung/pages/{module.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert "Neuer Entwurf" in response.text and "Vorschau" in response.text


def test_modules_of_an_unpublished_course_are_not_found(client, learner):
    course = make_course(modules=1)
    services.enrolment_create(user=learner, course=course)
    module = course.modules().get()
    course.unpublish()
    assert client.get(module.url).status_code == 404
    assert client.post(module.url + "complete/").status_code == 404
    assert not ModuleCompletion.objects.exists()
