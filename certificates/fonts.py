"""The certificate's fonts: where their files are, and which characters they can print.

The renderer reads the fonts from this package's own directory by absolute path. It never goes
through ``STATIC_URL`` or the static files storage: under ``ManifestStaticFilesStorage`` the
URLs are hashed (``DejaVuSans.4cc160d1da14.ttf``), a link callback cannot map them back, and
xhtml2pdf then silently falls back to the unembedded Helvetica, which lacks ş, ı, Ł, ễ, ….

Characters DejaVu Sans lacks (above all Chinese, Japanese and Korean ideographs) are refused
at issue, with a message naming them, instead of printed with a fallback font:

- German identity documents and registers write names in Latin letters (ICAO 9303
  transliteration); the certificate is read next to them, so the Latin form is the one that
  must match. Administration is asked to enter it.
- No CJK font in Debian or on PyPI is both under the OFL and drawn with TrueType outlines:
  Noto Sans CJK (OFL) has CFF outlines, which ReportLab cannot embed ("postscript outlines are
  not supported"); Droid Sans Fallback (Apache-2.0, Debian fonts-droid-fallback) would work
  but is 4.0 MB to ship with the app. With subsetting the PDF itself would grow only by about
  3.3 KB for "李 娜" (22.8 KB -> 26.1 KB, measured with xhtml2pdf 0.2.28): size is not the
  reason, the font to ship and to keep in step on every host is.
- A refusal also covers what no font covers (historic scripts, private-use characters), so
  it is needed anyway: no certificate ever prints a box.
"""

import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "static" / "certificates" / "fonts"
FONT_FILES = {
    "regular": FONT_DIR / "DejaVuSans.ttf",
    "bold": FONT_DIR / "DejaVuSans-Bold.ttf",
}
# Characters that are layout, not glyphs: breaks and spaces the renderer handles itself.
_LAYOUT = {"\n", "\r", "\t"}


@lru_cache(maxsize=1)
def _covered():
    """Code points every certificate font has a glyph for (both weights: names are bold)."""
    sets = [set(TTFont(name, str(path)).face.charToGlyph) for name, path in FONT_FILES.items()]
    return frozenset.intersection(*map(frozenset, sets))


def unprintable_characters(*texts):
    """The characters of ``texts`` no certificate font can print, in order of appearance.

    ``texts``: strings (``None`` is ignored). Returns a list of distinct one-character strings;
    empty when everything prints. Format characters (zero-width joiners, marks) count too: a
    box is a box.
    """
    covered = _covered()
    found = []
    for text in texts:
        for char in text or "":
            if char in _LAYOUT or ord(char) in covered or char in found:
                continue
            found.append(char)
    return found


def describe_characters(chars):
    """``['李', '娜']`` -> ``'李 (U+674E CJK UNIFIED IDEOGRAPH-674E), 娜 (U+5A1C …)'``."""
    return ", ".join(
        f"{char} (U+{ord(char):04X} {unicodedata.name(char, 'unbenannt')})" for char in chars
    )
