"""Catalogue search that understands German (issue #15, item 8): inflected forms, compounds
and umlauts typed without them. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import re

import pytest

from tests.factories import make_catalogue, make_course

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="course-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.fixture
def courses():
    make_course(title="Netzwerke im Sozialraum", summary="Kooperation vor Ort", modules=1)
    make_course(title="Frühe Hilfen", summary="Zusammenarbeit mit Familienzentren", modules=1)
    make_course(
        title="Wiedereinstieg", summary="Beratung zur Berufsrückkehr nach der Elternzeit", modules=1
    )
    make_course(title="Entwurf Netzwerk", live=False, modules=1)
    return make_catalogue().url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Netzwerk", ["Netzwerke im Sozialraum"]),  # inflected form
        ("netzwerk", ["Netzwerke im Sozialraum"]),
        ("Familie", ["Frühe Hilfen"]),  # prefix of a compound
        ("Rückkehr", ["Wiedereinstieg"]),  # inside a compound
        ("Rueckkehr", ["Wiedereinstieg"]),  # umlaut transcribed
        ("fruhe hilfen", ["Frühe Hilfen"]),  # umlaut left out, two words
        ("Berufsrückkehr Elternzeit", ["Wiedereinstieg"]),
        ("Quantenphysik", []),
    ],
)
def test_catalogue_finds_german_word_forms(client, courses, typed, expected):
    assert titles(client.get(courses, {"q": typed})) == expected


def test_every_word_must_match_and_drafts_stay_hidden(client, courses):
    assert titles(client.get(courses, {"q": "Netzwerk Familienzentren"})) == []
    assert "Entwurf Netzwerk" not in client.get(courses, {"q": "Entwurf"}).text
