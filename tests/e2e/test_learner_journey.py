"""A learner's way from the catalogue to a completed course, in a real browser with axe."""

import datetime
import re

from playwright.sync_api import expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses import services
from courses.models import CoursePage, Enrolment, ModulePage
from tests.e2e.conftest import check_page, visit
from tests.factories import UserFactory, make_course

VIDEO = "https://www.youtube.com/watch?v=kofo-e2e"


def rich_module_body():
    # The stored embed points at about:blank: the browser test never touches the internet.
    Embed.objects.create(
        url=VIDEO,
        hash=get_embed_hash(VIDEO),
        type="video",
        html='<iframe src="about:blank" width="560" height="315"></iframe>',
        provider_name="YouTube",
    )
    return [
        {"type": "heading", "value": {"text": "Ausgangslage", "level": "h2"}},
        {"type": "text", "value": "<p>Familien brauchen abgestimmte Hilfe.</p>"},
        {
            "type": "video",
            "value": {
                "title": "Kooperation in drei Minuten",
                "video": VIDEO,
                "transcript": "<p>Sprecherin: Jugendhilfe und Jobcenter arbeiten zusammen.</p>",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "info", "title": "Tipp", "text": "<p>Früh anrufen.</p>"},
        },
        {
            "type": "case_study",
            "value": {
                "title": "Frau B.",
                "situation": "<p>Frau B. möchte zurück in den Beruf.</p>",
                "takeaway": "<p>Kinderbetreuung zuerst klären.</p>",
            },
        },
        {
            "type": "reflection",
            "value": {"question": "Wen kennen Sie im Jobcenter?", "hint": "Name genügt."},
        },
        {"type": "checklist", "value": {"title": "Vorbereitung", "items": ["Unterlagen"]}},
        {
            "type": "links",
            "value": {
                "title": "Mehr dazu",
                "links": [{"title": "Stark im Beruf", "url": "https://www.starkimberuf.de/"}],
            },
        },
    ]


def test_learner_enrols_learns_and_completes_the_course(page, login):
    learner = UserFactory(first_name="Aylin")
    course = make_course(modules=2, title="Berufsrückkehr begleiten", sequential=True)
    first = ModulePage.objects.child_of(course).first()
    first.body = rich_module_body()
    first.save_revision().publish()
    login(learner)

    visit(page, "/fortbildungen/", "courses-catalogue")
    page.get_by_role("button", name=re.compile(r"^Anmelden\W+Berufsrückkehr begleiten$")).click()
    expect(page.get_by_role("status")).to_contain_text("Sie sind angemeldet")
    check_page(page, "courses-course-enrolled")
    page.get_by_role("link", name="Los geht’s mit dem ersten Modul").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modul 1")
    check_page(page, "courses-module")

    # Two-click video: nothing from the provider until the button is pressed.
    expect(page.locator(".video iframe")).to_have_count(0)
    expect(page.get_by_text("Jugendhilfe und Jobcenter arbeiten zusammen")).to_be_visible()
    page.get_by_role("button", name="Video laden").click()
    expect(page.locator(".video iframe")).to_have_attribute("title", "Kooperation in drei Minuten")

    page.get_by_label("Wen kennen Sie im Jobcenter?").fill("Frau Yılmaz, Team U25")
    page.get_by_role("button", name="Antwort speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Antwort ist gespeichert")
    expect(page.get_by_label("Wen kennen Sie im Jobcenter?")).to_have_value("Frau Yılmaz, Team U25")

    page.get_by_role("button", name="Als erledigt markieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modul 2")
    page.get_by_role("button", name="Als erledigt markieren").click()
    expect(page.get_by_role("heading", name="Herzlichen Glückwunsch!")).to_be_visible()
    expect(page.locator(".course-status .progress__label")).to_have_text("100 %")
    check_page(page, "courses-course-completed")
    assert Enrolment.objects.get(user=learner).completed_at is not None

    visit(page, "/", "courses-dashboard-completed")
    completed = page.locator("section", has=page.get_by_role("heading", name="Abgeschlossen"))
    expect(completed).to_contain_text("Berufsrückkehr begleiten")


def test_keyboard_only_through_a_module(page, login):
    learner = UserFactory()
    course = make_course(modules=2, title="Tastatur")
    services.enrolment_create(user=learner, course=course)
    first, second = course.modules()
    login(learner)
    visit(page, first.url, "courses-module-keyboard")
    done_button = page.get_by_role("button", name="Als erledigt markieren")
    for _press in range(40):
        page.keyboard.press("Tab")
        if done_button.evaluate("button => button === document.activeElement"):
            break
    expect(done_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(second.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Modul 2")


def test_dashboard_with_overdue_and_assigned_courses(page, login):
    learner, manager = UserFactory(), UserFactory()
    late = make_course(modules=3, title="Datenschutz kompakt")
    services.enrolment_create(
        user=learner, course=late, assigned_by=manager, due_date=datetime.date(2020, 1, 31)
    )
    services.module_complete(user=learner, module=late.modules().first(), via="manual")
    waiting = make_course(modules=2, title="Netzwerke vor Ort")
    services.enrolment_create(user=learner, course=waiting, assigned_by=manager)
    login(learner)
    visit(page, "/", "courses-dashboard")
    expect(page.get_by_role("heading", name="Meine Fortbildungen")).to_be_visible()
    expect(page.get_by_text("War fällig am 31.01.2020.")).to_be_visible()
    expect(page.get_by_text("Überfällig", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"^Weiterlernen\W+Datenschutz kompakt$"))
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"^Starten\W+Netzwerke vor Ort$"))
    ).to_be_visible()
    visit(page, late.url, "courses-course-overdue")


def test_demo_course_pages_pass_axe(page, login):
    """Every module of the demo course, with every block type, as the demo learner sees it."""
    import os

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    login(get_user_model().objects.get(email="lernende@example.org"))
    course = CoursePage.objects.get(slug="berufsrueckkehr-begleiten")
    visit(page, course.url, "courses-demo-course")
    for number, module in enumerate(course.modules(), start=1):
        visit(page, module.url, f"courses-demo-module-{number}")
        expect(page.get_by_role("heading", level=1)).to_have_text(module.title)
