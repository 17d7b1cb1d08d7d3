"""lms.inputs: the one home for what people type (control characters, text, numbers)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from lms.inputs import normalise_text, parse_number, reject_control_characters


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


# --- control characters -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["ab\x00c", "\x1b[31m", "a\x7f", "\x85", "Name\ud800"])
def test_control_characters_are_refused_with_a_german_message(text):
    with pytest.raises(ValidationError) as error:
        reject_control_characters(text, multiline=True)
    assert error.value.code == "control_character"
    assert "Steuerzeichen" in error.value.messages[0]


def test_the_message_names_character_and_position():
    with pytest.raises(ValidationError) as error:
        reject_control_characters("Anna\x00")
    assert "U+0000 an Stelle 5" in error.value.messages[0]


def test_tab_and_line_breaks_only_in_multiline_text():
    essay = "Erstens:\r\n\tdas Jugendamt\n"
    assert reject_control_characters(essay, multiline=True) == essay
    with pytest.raises(ValidationError):
        reject_control_characters("Anna\tMüller")


def test_letters_of_every_script_and_emoji_pass():
    text = "Ærøskøbing – Çağla Öztürk, Ελένη, 李雷 👩🏽‍💻 ﬁ"
    assert reject_control_characters(text) == text


# --- text comparison ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ma\u0308dchen", "Mädchen"),  # decomposed (macOS, PDF) vs composed
        ("Mädchen", "Ma\u0308dchen"),
        ("  SGB   VIII ", "sgb viii"),
        ("STRASSE", "Straße"),
        ("ﬁnanzamt", "Finanzamt"),  # ligature from a PDF
        ("10\u00a0km", "10 km"),
    ],
)
def test_normalise_text_makes_equal_what_people_read_as_equal(typed, expected):
    assert normalise_text(typed) == normalise_text(expected)


def test_normalise_text_keeps_different_words_apart():
    assert normalise_text("Mädchen") != normalise_text("Madchen")


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        ("0,5", "0.5"),
        ("1.000,5", "1000.5"),
        ("1,000.5", "1000.5"),
        ("1.000.000", "1000000"),
        ("1,000,000", "1000000"),
        ("10\u202f000", "10000"),
        ("10\u00a0000,25", "10000.25"),
        ("10'000.5", "10000.5"),
        ("\u22123", "-3"),  # minus sign
        ("\u20133,5", "-3.5"),  # en dash, as word processors write it
        ("0,125", "0.125"),
        ("1234.567", "1234.567"),
        (" 7 ", "7"),
        ("-0", "0"),
    ],
)
def test_numbers_with_one_meaning_are_read(typed, number):
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize(
    ("typed", "readings"),
    [("1.000", ("1000", "1")), ("10.000", ("10000", "10")), ("1,500", ("1500", "1,5"))],
)
def test_ambiguous_numbers_are_refused_saying_why_and_what_to_type(typed, readings):
    with pytest.raises(ValidationError) as error:
        parse_number(typed)
    assert error.value.code == "ambiguous_number"
    message = error.value.messages[0]
    assert "nicht eindeutig" in message
    assert all(reading in message for reading in readings)


@pytest.mark.parametrize(
    "typed", ["NaN", "nan", "Infinity", "-inf", "1e5", "--1", "3,5,1", "1.2,3", "12 34", "", "\x00"]
)
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(ValidationError) as error:
        parse_number(typed)
    assert error.value.code in ("invalid_number", "control_character")


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), True])
def test_non_finite_values_are_refused_also_when_not_typed(value):
    with pytest.raises(ValidationError):
        parse_number(value)


def _grouped(digits, separator):
    if not separator:
        return digits
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return separator.join([digits, *groups])


STYLES = st.sampled_from(
    [
        (",", ""),  # German
        (",", "."),
        (",", " "),
        (",", "\u202f"),
        (".", ""),  # English
        (".", ","),
        (".", "'"),
    ]
)


@given(
    number=st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    style=STYLES,
    minus=st.sampled_from(["-", "\u2212", "\u2013"]),
)
@example(number=Decimal("1000"), style=(",", "."), minus="-")  # "1.000"
@example(number=Decimal("1.5"), style=(".", ","), minus="-")
def test_a_formatted_number_reads_back_or_is_refused_as_ambiguous(number, style, minus):
    """Never a different number: formatting German- or English-style parses back to it."""
    mark, group = style
    whole, _dot, fraction = format(abs(number), "f").partition(".")
    text = _grouped(whole, group) + (mark + fraction if fraction else "")
    if number < 0:
        text = minus + text
    try:
        parsed = parse_number(text)
    except ValidationError as error:
        assert error.code == "ambiguous_number", (text, error.messages)
        return
    assert parsed == number, text


@given(st.text(max_size=50))
def test_any_text_is_read_or_refused_never_an_exception(text):
    try:
        number = parse_number(text)
    except ValidationError:
        return
    assert number.is_finite()


@pytest.mark.parametrize("name", ["\u200b", "Ol\u202ega", "A\u2066B", "\ufeffAnna"])
@pytest.mark.django_db
def test_invisible_format_characters_are_refused_in_printed_names(client, name):
    """Found by the tester: a name of one zero-width space, or one with a right-to-left
    override, was saved from the profile and would be printed on certificates."""
    from django.urls import reverse

    from tests.factories import UserFactory

    user = UserFactory(first_name="Anna", last_name="Berg")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"first_name": name, "last_name": "Berg", "job_title": ""}
    )
    assert response.status_code == 400  # the form again, with the message at the field
    assert "unsichtbares Steuerzeichen" in response.text
    user.refresh_from_db()
    assert user.first_name == "Anna"


def test_joiners_and_direction_marks_of_real_scripts_stay_allowed():
    from lms.inputs import reject_control_characters

    for text in ("می\u200cخواهم", "क्\u200dष", "\u200fשלום"):
        assert reject_control_characters(text) == text
