"""One home for what people type: control characters, text comparison and numbers.

Every text or number a person enters (learners' answers, trainers' admin fields, imported
names) goes through these functions, so a character or a number means the same thing on
every page, in every import and in every report.

- ``reject_control_characters(value, *, multiline=False)``: refuse NUL and the other control
  characters that no keyboard types (PostgreSQL cannot store NUL in text at all).
- ``normalise_text(value)``: the form two texts are compared in (NFKC, case folded,
  whitespace collapsed).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Tab, line feed and carriage return are what a <textarea> legitimately sends.
MULTILINE_ALLOWED = frozenset("\t\n\r")


def _is_control(char):
    # Cc: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F).
    # Cs: lone surrogates (only from JSON "\ud800" escapes); no database can store them.
    return unicodedata.category(char) in ("Cc", "Cs")


def reject_control_characters(value, *, multiline=False):
    """Return ``value`` unchanged, or raise if it holds a character nobody types.

    ``value``: a ``str``. ``multiline``: True for free text from a ``<textarea>`` (essay,
    reflection), which keeps tab and line breaks; False (default) for one-line input such as
    a name, a short answer or a number, where a tab or line break is as wrong as NUL.

    Refused: NUL and every other C0/C1 control character (Unicode category ``Cc``) and lone
    surrogates (``Cs``). Why: PostgreSQL refuses NUL in ``text`` (``DataError``, a 500) while
    SQLite stores it silently; the others are invisible, break CSV exports and PDF output.
    Django's form ``CharField`` only refuses NUL (``ProhibitNullCharactersValidator``); this is
    the one check for the inputs that bypass forms and for stricter fields.

    Raises ``django.core.exceptions.ValidationError`` (code ``"control_character"``) with a
    German message naming the character and its position (1-based).
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
