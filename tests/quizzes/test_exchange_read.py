"""Reading GIFT and Moodle XML: every construct of the German fixtures, the problems with
their lines, encodings, limits and hostile XML (quizzes.exchange)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.translation import gettext

from quizzes.exchange import QuestionFileError, read_gift, read_moodle_xml, read_questions

FIXTURES = Path(__file__).parent / "fixtures"


def by_title(result):
    return {question.title: question for question in result.questions}


def problems_at(result):
    return {problem.line: problem for problem in result.problems}


@pytest.fixture
def gift():
    return read_questions((FIXTURES / "alle_konstrukte.gift").read_bytes(), "fragen.txt")


@pytest.fixture
def xml():
    return read_questions((FIXTURES / "alle_typen.xml").read_bytes(), "fragen.xml")


def test_gift_choice_questions_with_feedback_weights_and_categories(gift):
    questions = by_title(gift)
    single = questions["Einfachauswahl"]
    assert single.kind == "single"
    assert single.category == "Frühe Hilfen/Grundlagen"
    assert [(c.text, c.is_correct) for c in single.choices] == [
        ("Die Netzwerkkoordination im Jugendamt", True),
        ("Die Hebammenpraxis", False),
        ("Das Standesamt", False),
    ]
    assert single.choices[0].feedback == "Richtig, sie ist im KKG verankert."
    weighted = questions["Gewichtet"]
    assert weighted.kind == "multiple"
    assert [c.fraction for c in weighted.choices] == [50, 50, -100]
    assert weighted.partial_credit is False  # -100 cancels everything: all or nothing
    assert "0 bis 3 Jahren" in weighted.feedback
    assert questions[""].text == "<p>Ohne Titel: Wer finanziert die Bundesstiftung?</p>"


def test_gift_true_false_short_numeric_essay_matching_missing_word(gift):
    questions = by_title(gift)
    true = questions["Wahr oder falsch"]
    assert true.kind == "true_false"
    assert [(c.text, c.is_correct) for c in true.choices] == [
        (gettext("True"), True),
        (gettext("False"), False),
    ]
    assert true.choices[1].feedback == "Leider falsch: es war 2012."
    assert [c.is_correct for c in questions["Falsch"].choices] == [False, True]
    assert questions["Kurzantwort"].accepted_answers == [
        "KKG",
        "Gesetz zur Kooperation und Information im Kinderschutz",
    ]
    numeric = questions["Zahl mit Toleranz"]
    assert (numeric.numeric_answer, numeric.tolerance, numeric.points) == (
        Decimal("3.5"),
        Decimal("0.5"),
        Decimal("2"),
    )
    ranged = questions["Zahlenbereich"]
    assert (ranged.numeric_answer, ranged.tolerance) == (3, 2)
    assert questions["Freitext"].kind == "essay"
    assert questions["Zuordnung"].pairs == [
        ("KKG", "Gesetz"),
        ("NZFH", "Nationales Zentrum"),
        ("BIS", "Bundesinitiative"),
    ]
    missing = questions["Lückentext"]
    assert missing.kind == "single"
    assert missing.text == "<p>Die Bundesstiftung _____ finanziert die Netzwerke.</p>"


def test_gift_escapes_formats_and_lines(gift):
    questions = by_title(gift)
    assert questions["Sonderzeichen"].text == "<p>Was bedeutet 1:1-Betreuung {im Kreis} = ~ #?</p>"
    assert questions["Sonderzeichen"].choices[1].text == "Eine Fachkraft für alle#Nein."
    assert questions["HTML"].text == "<p>Welche <b>zwei</b> Aussagen stimmen?</p>"
    assert questions["HTML"].choices[1].text == "Partner & Träger arbeiten zusammen"
    assert questions["Markdown"].text == "<p>Was ist <b>verbindlich</b> geregelt?</p>"
    assert questions["Mehrzeilig"].text == "<p>Erste Zeile der Frage<br/>zweite Zeile der Frage</p>"
    assert questions["Mehrzeilig"].category == "Frühe Hilfen/Vertiefung"
    assert questions["Einfachauswahl"].line == 6


def test_gift_problems_name_their_line_and_reason(gift):
    problems = problems_at(gift)
    assert problems[69].skipped and "{…}" in problems[69].message
    assert problems[71].skipped and "drei" in problems[71].message
    assert problems[30].skipped and gettext("Matching") in problems[30].message
    assert not problems[6].skipped  # per-answer feedback is lost: a note, not a refusal
    assert "Kaputt" not in by_title(gift)


def test_xml_every_type_maps_or_is_listed_with_its_reason(xml):
    questions = by_title(xml)
    single = questions["Einfachauswahl"]
    assert (single.kind, single.points, single.category) == (
        "single",
        2,
        "Frühe Hilfen/Grundlagen",
    )
    assert single.choices[2].text == "Das Standesamt & die Meldebehörde"  # entity
    assert single.images[0].name == "netz.png"
    assert single.images[0].data.startswith(b"\x89PNG")
    assert single.images[0].alt == "Schaubild des Netzwerks"
    assert questions["Mehrfachauswahl"].text == (
        "<p>Welche Angebote gehören zu den Frühen Hilfen?</p>"
    )
    assert [c.is_correct for c in questions["Wahr oder falsch"].choices] == [True, False]
    assert questions["Kurzantwort"].accepted_answers == ["KKG", "K.K.G."]
    assert (questions["Zahl"].numeric_answer, questions["Zahl"].tolerance) == (
        Decimal("3.5"),
        Decimal("0.5"),
    )
    assert questions["Freitext"].points == 5
    assert questions["Zuordnung"].pairs == [("KKG", "Gesetz"), ("NZFH", "Nationales Zentrum")]
    gaps = questions["Auswahllücken"]
    assert gaps.text == "<p>Die [[1]] finanziert die [[2]].</p>"
    assert [[a.text for a in gap.answers if a.is_correct] for gap in gaps.gaps] == [
        ["Bundesstiftung"],
        ["Netzwerke"],
    ]
    cloze = questions["Lückentext"]
    assert [gap.kind for gap in cloze.gaps] == ["short_text", "numeric", "select"]
    assert cloze.gaps[2].points == 2
    assert questions["Reihenfolge"].items == [
        "Kontakt aufnehmen",
        "Bedarf klären",
        "Hilfe vermitteln",
    ]
    problems = problems_at(xml)
    for line in (112, 117, 123, 127, 131):  # calculated, units, drag and drop, description
        assert problems[line].skipped and problems[line].title
    for line in (78, 85, 94, 100, 105):  # later types: read, listed, not imported
        assert problems[line].skipped


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_encodings_as_with_csv_uploads(encoding, bom):
    data = bom + "::Ä::Wer prüft die Qualität?{=Die Fachstelle ~Niemand}".encode(encoding)
    result = read_questions(data)
    assert result.questions[0].title == "Ä"
    assert result.questions[0].choices[0].text == "Die Fachstelle"


def test_whole_file_problems_are_one_message():
    with pytest.raises(QuestionFileError):
        read_questions(b"PK\x03\x04 a docx")
    with pytest.raises(QuestionFileError):
        read_questions(b"   \n ")
    with pytest.raises(QuestionFileError):
        read_questions(b"x" * (10 * 1024 * 1024 + 1))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="essay"><name><text>&lol3;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&geheim;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused_without_expanding_anything(data):
    result = read_questions(data)
    assert result.questions == []
    assert "DOCTYPE" in result.problems[0].message


def test_broken_xml_names_the_line():
    result = read_moodle_xml('<?xml version="1.0"?>\n<quiz>\n<question type="essay">\n</quiz>')
    assert result.questions == []
    assert result.problems[0].line == 4


def test_too_large_image_skips_the_question(monkeypatch):
    monkeypatch.setattr("quizzes.exchange.xml_read.MAX_IMAGE_BYTES", 10)
    result = read_moodle_xml(
        '<quiz><question type="essay"><name><text>Bild</text></name><questiontext format="html">'
        '<text>x</text><file name="a.png" encoding="base64">'
        + "A" * 100
        + "</file></questiontext></question></quiz>"
    )
    assert result.questions == []
    assert "a.png" in result.problems[0].message


def test_gift_never_raises_on_odd_input():
    for text in ["{", "}", "::", "::a::{#1..}", "{#:}", "x{=a -> }", "$CATEGORY:", "{~}", "{T#"]:
        result = read_gift(text)
        assert len(result.questions) + len(result.problems) <= 1
