import codecs
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from .conftest import SECRET

pytestmark = pytest.mark.django_db
User = get_user_model()


def _file(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return SimpleUploadedFile("personen.csv", data, content_type="text/csv")


CSV = (
    "E-Mail;Vorname;Nachname;Organisation\n"
    "neu@example.org;Ayşe;Yıldız;Jobcenter Oberhausen\n"
    "falsch;Ben;Berg;Jobcenter Oberhausen\n"
    "neu@example.org;Ayşe;Yıldız;Jobcenter Oberhausen\n"
    "zweite@example.org;Carla;Cho;Jugendamt Gelsenkirchen\n"
    "geheim@example.org;Dora;Dahl;Jobcenter Oberhausen\n"
    "ohne-name@example.org;;;Jobcenter Oberhausen\n"
)


def _preview(client, data):
    response = client.post(reverse("reports:import_people"), {"people_file": _file(data)})
    assert response.status_code == 200
    return response.content.decode()


def _token(html):
    return re.search(r'name="token" value="([0-9a-f-]+)"', html).group(1)


def test_preview_shows_per_line_errors_and_saves_nothing(manager_client):
    html = _preview(manager_client, CSV)
    assert "1 Konto wird angelegt" in html
    assert "Das ist keine gültige E-Mail-Adresse." in html
    assert "Diese Adresse steht zweimal in der Datei." in html
    assert "Unbekannte Organisation oder nicht in Ihrem Verantwortungsbereich." in html
    assert "Vor- und Nachname sind erforderlich." in html
    assert SECRET not in html
    assert not User.objects.filter(email="neu@example.org").exists()


def test_preview_never_says_that_an_account_outside_the_scope_exists(manager_client, world):
    html = _preview(manager_client, CSV)
    # geheim@example.org has an account in Gelsenkirchen, outside the manager's scope.
    assert "Für diese Adresse kann hier kein Konto angelegt werden." in html
    assert "bereits" not in html and "Konto existiert" not in html and SECRET not in html


def test_preview_names_an_existing_account_inside_the_scope(manager_client, world):
    person = world["ob"][0]
    html = _preview(manager_client, f"{person.email};Neu;Name;Jobcenter Oberhausen\n")
    assert f"Hat bereits ein Konto: {person.get_full_name()} (Jobcenter Oberhausen)." in html


def test_confirm_creates_accounts_and_sends_password_links(
    manager_client, world, django_capture_on_commit_callbacks
):
    token = _token(_preview(manager_client, CSV))
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("reports:import_people"), {"confirm": "1", "token": token}, follow=True
        )
    assert "1 Konto wurde angelegt und eingeladen." in response.content.decode()
    person = User.objects.get(email="neu@example.org")
    assert person.organisation == world["jc_ob"] and not person.has_usable_password()
    assert person.groups.filter(name="Lernende").exists()
    assert mail.outbox[0].to == ["neu@example.org"]
    link = next(word for word in mail.outbox[0].body.split() if "/passwort/neu/" in word)
    page = manager_client.get(link.replace("http://testserver", ""), follow=True)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()


def test_a_second_confirm_of_the_same_preview_gives_the_same_answer_and_no_second_write(
    manager_client, django_capture_on_commit_callbacks
):
    token = _token(_preview(manager_client, CSV))
    answers = []
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = manager_client.post(
                reverse("reports:import_people"), {"confirm": "1", "token": token}, follow=True
            )
        answers.append(response.status_code)
        assert "1 Konto wurde angelegt und eingeladen." in response.content.decode()
    assert answers == [200, 200]
    assert User.objects.filter(email="neu@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_confirm_with_an_unknown_or_foreign_token_creates_nothing(manager_client, world):
    for token in ("kein-token", "00000000-0000-0000-0000-000000000000"):
        response = manager_client.post(
            reverse("reports:import_people"), {"confirm": "1", "token": token}, follow=True
        )
        assert "Diese Vorschau ist unbekannt" in response.content.decode()
    other = Client()
    other.force_login(world["manager"])
    token = _token(_preview(other, CSV))
    learner = Client()
    learner.force_login(world["ob"][0])
    learner.post(reverse("reports:import_people"), {"confirm": "1", "token": token})
    assert not User.objects.filter(email="neu@example.org").exists()


# --- Files as spreadsheets write them -------------------------------------------------------

UMLAUTS = "juergen@example.org;Jürgen;Weiß;Jobcenter Oberhausen\r\n"
HEADER = "E-Mail;Vorname;Nachname;Organisation\r\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (codecs.BOM_UTF8 + (HEADER + UMLAUTS).encode(), "UTF-8"),
        ((HEADER + UMLAUTS).encode("cp1252"), "Windows-1252"),
        (
            codecs.BOM_UTF16_LE
            + ("E-Mail\tVorname\tNachname\tOrganisation\r\n" + UMLAUTS.replace(";", "\t")).encode(
                "utf-16-le"
            ),
            "UTF-16",
        ),
        (("E-Mail;Vorname;Nachname;Organisation\r" + UMLAUTS[:-2] + "\r").encode(), "UTF-8"),
    ],
    ids=["utf8-bom-semicolon", "cp1252-semicolon", "utf16le-tab", "cr-only"],
)
def test_excel_files_are_read_and_the_preview_shows_the_decoded_names(manager_client, data, label):
    html = _preview(manager_client, data)
    assert "1 Konto wird angelegt" in html
    assert "Jürgen Weiß" in html and label in html


def test_bad_lines_are_explained_per_line_not_a_server_error(manager_client):
    data = (
        "E-Mail;Vorname;Nachname;Organisation\n"
        "gut@example.org;Gerd;Gut;Jobcenter Oberhausen\n"
        f"lang@example.org;{'A' * 131_073};Lang;Jobcenter Oberhausen\n"
        '"offen@example.org;Olga;Offen;Jobcenter Oberhausen\n'
        "nul@example.org;Nu\x00ll;Null;Jobcenter Oberhausen\n"
    )
    html = _preview(manager_client, data)
    assert "1 Konto wird angelegt" in html
    assert "Feld länger als 1.000 Zeichen." in html
    assert "Ein Anführungszeichen ist nicht geschlossen oder falsch gesetzt." in html
    assert "Enthält Steuerzeichen (z. B. NUL)" in html and "\x00" not in html
    response = manager_client.post(
        reverse("reports:import_people"), {"confirm": "1", "token": _token(html)}, follow=True
    )
    assert "1 Konto wurde angelegt und eingeladen." in response.content.decode()
    tried = ["gut@example.org", "lang@example.org", "offen@example.org", "nul@example.org"]
    imported = User.objects.filter(email__in=tried).values_list("email", flat=True)
    assert list(imported) == ["gut@example.org"]


def test_a_workbook_is_refused_at_the_field(manager_client):
    response = manager_client.post(
        reverse("reports:import_people"), {"people_file": _file(b"PK\x03\x04\x14\x00")}
    )
    assert response.status_code == 200
    assert "Das ist eine Excel-Arbeitsmappe, keine CSV-Datei." in response.content.decode()


# --- Double clicks and retries on PostgreSQL ------------------------------------------------


@pytest.fixture
def _site_tree(transactional_db):
    """A transactional test starts on flushed tables: the page tree comes back first."""
    from home.site import ensure_site

    ensure_site()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_parallel_confirms_of_one_import_give_one_result(_site_tree, world):
    manager = Client()
    manager.force_login(world["manager"])
    token = _token(_preview(manager, CSV + "dritte@example.org;Dirk;Dorn;Jobcenter Oberhausen\n"))
    barrier, results = threading.Barrier(6), []

    def confirm():
        client = Client()
        client.force_login(world["manager"])
        barrier.wait()
        try:
            response = client.post(
                reverse("reports:import_people"), {"confirm": "1", "token": token}, follow=True
            )
            results.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _html in results] == [200] * 6
    assert all("2 Konten wurden angelegt und eingeladen." in html for _s, html in results)
    assert User.objects.filter(email__in=["neu@example.org", "dritte@example.org"]).count() == 2
    assert len(mail.outbox) == 2
