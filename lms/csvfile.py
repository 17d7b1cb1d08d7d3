"""The one reader for every CSV upload (people import, course assignment, and any later one).

What people upload is whatever their spreadsheet wrote: Excel-DE saves "CSV" as Windows-1252
with semicolons, "CSV UTF-8" with a byte-order mark, "Unicode-Text" as UTF-16 LE with tabs;
Excel for Mac ends lines with CR only. This module turns such bytes into rows of named cells
and never raises anything but ``CsvFileError`` (a whole-file problem, shown at the form field).
Every problem of a single line (too long, an unclosed quote, control characters) is that
row's ``error``, so one bad line never costs the others.

Rules and their sources:
- Encodings: a byte-order mark decides (Unicode Standard, ch. 23.8: UTF-8, UTF-16 LE/BE);
  otherwise UTF-8 if the bytes are valid UTF-8, else Windows-1252 (Excel's "ANSI" in
  Western Europe).
- Fields and quoting: RFC 4180, with ``;`` and tab as separators too. A record never spans
  lines: none of our columns may hold a line break, so an unclosed quote stays in its line.
- Control characters (Unicode category Cc, e.g. NUL) are refused: PostgreSQL cannot store
  NUL in text, and none belongs in a name or an address.
"""

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import textfile

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FIELD_CHARS = 1000
# Lines per file: a list of people for one organisation, and below the number of values one
# query may carry (SQLite allows 32,766 variables in an IN list).
MAX_ROWS = 5000
DELIMITERS = (";", ",", "\t")  # the order breaks ties: German Excel writes ";"
_SAMPLE_LINES = 50
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

ENCODING_LABELS = {
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 (Unicode-Text)",
    "utf-16-be": "UTF-16 (Unicode-Text)",
    "cp1252": "Windows-1252 (ANSI)",
}
DELIMITER_LABELS = {
    ";": gettext_lazy("semicolon"),
    ",": gettext_lazy("comma"),
    "\t": gettext_lazy("tab"),
}


class CsvFileError(ValueError):
    """The file as a whole cannot be read; ``str(error)`` is the translated message."""


@dataclass(frozen=True)
class Column:
    """A column the caller wants: ``key`` in the result, header ``names`` it is known by
    (compared without case, spaces, hyphens and underscores)."""

    key: str
    names: tuple = ()


EMAIL = Column("email", ("E-Mail", "E-Mail-Adresse", "Mail", "email", "email address"))
FIRST_NAME = Column("first_name", ("Vorname", "first name", "given name"))
LAST_NAME = Column("last_name", ("Nachname", "Familienname", "last name", "surname"))
ORGANISATION = Column(
    "organisation", ("Organisation", "Organisation (Name)", "organization", "Dienststelle")
)
DUE_DATE = Column("due_date", ("Fälligkeitsdatum", "Fällig am", "due date", "due"))


@dataclass
class Row:
    """One non-empty line: its 1-based ``number`` in the file, the ``cells`` by column key
    (stripped; "" when missing) and ``error`` ("" or the German reason it cannot be used)."""

    number: int
    cells: dict
    error: str = ""
    raw: str = ""  # the line as read, control characters shown as "�" (for the preview)


@dataclass
class Table:
    rows: list = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def encoding_label(self):
        return ENCODING_LABELS.get(self.encoding, self.encoding)

    @property
    def delimiter_label(self):
        return DELIMITER_LABELS[self.delimiter]


def _squash(name):
    return re.sub(r"[\s_\-]+", "", name).casefold()


def decode(data):
    """``(text, encoding)`` of uploaded ``data`` (bytes) by BOM, else UTF-8, else cp1252.

    Raises CsvFileError for a spreadsheet workbook or bytes that are no text at all.
    """
    if textfile.is_office_document(data):
        raise CsvFileError(
            _(
                "This is an Excel workbook, not a CSV file. In Excel choose “Save as” and "
                "“CSV UTF-8” or “CSV (semicolon separated)”."
            )
        )
    try:
        return textfile.decode_text(data)
    except textfile.NotText:
        pass
    raise CsvFileError(_("The file could not be read as text. Please save it as CSV."))


def sniff_delimiter(lines):
    """The separator (``;``, ``,`` or tab) that splits the sample ``lines`` most evenly.

    For each candidate: the most common field count over the lines and how many lines have
    it; a candidate that splits nothing (one field) loses. Single-column files get ``,``.
    """
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter()
        for line in lines:
            counts[line.count(delimiter)] += 1
        separators, lines_agreeing = counts.most_common(1)[0] if counts else (0, 0)
        score = (lines_agreeing, separators) if separators else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse(line, delimiter):
    """The fields of one ``line``, or raise ValueError with the German reason."""
    if len(line) > csv.field_size_limit():
        raise ValueError(_field_too_long())
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        raise ValueError(_("A quotation mark is not closed or is misplaced.")) from None


def _field_too_long():
    return _("Field longer than %(limit)s characters.") % {
        "limit": number_format(MAX_FIELD_CHARS, force_grouping=True)
    }


def _cell_error(cells):
    for value in cells:
        if len(value) > MAX_FIELD_CHARS:
            return _field_too_long()
        if any(unicodedata.category(char) == "Cc" for char in value):
            return _("Contains control characters (e.g. NUL); please remove them.")
    return ""


def shown(line):
    """``line`` (up to 200 characters) for a page: control characters but tab become "�"."""
    return "".join(
        "\ufffd" if c != "\t" and unicodedata.category(c) == "Cc" else c for c in line[:200]
    )


def _header_map(cells, columns):
    """``{key: index}`` when ``cells`` is a header line naming at least one column."""
    known = {_squash(name): column.key for column in columns for name in column.names}
    found = {}
    for index, cell in enumerate(cells):
        key = known.get(_squash(cell))
        if key and key not in found:
            found[key] = index
    return found


def read_csv(data, *, columns, max_bytes=MAX_FILE_BYTES):
    """Read an uploaded CSV file into a ``Table`` of ``Row``s with cells keyed by column.

    ``data``: the file's bytes (or text already decoded).
    ``columns``: the ``Column``s wanted, in the order used when the file has no header.
    A first line naming known columns (German or English) maps them by name; another first
    line without an "@" is taken as a header and skipped. Raises CsvFileError when the file
    is larger than ``max_bytes``, has more than MAX_ROWS lines, is empty or no text, or its
    header lacks one of ``columns``.
    """
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise CsvFileError(
                _("The file is too large (at most %(size)s MB).")
                % {"size": number_format(max_bytes / 1024 / 1024, decimal_pos=0)}
            )
        text, encoding = decode(data)
    else:
        text, encoding = data, "utf-8"
    numbered = [
        (number, line)
        for number, line in enumerate(_LINE_BREAK.split(text), start=1)
        if line.strip()
    ]
    if not numbered:
        raise CsvFileError(_("The file contains no lines."))
    if len(numbered) > MAX_ROWS + 1:  # + a header line
        raise CsvFileError(
            _("The file has more than %(rows)s lines. Please split it.")
            % {"rows": number_format(MAX_ROWS, force_grouping=True)}
        )
    table = Table(encoding=encoding)
    table.delimiter = sniff_delimiter([line for _n, line in numbered[:_SAMPLE_LINES]])
    positions = {column.key: index for index, column in enumerate(columns)}
    for index, (number, line) in enumerate(numbered):
        try:
            cells = [cell.strip() for cell in _parse(line, table.delimiter)]
        except ValueError as error:
            table.rows.append(Row(number, dict.fromkeys(positions, ""), str(error), shown(line)))
            continue
        if index == 0:
            header = _header_map(cells, columns)
            missing = [column for column in columns if header and column.key not in header]
            if missing:
                # Every wanted column by name: a file headed "email;first_name" is refused
                # at the field, not read with the last names taken from nowhere.
                raise CsvFileError(
                    _("The header line has no column “%(name)s”.") % {"name": missing[0].names[0]}
                )
            if header or "@" not in line:
                positions = header or positions
                continue
        values = {key: cells[at] if at < len(cells) else "" for key, at in positions.items()}
        table.rows.append(Row(number, values, _cell_error(cells), shown(line)))
    return table


class CsvUploadField(forms.FileField):
    """A form field for a CSV upload: cleans to a ``Table`` (see ``read_csv``) or None.

    ``columns``: the ``Column``s wanted. Whole-file problems become a German error at the
    field; problems of single lines are in the rows.
    """

    def __init__(self, *, columns, max_bytes=MAX_FILE_BYTES, **kwargs):
        super().__init__(**kwargs)
        self.columns, self.max_bytes = tuple(columns), max_bytes

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            # Read one byte more than allowed: enough to know it is too large.
            return read_csv(
                upload.read(self.max_bytes + 1), columns=self.columns, max_bytes=self.max_bytes
            )
        except CsvFileError as error:
            raise ValidationError(str(error), code="csv") from None
