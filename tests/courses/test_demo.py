"""The demo courses that `seed_demo` adds: complete, idempotent, with the learners' progress."""

import os
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from courses.models import CourseIndexPage, CoursePage, Enrolment, ModuleCompletion, ModulePage
from courses.services import course_progress
from quizzes.models import Attempt

MAIN = "berufsrueckkehr-begleiten"
SHORT = "stark-im-beruf-kompakt"
BLOCK_TYPES = {
    "heading",
    "text",
    "image",
    "video",
    "document",
    "callout",
    "case_study",
    "reflection",
    "checklist",
    "links",
}


def seed_again():
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def user(email):
    return get_user_model().objects.get(email=email)


def test_seeding_twice_creates_each_course_once(demo):
    counts = (
        CourseIndexPage.objects.count(),
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        Embed.objects.count(),
        Enrolment.objects.count(),
        ModuleCompletion.objects.count(),
        Attempt.objects.count(),
    )
    main = CoursePage.objects.get(slug=MAIN)
    revisions = main.revisions.count()

    seed_again()

    assert counts == (
        CourseIndexPage.objects.count(),
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        Embed.objects.count(),
        Enrolment.objects.count(),
        ModuleCompletion.objects.count(),
        Attempt.objects.count(),
    )
    assert CoursePage.objects.filter(slug=MAIN).count() == 1
    assert CoursePage.objects.filter(slug=SHORT).count() == 1
    assert main.revisions.count() == revisions


def test_main_course_is_complete_and_published(demo):
    course = CoursePage.objects.get(slug=MAIN)
    assert course.live and course.live_revision_id is not None
    assert course.get_parent().slug == "fortbildungen"
    assert course.title.startswith("Berufsrückkehr begleiten")
    assert course.enrolment_mode == "open" and not course.sequential
    assert {group.kind for group in course.target_groups.all()} == {
        "jugendhilfe",
        "agentur",
        "jobcenter",
        "familienzentrum",
    }
    assert {"Berufsrückkehr", "Kooperation", "SGB II", "Kinderbetreuung"} <= set(
        course.topics.names()
    )
    assert course.cover_image is not None and course.cover_image_alt
    assert [t.email for t in course.responsible_trainers.all()] == ["trainerin@example.org"]

    modules = list(course.modules())
    assert len(modules) >= 5
    assert all(module.live_revision_id for module in modules)
    assert all(module.body and module.intro and module.estimated_minutes for module in modules)
    assert sum(module.units for module in modules) == Decimal("8.0")


def test_main_course_uses_every_block_type(demo):
    course = CoursePage.objects.get(slug=MAIN)
    used = {block.block_type for module in course.modules() for block in module.body}
    assert used == BLOCK_TYPES


def test_media_blocks_point_at_stored_files(demo):
    course = CoursePage.objects.get(slug=MAIN)
    blocks = [block for module in course.modules() for block in module.body]
    images = [block.value for block in blocks if block.block_type == "image"]
    assert all(value["image"].file and value["alt_text"] for value in images)
    document = next(block.value for block in blocks if block.block_type == "document")
    with document["document"].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    video = next(block.value for block in blocks if block.block_type == "video")
    embed = Embed.objects.get(url=video["video"].url, max_width=None)
    assert "youtube-nocookie.com" in embed.html and embed.cache_until is None


def test_demo_learner_has_partial_progress(demo):
    learner = user("lernende@example.org")
    course = CoursePage.objects.get(slug=MAIN)
    progress = course_progress(user=learner, course=course)
    modules = list(course.modules())
    assert progress.completed == 2 and progress.total == len(modules)
    assert progress.completed_module_ids == {modules[0].pk, modules[1].pk}
    assert Enrolment.objects.get(user=learner, course=course).completed_at is None


def test_demo_learners_essay_waits_for_marking(demo):
    learner = user("lernende@example.org")
    module = ModulePage.objects.get(slug="transfer-in-die-praxis")
    attempt = Attempt.objects.get(user=learner, quiz=module.quiz)
    assert attempt.status == "pending"
    essay = attempt.responses.get(needs_marking=True)
    assert essay.answer.startswith("Ich spreche in den nächsten zwei Wochen")
    assert not ModuleCompletion.objects.filter(user=learner, module=module).exists()


def test_second_learner_has_completed_the_short_course(demo):
    graduate = user("lernender2@example.org")
    course = CoursePage.objects.get(slug=SHORT)
    assert course.modules().count() == 2
    assert course_progress(user=graduate, course=course).is_complete
    assert Enrolment.objects.get(user=graduate, course=course).completed_at is not None


def test_course_page_renders_for_the_learner(demo, client):
    client.force_login(user("lernende@example.org"))
    course = CoursePage.objects.get(slug=MAIN)
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rechtliche Rahmen und Zuständigkeiten" in html
    assert "Transfer in die Praxis" in html


def test_module_pages_render_every_block_for_the_learner(demo, client):
    client.force_login(user("lernende@example.org"))
    course = CoursePage.objects.get(slug=MAIN)
    html = ""
    for module in course.modules():
        response = client.get(module.url)
        assert response.status_code == 200, module.title
        html += response.content.decode()
    assert "Wer kehrt in den Beruf zurück?" in html  # heading
    assert "Schaubild „Wer ist zuständig?“" in html  # image alt text
    assert "Erklärfilm: Drei Rechtskreise, eine Familie" in html  # video title
    assert "youtube-nocookie.com/embed/" in html  # stored embed, no network
    assert "Checkliste Erstgespräch Berufsrückkehr (PDF)" in html  # document
    assert "Datenschutz: Sozialgeheimnis beachten" in html  # callout
    assert "Das Netzwerk der Kontaktstelle Oberhausen" in html  # case study
    assert "Welchen ersten Schritt gehen Sie" in html  # reflection
    assert "Was in eine Kooperationsvereinbarung gehört" in html  # checklist
    assert "https://www.gesetze-im-internet.de/sgb_2/__16a.html" in html  # links


@pytest.mark.parametrize("slug", [MAIN, SHORT])
def test_course_pages_render_for_visitors(demo, client, slug):
    response = client.get(CoursePage.objects.get(slug=slug).url)
    assert response.status_code == 200


def test_every_main_module_has_a_published_lernkontrolle(demo):
    from quizzes.models import Quiz

    course = CoursePage.objects.get(slug=MAIN)
    quizzes = {quiz.title: quiz for quiz in Quiz.objects.prefetch_related("questions__choices")}
    kinds = set()
    for module in course.modules():
        quiz = quizzes[module.title]
        assert quiz.live and quiz.live_revision_id is not None
        questions = list(quiz.questions.all())
        assert 5 <= len(questions) <= 10, quiz.title
        kinds |= {question.kind for question in questions}
        for question in questions:
            correct = [choice for choice in question.choices.all() if choice.is_correct]
            if question.kind in ("single", "true_false"):
                assert len(correct) == 1, question
            if question.kind == "true_false":
                assert question.choices.count() == 2
            if question.kind == "multiple":
                assert correct and len(correct) < question.choices.count()
            if question.kind == "short_text":
                assert question.accepted_answer_list()
            if question.kind == "numeric":
                assert question.numeric_answer is not None
    assert kinds == {"single", "true_false", "multiple", "short_text", "numeric", "essay"}
    essays = [q for quiz in quizzes.values() for q in quiz.questions.all() if q.kind == "essay"]
    assert len(essays) == 1


def test_a_learner_passes_a_demo_lernkontrolle_with_the_right_answers(demo):
    from quizzes.models import Quiz
    from quizzes.services import attempt_save_answer, attempt_start, attempt_submit

    quiz = Quiz.objects.get(title="Beratung und Kinderbetreuung")
    attempt = attempt_start(quiz=quiz, user=user("lernender2@example.org"))
    for position, question in enumerate(attempt.questions):
        if question["kind"] == "short_text":
            answer = f"  {question['accepted_answers'][0].upper()} "
        elif question["kind"] == "numeric":
            answer = "1,5"  # German notation, as a learner types it
        else:
            answer = [choice["token"] for choice in question["choices"] if choice["is_correct"]]
        attempt_save_answer(attempt=attempt, question=position, answer=answer)
    attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.passed and attempt.percent == 100


def test_lernkontrollen_are_linked_and_complete_modules_3_to_5(demo):
    modules = list(CoursePage.objects.get(slug=MAIN).modules())
    assert all(module.quiz is not None and module.quiz.live for module in modules)
    assert [module.completion_rule for module in modules] == [
        "manual",
        "manual",
        "quiz",
        "quiz",
        "quiz",
    ]


def test_passing_a_linked_lernkontrolle_completes_the_module(
    demo, django_capture_on_commit_callbacks
):
    from quizzes.services import attempt_save_answer, attempt_start, attempt_submit

    learner = user("lernende@example.org")
    module = ModulePage.objects.get(slug="netzwerke-stark-im-beruf-und-familienzentren")
    attempt = attempt_start(quiz=module.quiz, user=learner)
    for position, question in enumerate(attempt.questions):
        answer = {
            "short_text": lambda q: q["accepted_answers"][0],
            "numeric": lambda q: q["numeric_answer"],
        }.get(question["kind"], lambda q: [c["token"] for c in q["choices"] if c["is_correct"]])
        attempt_save_answer(attempt=attempt, question=position, answer=answer(question))
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(attempt=attempt)
    completion = ModuleCompletion.objects.get(user=learner, module=module)
    assert completion.via == "quiz"
    course = CoursePage.objects.get(slug=MAIN)
    assert course_progress(user=learner, course=course).completed == 3


def test_seeding_links_a_module_seeded_before_its_lernkontrolle(demo):
    ModulePage.objects.filter(slug="transfer-in-die-praxis").update(
        quiz=None, completion_rule="manual"
    )
    seed_again()
    module = ModulePage.objects.get(slug="transfer-in-die-praxis")
    assert module.quiz.title == "Transfer in die Praxis"
    assert module.completion_rule == "quiz"


def test_seeding_keeps_a_trainers_choice(demo):
    module = ModulePage.objects.get(slug="transfer-in-die-praxis")
    module.quiz = None
    module.completion_rule = "manual"
    module.save_revision(user=user("trainerin@example.org")).publish()
    seed_again()
    module.refresh_from_db()
    assert module.quiz is None and module.completion_rule == "manual"


def test_the_demo_trainer_can_edit_and_publish_the_demo_courses(demo, client):
    trainer = user("trainerin@example.org")
    client.force_login(trainer)
    course = CoursePage.objects.get(slug=MAIN)
    module = course.modules().first()
    assert client.get(f"/verwaltung/pages/{course.pk}/edit/").status_code == 200
    assert client.get(f"/verwaltung/pages/{module.pk}/edit/").status_code == 200
    assert module.permissions_for_user(trainer).can_publish()
    quiz_edit = reverse("wagtailsnippets_quizzes_quiz:edit", args=[module.quiz.pk])
    assert client.get(quiz_edit).status_code == 200
