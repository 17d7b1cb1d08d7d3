"""Question exchange: GIFT and Moodle XML, read and written, independent of storage.

``read_questions(data, filename)`` reads an uploaded file (format from the content, encoding
from BOM / UTF-8 / cp1252, a size limit) into a ``ReadResult`` whose ``problems`` include
what today's engine cannot store; ``write_gift`` / ``write_moodle_xml`` write files. The
binding to the database (Question rows <-> ``ExchangeQuestion``) is ``quizzes.exchange.orm``.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lms import textfile

from .data import (
    ExchangeChoice,
    ExchangeGap,
    ExchangeImage,
    ExchangeQuestion,
    Problem,
    ReadResult,
)
from .gift_read import read_gift
from .gift_write import write_gift
from .mapping import importable, kind_label, mapping_problems
from .xml_read import read_moodle_xml
from .xml_write import write_moodle_xml

__all__ = [
    "ExchangeChoice",
    "ExchangeGap",
    "ExchangeImage",
    "ExchangeQuestion",
    "Problem",
    "QuestionFileError",
    "ReadResult",
    "importable",
    "kind_label",
    "read_gift",
    "read_moodle_xml",
    "read_questions",
    "write_gift",
    "write_moodle_xml",
]

# Moodle XML carries images as base64: a course's question collection with a few pictures.
MAX_FILE_BYTES = 10 * 1024 * 1024


class QuestionFileError(ValueError):
    """The file as a whole cannot be read; ``str(error)`` is the translated message."""


def detect_format(text, filename=""):
    """ "xml" or "gift" for decoded ``text``: the content decides, the name only breaks ties
    for a file without any question (an empty XML file is still XML)."""
    start = text.lstrip()[:200]
    if start.startswith("<?xml") or start.startswith("<quiz"):
        return "xml"
    if filename.lower().endswith(".xml") and start.startswith("<"):
        return "xml"
    return "gift"


def read_questions(data, filename=""):
    """Read an uploaded question file into a ``ReadResult``.

    ``data``: the file's bytes; ``filename``: its name (only a hint). The result's
    ``problems`` hold reading problems and then what cannot be stored today (see
    ``mapping_problems``), sorted by line. Raises QuestionFileError when the file is larger
    than MAX_FILE_BYTES, an office document, no text, or empty.
    """
    if len(data) > MAX_FILE_BYTES:
        raise QuestionFileError(
            _("The file is too large (at most %(size)s MB).")
            % {"size": number_format(MAX_FILE_BYTES / 1024 / 1024, decimal_pos=0)}
        )
    if textfile.is_office_document(data):
        raise QuestionFileError(
            _("This is a Word or Excel file. Please upload a GIFT (.txt) or Moodle XML file.")
        )
    try:
        text, encoding = textfile.decode_text(data)
    except textfile.NotText:
        raise QuestionFileError(_("The file could not be read as text.")) from None
    if not text.strip():
        raise QuestionFileError(_("The file contains no questions."))
    text_format = detect_format(text, filename)
    result = read_moodle_xml(text) if text_format == "xml" else read_gift(text)
    result.encoding = encoding
    result.problems = sorted(
        result.problems + mapping_problems(result.questions), key=lambda problem: problem.line
    )
    return result
