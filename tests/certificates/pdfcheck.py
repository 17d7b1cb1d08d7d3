"""What a PDF tool sees in a certificate: fonts, text positions, links, metadata."""

import io
from functools import lru_cache

import pikepdf
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from certificates.fonts import FONT_FILES

A4_WIDTH = 595.28
SIDE_MARGIN = 56.69  # 2 cm, the template's left and right page margin


def fonts(data):
    """``[(BaseFont, embedded?)]`` of every font any page refers to (like ``pdffonts``)."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                parts = [font, *font.get("/DescendantFonts", [])]
                descriptors = [p.FontDescriptor for p in parts if "/FontDescriptor" in p]
                embedded = any(
                    key in d
                    for d in descriptors
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                found.append((str(font.BaseFont), embedded))
    return found


@lru_cache(maxsize=2)
def _metrics(bold):
    return TTFont("check-bold" if bold else "check", str(FONT_FILES["bold" if bold else "regular"]))


def text_runs(data):
    """``[(text, x_left, x_right)]`` in points for every text run on every page."""
    runs = []
    for page in PdfReader(io.BytesIO(data)).pages:

        def visit(text, cm, tm, font, size, runs=runs):
            # pypdf puts a space or newline before a new line's text; it is not drawn.
            text = text.strip()
            if not text or font is None:
                return
            scale = cm[0] * tm[0]
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            face = _metrics("Bold" in str(font.get("/BaseFont", "")))
            width = face.stringWidth(text, size * scale)
            runs.append((text, x, x + width))

        page.extract_text(visitor_text=visit)
    return runs


def overflowing(data):
    """The text runs that reach into the left or right page margin (1 pt tolerance)."""
    return [
        (text, round(left), round(right))
        for text, left, right in text_runs(data)
        if left < SIDE_MARGIN - 1 or right > A4_WIDTH - SIDE_MARGIN + 1
    ]


def link_uris(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot
        ]
