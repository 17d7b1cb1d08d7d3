"""Demo courses: the catalogue, the main course „Berufsrückkehr begleiten“ with five modules
and their Lernkontrollen, the short course „Stark im Beruf kompakt“, and the demo learners'
progress.

Idempotent: pages are found by slug and only created when missing, so a second run (or a
trainer's edits in between) is left alone.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.html import escape, strip_tags
from wagtail import blocks
from wagtail.models import GroupPagePermission, Site

from lms import roles
from quizzes.demo import ensure_quiz
from quizzes.scoring import choice_value
from quizzes.services import attempt_save_answer, attempt_start, attempt_submit

from .demo_content import media as demo_media
from .demo_content import module_5_transfer
from .demo_content.courses import MAIN, SHORT
from .demo_content.module_4_beratung import ERSTGESPRAECH
from .models import (
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    CourseTargetGroup,
    Enrolment,
    EnrolmentMode,
    ModuleCompletion,
    ModulePage,
)
from .services import enrolment_create, module_complete

TRAINER = "trainerin@example.org"
LEARNER = "lernende@example.org"  # partial progress in the main course
GRADUATE = "lernender2@example.org"  # has completed the short course
LEARNER_COMPLETED_MODULES = 2
AUTHORING_PAGE_ACTIONS = ("add", "change", "publish")


def seed(stdout):
    catalogue = ensure_catalogue()
    media = ensure_media()
    quizzes = ensure_quizzes(MAIN["modules"])
    main = ensure_course(catalogue, MAIN, media, quizzes, cover_colour="#2f5d8a")
    short = ensure_course(catalogue, SHORT, media, {}, cover_colour="#2e6b4f")
    ensure_progress(main, short)
    stdout.write(
        f"  Fortbildungen: „{main.title}“ ({main.modules().count()} Module), "
        f"„{short.title}“ ({short.modules().count()} Module), {len(quizzes)} Lernkontrollen"
    )


def ensure_catalogue():
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Fortbildungen",
            slug="fortbildungen",
            intro="<p>Online-Fortbildungen für Fachkräfte aus Jugendhilfe, Agentur für Arbeit, "
            "Jobcenter und Familienzentren.</p>",
        )
        # The site's root page (home.demo made the HomePage the default site's root): courses
        # sits below home and does not import it.
        Site.objects.get(is_default_site=True).root_page.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    grant_authoring(catalogue)
    return catalogue


def grant_authoring(catalogue):
    """Trainers and the administration role author courses below the catalogue. Page
    permissions are granted where the page is created (see lms.roles); a group that
    already has any permission on the catalogue was configured by a person and is left so."""
    codenames = [f"{action}_page" for action in AUTHORING_PAGE_ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=[roles.TRAINERS, roles.ADMINISTRATION]):
        if GroupPagePermission.objects.filter(group=group, page=catalogue).exists():
            continue
        for permission in permissions:
            GroupPagePermission.objects.create(group=group, page=catalogue, permission=permission)


def ensure_media():
    demo_media.ensure_root_collection()
    return {
        "responsibilities": demo_media.ensure_image(
            "Schaubild: Wer ist zuständig? (SGB II, III, VIII)",
            "schaubild-zustaendigkeiten.png",
            demo_media.draw_responsibilities,
        ),
        "network": demo_media.ensure_image(
            "Schaubild: Das Netzwerk einer Kontaktstelle",
            "schaubild-netzwerk.png",
            demo_media.draw_network,
        ),
        "checklist_pdf": demo_media.ensure_document(
            "Checkliste Erstgespräch Berufsrückkehr",
            "checkliste-erstgespraech.pdf",
            lambda: demo_media.render_checklist_pdf(ERSTGESPRAECH),
        ),
        "video_url": demo_media.ensure_video_embed(),
        "video_title": demo_media.VIDEO_TITLE,
    }


def _body_block():
    return ModulePage._meta.get_field("body").stream_block


def ensure_course(catalogue, content, media, quizzes, *, cover_colour):
    course = CoursePage.objects.filter(slug=content["slug"]).first()
    if course is None:
        title, subtitle = content["cover"]
        cover = demo_media.ensure_image(
            f"Titelbild: {title}",
            f"titelbild-{content['slug']}.png",
            lambda: demo_media.draw_cover(title, subtitle, cover_colour),
        )
        course = CoursePage(
            title=content["title"],
            slug=content["slug"],
            summary=content["summary"],
            description=content["description"],
            learning_objectives=content["learning_objectives"],
            cover_image=cover,
            cover_image_alt=content["cover_alt"],
            enrolment_mode=EnrolmentMode.OPEN,
            sequential=False,
            validity_months=content.get("validity_months"),
        )
        course.target_groups = [CourseTargetGroup(kind=kind) for kind in content["target_groups"]]
        course.topics.add(*content["topics"])
        trainer = get_user_model().objects.filter(email=TRAINER).first()
        if trainer is not None:
            course.responsible_trainers = [trainer]
        catalogue.add_child(instance=course)
        course.save_revision().publish()
    for module_content in content["modules"]:
        ensure_module(course, module_content, media, quizzes.get(module_content.SLUG))
    return course


def ensure_module(course, content, media, quiz):
    module = ModulePage.objects.child_of(course).filter(slug=content.SLUG).first()
    if module is not None:
        link_quiz(module, content, quiz)
        return module
    module = ModulePage(
        title=content.TITLE,
        slug=content.SLUG,
        intro=content.INTRO,
        estimated_minutes=content.MINUTES,
        units=Decimal(content.UNITS),
        quiz=quiz,
        completion_rule=completion_rule(content, quiz),
        body=fit_to_blocks(content.body(media)),
    )
    course.add_child(instance=module)
    module.save_revision().publish()
    return module


def fit_to_blocks(body):
    """Write each text the way its block stores it: HTML for rich-text fields, plain text
    otherwise. The course texts give plain text for short fields and HTML for long ones."""
    stream = _body_block()
    return [
        {"type": item["type"], "value": _fit(stream.child_blocks[item["type"]], item["value"])}
        for item in body
        if item["type"] in stream.child_blocks
    ]


def _fit(block, value):
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: _fit(block.child_blocks[name], field_value)
            if name in block.child_blocks
            else field_value
            for name, field_value in value.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [_fit(block.child_block, item) for item in value]
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        if value.lstrip().startswith("<"):
            return value
        return "".join(f"<p>{escape(part)}</p>" for part in value.split("\n\n"))
    plain = isinstance(block, (blocks.CharBlock, blocks.TextBlock))
    if plain and isinstance(value, str) and value.lstrip().startswith("<"):
        return strip_tags(value.replace("</p>", "</p>\n\n")).strip()
    return value


def ensure_quizzes(module_contents):
    """Each module's Lernkontrolle (published), by module slug."""
    return {
        content.SLUG: ensure_quiz(content.QUIZ)[0]
        for content in module_contents
        if hasattr(content, "QUIZ")
    }


def completion_rule(content, quiz):
    if quiz is not None and getattr(content, "QUIZ_COMPLETES_MODULE", False):
        return CompletionRule.QUIZ
    return CompletionRule.MANUAL


def link_quiz(module, content, quiz):
    """Give a module seeded before the Lernkontrollen existed its quiz, unless a trainer has
    edited the module since (their choice wins) or it already has one."""
    if quiz is None or module.quiz_id is not None:
        return
    if module.revisions.filter(user__isnull=False).exists():
        return
    module.quiz = quiz
    module.completion_rule = completion_rule(content, quiz)
    module.save_revision().publish()


def ensure_progress(main, short):
    """Ayşe Yıldız has completed the first two modules of the main course and submitted the
    Lernkontrolle of module 5, whose essay waits for a trainer; Jonas Becker has completed the
    short course. Only for new enrolments, so real progress is never undone."""
    if not getattr(settings, "KOFO_DEMO_ACCOUNTS", False):
        return
    User = get_user_model()
    learner = User.objects.filter(email=LEARNER).first()
    if learner is not None and not Enrolment.objects.filter(user=learner, course=main).exists():
        enrolment_create(user=learner, course=main)
        for module in list(main.modules())[:LEARNER_COMPLETED_MODULES]:
            module_complete(user=learner, module=module, via=ModuleCompletion.Via.MANUAL)
        transfer = ModulePage.objects.child_of(main).filter(slug=module_5_transfer.SLUG).first()
        if transfer is not None and transfer.quiz is not None:
            submit_demo_attempt(learner, transfer.quiz, module_5_transfer.DEMO_ESSAY_ANSWER)
    graduate = User.objects.filter(email=GRADUATE).first()
    if graduate is not None and not Enrolment.objects.filter(user=graduate, course=short).exists():
        enrolment_create(user=graduate, course=short)
        for module in short.modules():
            module_complete(user=graduate, module=module, via=ModuleCompletion.Via.MANUAL)


def submit_demo_attempt(user, quiz, essay):
    """A submitted attempt with the right answers and ``essay``: the result stays pending
    until a trainer marks the essay, so the marking queue has something to show."""
    attempt = attempt_start(quiz=quiz, user=user)
    for position, question in enumerate(attempt.questions):
        attempt_save_answer(attempt=attempt, question=position, answer=_answer(question, essay))
    return attempt_submit(attempt=attempt)


def _answer(question, essay):
    kind = question["kind"]
    if kind == "short_text":
        return question["accepted_answers"][0]
    if kind == "numeric":
        return question["numeric_answer"]
    if kind == "essay":
        return essay
    return [choice_value(choice) for choice in question["choices"] if choice["is_correct"]]
