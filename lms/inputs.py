"""One home for what people type: control characters, text comparison and numbers.

Every text or number a person enters (learners' answers, trainers' admin fields, imported
names) goes through these functions, so a character or a number means the same thing on
every page, in every import and in every report.

- ``reject_control_characters(value, *, multiline=False)``: refuse NUL and the other control
  characters that no keyboard types (PostgreSQL cannot store NUL in text at all).
- ``normalise_text(value)``: the form two texts are compared in (NFKC, case folded,
  whitespace collapsed).
- ``parse_number(value)``: the ``Decimal`` meant by a typed number, German or international
  notation, refusing what could be read two ways.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Tab, line feed and carriage return are what a <textarea> legitimately sends.
MULTILINE_ALLOWED = frozenset("\t\n\r")


# Invisible format characters nobody types on purpose: zero-width space, word joiner, a BOM
# inside text, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069), which reorder what is displayed ("Trojan Source", CVE-2021-42574) and could
# make a printed name read differently from what was stored. Zero-width (non-)joiners and the
# left-to-right/right-to-left marks stay allowed: Persian, Indic and Hebrew text needs them.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char):
    # Cc: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F).
    # Cs: lone surrogates (only from JSON "\ud800" escapes); no database can store them.
    return char in INVISIBLE or unicodedata.category(char) in ("Cc", "Cs")


def validate_one_line(value):
    """Model/form field validator for one-line text that is shown or printed (names, job
    titles): ``reject_control_characters`` without line breaks. Raises ``ValidationError``."""
    reject_control_characters(value)


def reject_control_characters(value, *, multiline=False):
    """Return ``value`` unchanged, or raise if it holds a character nobody types.

    ``value``: a ``str``. ``multiline``: True for free text from a ``<textarea>`` (essay,
    reflection), which keeps tab and line breaks; False (default) for one-line input such as
    a name, a short answer or a number, where a tab or line break is as wrong as NUL.

    Refused: NUL and every other C0/C1 control character (Unicode category ``Cc``), lone
    surrogates (``Cs``) and the invisible format characters of ``INVISIBLE``. Why: PostgreSQL
    refuses NUL in ``text`` (``DataError``, a 500) while SQLite stores it silently; the others
    are invisible, break CSV exports and PDF output, or reorder what is displayed.
    Django's form ``CharField`` only refuses NUL (``ProhibitNullCharactersValidator``); this is
    the one check for the inputs that bypass forms and for stricter fields.

    Raises ``django.core.exceptions.ValidationError`` (code ``"control_character"``) with a
    translated message naming the character and its position (1-based).
    """
    allowed = MULTILINE_ALLOWED if multiline else frozenset()
    for index, char in enumerate(value):
        if char not in allowed and _is_control(char):
            raise ValidationError(
                _(
                    "The text contains an invisible control character (%(code)s at position "
                    "%(position)s) that cannot be saved. Please remove it, e.g. by typing the "
                    "text instead of pasting it."
                ),
                code="control_character",
                params={"code": f"U+{ord(char):04X}", "position": index + 1},
            )
    return value


def normalise_text(value):
    """The comparable form of a typed text: ``str`` -> ``str``.

    1. Unicode NFKC: "Mädchen" typed as ``a`` + U+0308 (macOS, text copied from a PDF) equals
       the precomposed "Mädchen"; compatibility forms fold too (ligature "ﬁ" -> "fi", full-width
       digits, no-break space -> space, superscript "²" -> "2"). NFKC rather than NFC because a
       short answer is compared for meaning, not typography; the stored answer keeps exactly
       what the person typed (only the comparison uses this form).
    2. Case folding (``str.casefold``, Unicode's full folding: "Straße" == "STRASSE").
    3. Whitespace collapsed to single spaces, trimmed.

    Source: Unicode Standard Annex #15 (normalisation forms) and the Unicode Standard,
    section 5.18 (case folding); the W3C "Character Model: String Matching" recommends
    exactly this order (normalise, fold, normalise again, since folding can denormalise).
    """
    folded = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


# --- numbers -----------------------------------------------------------------------------------

NUMBER_MAX_CHARS = 40
# Significant digits Decimal's default context (precision 28) holds exactly.
NUMBER_MAX_DIGITS = 28
# Signs people type or paste: hyphen-minus, minus sign U+2212, en dash U+2013 (word
# processors turn "-3" into "–3"), figure dash U+2012, small and full-width hyphen-minus.
_MINUS = "-\u2212\u2013\u2012\ufe63\uff0d"
# Characters that only ever group digits: spaces (normal, no-break U+00A0, narrow no-break
# U+202F as DIN 5008 and SI write "10 000", thin U+2009) and apostrophes (Swiss "10'000").
_GROUPING = " \u00a0\u202f\u2009'\u2019"
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def _number_error(code, message, params=None):
    return ValidationError(message, code=code, params=params)


def _not_a_number():
    return _number_error("invalid_number", _("Please enter a number, e.g. 3,5."))


def _german(number):
    """``number`` written the German way, without grouping, never unambiguous-looking."""
    text = format(number.normalize(), "f") if number != number.to_integral() else str(int(number))
    whole, _dot, fraction = text.partition(".")
    if len(fraction) == 3:
        fraction += "0"  # "1,234" would be ambiguous again; "1,2340" is not
    return f"{whole},{fraction}" if fraction else whole


def _ambiguous(text, digits, separator):
    grouped = Decimal(digits.replace(separator, ""))
    decimal = Decimal(digits.replace(separator, "."))
    return _number_error(
        "ambiguous_number",
        _(
            "“%(value)s” is ambiguous: the point or comma may separate thousands or decimals, "
            "so it could mean %(grouped)s or %(decimal)s. Please type %(grouped)s (thousands "
            "without a separator) or %(decimal)s (decimals after a comma)."
        ),
        {"value": text, "grouped": _german(grouped), "decimal": _german(decimal)},
    )


def _unsigned(digits, text):
    """The plain-notation value of ``digits`` (only 0-9, "." and ","); see parse_number."""
    if not digits or digits in {".", ","} or not re.fullmatch(r"[\d.,]+", digits):
        raise _not_a_number()
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        # Both marks: the last one separates the decimals, the other one groups thousands.
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group = "." if mark == "," else ","
        whole, fraction = digits.rsplit(mark, 1)
        if digits.count(mark) != 1 or not _GROUPED.fullmatch(whole) or not fraction.isdigit():
            raise _not_a_number()
        return f"{whole.replace(group, '')}.{fraction}"
    mark = "." if dots else "," if commas else None
    if mark is None:
        return digits
    if digits.count(mark) > 1:
        # "1.000.000": only a thousands separator repeats.
        if not _GROUPED.fullmatch(digits):
            raise _not_a_number()
        return digits.replace(mark, "")
    whole, fraction = digits.split(mark)
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole != "0":
        raise _ambiguous(text, digits, mark)
    return f"{whole or '0'}.{fraction or '0'}"


def parse_number(value):
    """The ``Decimal`` a person meant by ``value``; the one number reader for learners' answers
    and the admin's decimal fields.

    ``value``: a ``str`` as typed (``int`` and finite ``Decimal`` pass through unchanged).
    Returns a finite ``Decimal`` in plain notation. Reads German and international forms that
    have one meaning only:

    - decimal comma or point: ``3,5`` ``3.5`` ``0,125`` ``1.2345`` ``,5``
    - both marks, the last one separates the decimals: ``1.000,5`` ``1,000.5``
    - the same mark repeated only groups thousands: ``1.000.000`` ``1,000,000``
    - spaces (also no-break and narrow no-break, DIN 5008) and apostrophes only group:
      ``10 000`` ``10'000,5``; then a single point or comma is the decimal mark
    - signs ``-3`` ``+3`` ``−3`` (U+2212 minus sign) ``–3`` (en dash, from word processors)

    Refused with a ``ValidationError`` whose translated message says why and what to type:
    ``1.000``, ``10,000``, ``123.456`` (one mark with exactly three digits after it and one
    to three non-zero-led digits before: thousands in German, decimals in English, so either
    reading is plausible: code ``"ambiguous_number"``); anything else that is not a number,
    exponents (``1e5``), ``NaN``, ``Infinity`` and more than 40 characters (code
    ``"invalid_number"``); more than 28 significant digits, which Decimal arithmetic would
    round (code ``"too_many_digits"``); control characters (``reject_control_characters``).

    Sources: DIN 5008 (German number writing: decimal comma, grouping with spaces or points),
    the SI Brochure 9th ed. 5.4.4 (either mark as decimal sign, thin space grouping), and
    the Unicode Standard for U+2212 MINUS SIGN.
    """
    if isinstance(value, bool):
        raise _not_a_number()
    if isinstance(value, int | Decimal):
        number = Decimal(value)
        if not number.is_finite():
            raise _not_a_number()
        return number
    text = reject_control_characters(str(value)).strip()
    if not text or len(text) > NUMBER_MAX_CHARS:
        raise _not_a_number()
    # Full-width digits and similar compatibility forms become ASCII (NFKC).
    compact = unicodedata.normalize("NFKC", text)
    sign = ""
    if compact[0] in _MINUS or compact[0] == "+":
        sign = "-" if compact[0] in _MINUS else ""
        compact = compact[1:].lstrip(_GROUPING)
    grouped_by_space = any(char in _GROUPING for char in compact)
    if grouped_by_space:
        parts = re.split(f"[{_GROUPING}]", compact)
        head, *groups = parts
        last, mark, fraction = groups[-1].partition("," if "," in groups[-1] else ".")
        groups[-1] = last
        if not re.fullmatch(r"\d{1,3}", head) or not all(re.fullmatch(r"\d{3}", g) for g in groups):
            raise _not_a_number()
        if mark and not fraction.isdigit():
            raise _not_a_number()
        plain = "".join([head, *groups]) + (f".{fraction}" if mark else "")
    else:
        plain = _unsigned(compact, text)
    try:
        number = Decimal(sign + plain)
    except InvalidOperation:
        raise _not_a_number() from None
    significant = "".join(map(str, number.as_tuple().digits)).strip("0")
    if len(significant) > NUMBER_MAX_DIGITS:
        # Decimal arithmetic (normalize, comparison with a tolerance) rounds beyond this:
        # 30 digits would be stored and scored as another number, silently.
        raise _number_error(
            "too_many_digits",
            _("Please enter at most %(max)d digits."),
            {"max": NUMBER_MAX_DIGITS},
        )
    return abs(number) if number.is_zero() else number  # "-0" is 0
