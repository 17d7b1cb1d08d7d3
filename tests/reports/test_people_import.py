import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .conftest import SECRET

pytestmark = pytest.mark.django_db
User = get_user_model()


def _file(text):
    return SimpleUploadedFile("personen.csv", text.encode("utf-8"), content_type="text/csv")


CSV = (
    "E-Mail;Vorname;Nachname;Organisation\n"
    "neu@example.org;Ayşe;Yıldız;Jobcenter Oberhausen\n"
    "falsch;Ben;Berg;Jobcenter Oberhausen\n"
    "neu@example.org;Ayşe;Yıldız;Jobcenter Oberhausen\n"
    "zweite@example.org;Carla;Cho;Jugendamt Gelsenkirchen\n"
    "geheim@example.org;Dora;Dahl;Jobcenter Oberhausen\n"
    "ohne-name@example.org;;;Jobcenter Oberhausen\n"
)


def test_preview_shows_per_line_errors_and_saves_nothing(manager_client):
    response = manager_client.post(reverse("reports:import_people"), {"people_file": _file(CSV)})
    html = response.content.decode()
    assert "1 Konto wird angelegt" in html
    assert "Das ist keine gültige E-Mail-Adresse." in html
    assert "Diese Adresse steht zweimal in der Datei." in html
    assert "Unbekannte Organisation oder nicht in Ihrem Verantwortungsbereich." in html
    assert "Es gibt bereits ein Konto mit dieser Adresse." in html
    assert "Vor- und Nachname sind erforderlich." in html
    assert SECRET not in html
    assert not User.objects.filter(email="neu@example.org").exists()


def test_confirm_creates_accounts_and_sends_password_links(
    manager_client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("reports:import_people"), {"confirm": "1", "people_text": CSV}, follow=True
        )
    assert "1 Konto wurde angelegt und eingeladen." in response.content.decode()
    person = User.objects.get(email="neu@example.org")
    assert person.organisation == world["jc_ob"] and not person.has_usable_password()
    assert person.groups.filter(name="Lernende").exists()
    assert mail.outbox[0].to == ["neu@example.org"]
    link = next(word for word in mail.outbox[0].body.split() if "/passwort/neu/" in word)
    page = manager_client.get(link.replace("http://testserver", ""), follow=True)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
