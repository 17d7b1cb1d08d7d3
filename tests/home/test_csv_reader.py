"""The one CSV reader (lms/csvfile.py) with the bytes real spreadsheets write."""

import codecs

import pytest

from lms.csvfile import (
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    ORGANISATION,
    CsvFileError,
    read_csv,
)

COLUMNS = (EMAIL, FIRST_NAME, LAST_NAME, ORGANISATION)
ROWS = [
    ("jürgen.weiß@example.org", "Jürgen", "Weiß", "Jobcenter Oberhausen"),
    ("ayse@example.org", "Ayşe", "Yıldız", "Jugendamt Gelsenkirchen"),
]


def _text(delimiter, header="E-Mail;Vorname;Nachname;Organisation", newline="\r\n"):
    lines = [header.replace(";", delimiter)] + [delimiter.join(row) for row in ROWS]
    return newline.join(lines) + newline


def _people(table):
    return [tuple(row.cells[c.key] for c in COLUMNS) for row in table.rows]


def test_utf8_with_bom_and_semicolons():
    table = read_csv(codecs.BOM_UTF8 + _text(";").encode(), columns=COLUMNS)
    assert (table.encoding_label, table.delimiter) == ("UTF-8 (BOM)", ";")
    assert _people(table) == ROWS and [row.number for row in table.rows] == [2, 3]


def test_cp1252_with_semicolons_keeps_umlauts():
    # Excel-DE "CSV (Trennzeichen-getrennt)": Windows-1252, no BOM. "ş"/"ı" do not exist in
    # cp1252, so this file has only the first person.
    data = "E-Mail;Vorname;Nachname;Organisation\r\njürgen.weiß@example.org;Jürgen;Weiß;Jobcenter Oberhausen\r\n".encode(  # noqa: E501
        "cp1252"
    )
    table = read_csv(data, columns=COLUMNS)
    assert table.encoding == "cp1252"
    assert _people(table) == [ROWS[0]]


def test_utf16le_unicode_text_with_tabs():
    data = codecs.BOM_UTF16_LE + _text("\t").encode("utf-16-le")
    table = read_csv(data, columns=COLUMNS)
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert _people(table) == ROWS


def test_utf16be_and_english_headers_in_another_order():
    text = "last name,email,first name,organisation\nWeiß,jürgen.weiß@example.org,Jürgen,Jobcenter Oberhausen\n"  # noqa: E501
    table = read_csv(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), columns=COLUMNS)
    assert table.delimiter == "," and _people(table) == [ROWS[0]]


def test_cr_only_line_endings_of_excel_for_mac():
    table = read_csv(_text(";", newline="\r").encode(), columns=COLUMNS)
    assert _people(table) == ROWS and [row.number for row in table.rows] == [2, 3]


def test_a_field_over_the_csv_module_limit_is_one_line_error():
    data = _text(";").encode() + b"x@example.org;" + b"A" * 131_073 + b";B;Jobcenter\r\n"
    table = read_csv(data, columns=COLUMNS)
    assert _people(table)[:2] == ROWS
    assert table.rows[2].number == 4
    assert table.rows[2].error == "Feld länger als 1.000 Zeichen."


def test_a_field_over_our_limit_is_one_line_error():
    data = _text(";").encode() + b"x@example.org;" + b"A" * 1001 + b";B;Jobcenter\r\n"
    assert read_csv(data, columns=COLUMNS).rows[2].error == "Feld länger als 1.000 Zeichen."


def test_an_unterminated_quote_costs_only_its_line():
    text = 'E-Mail;Vorname\n"a@example.org;Anna\nb@example.org;Ben\n'
    table = read_csv(text.encode(), columns=(EMAIL, FIRST_NAME))
    assert table.rows[0].number == 2
    assert table.rows[0].error == "Ein Anführungszeichen ist nicht geschlossen oder falsch gesetzt."
    assert table.rows[1].cells["email"] == "b@example.org" and not table.rows[1].error


def test_nul_and_control_characters_are_refused_per_line():
    text = "E-Mail;Vorname;Nachname\na@example.org;An\x00na;Berg\nb@example.org;Ben;Berg\n"
    table = read_csv(text.encode(), columns=(EMAIL, FIRST_NAME, LAST_NAME))
    assert table.rows[0].error.startswith("Enthält Steuerzeichen")
    assert "\x00" not in table.rows[0].raw
    assert not table.rows[1].error


def test_quoted_semicolon_and_comma_in_names():
    text = 'E-Mail;Vorname;Nachname;Organisation\na@example.org;"Anna; Maria";Berg;"Jobcenter, Team 2"\n'  # noqa: E501
    table = read_csv(text.encode(), columns=COLUMNS)
    assert _people(table) == [("a@example.org", "Anna; Maria", "Berg", "Jobcenter, Team 2")]


def test_single_column_without_header():
    table = read_csv(b"a@example.org\nb@example.org\n", columns=(EMAIL,))
    assert [row.cells["email"] for row in table.rows] == ["a@example.org", "b@example.org"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Die Datei enthält keine Zeilen."),
        (b"PK\x03\x04rest-of-a-zip", "Das ist eine Excel-Arbeitsmappe"),
        (b"\xef\xbb\xbf\xff\xfe", "Die Datei konnte nicht als Text gelesen werden."),
        (b"Vorname;Nachname\nAnna;Berg\n", "Die Kopfzeile hat keine Spalte „E-Mail“."),
        # Found by the tester: a missing column further right was a KeyError, HTTP 500.
        (
            b"email,first_name\nneu1@example.org,Anna\n",
            "Die Kopfzeile hat keine Spalte „Nachname“.",
        ),
        (b"email\nneu1@example.org\n", "Die Kopfzeile hat keine Spalte „Vorname“."),
        (b"a@example.org\n" * 200_000, "Die Datei ist zu groß (höchstens 2 MB)."),
        (b"a@example.org\n" * 5_002, "Die Datei hat mehr als 5.000 Zeilen."),
    ],
)
def test_whole_file_problems_are_a_german_message(data, message):
    with pytest.raises(CsvFileError) as error:
        read_csv(data, columns=COLUMNS)
    assert str(error.value).startswith(message)
