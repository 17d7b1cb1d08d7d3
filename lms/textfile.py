"""Decoding uploaded text files: one rule for every upload (CSV, question files).

A byte-order mark decides (Unicode Standard, ch. 23.8: UTF-8, UTF-16 LE/BE); otherwise UTF-8
if the bytes are valid UTF-8, else Windows-1252 (Excel's and Word's "ANSI" in Western Europe).
"""

import codecs

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Zip (xlsx, docx) and OLE2 (xls, doc) containers: office documents, never text.
OFFICE_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


class NotText(ValueError):
    """The bytes are no text in any encoding we accept."""


def is_office_document(data):
    """Whether ``data`` (bytes) starts like an Excel or Word file."""
    return data.startswith(OFFICE_SIGNATURES)


def decode_text(data):
    """``(text, encoding)`` of ``data`` (bytes): by BOM, else UTF-8, else cp1252.

    ``encoding`` is one of "utf-8-sig", "utf-16-le", "utf-16-be", "utf-8", "cp1252".
    Raises NotText when the bytes decode in none of them.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                raise NotText(encoding) from None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotText("cp1252")
