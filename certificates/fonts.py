"""The certificate's fonts: where their files are, and which characters they can print.

The renderer reads the fonts from this package's own directory by absolute path. It never goes
through ``STATIC_URL`` or the static files storage: under ``ManifestStaticFilesStorage`` the
URLs are hashed (``DejaVuSans.4cc160d1da14.ttf``), a link callback cannot map them back, and
xhtml2pdf then silently falls back to the unembedded Helvetica, which lacks ş, ı, Ł, ễ, ….
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
