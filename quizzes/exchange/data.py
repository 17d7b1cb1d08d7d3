"""Neutral question data shared by the GIFT and Moodle XML readers and writers.

Nothing here knows the database: ``ExchangeQuestion`` mirrors the fields of
``quizzes.models.Question`` and ``Choice`` (plus what a file may carry that we do not store yet:
matching pairs, ordering items, cloze gaps, per-answer feedback), so a file can be read,
previewed and written without a quiz, and a later question bank can use the same readers.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from ..choices import QuestionKind

# Kinds a file may hold that the engine cannot ask yet: kept as data, refused at import.
MATCHING = "matching"
ORDERING = "ordering"
CLOZE = "cloze"
LATER_KINDS = (MATCHING, ORDERING, CLOZE)
STORED_KINDS = tuple(QuestionKind.values)

MAX_IMAGE_BYTES = 2 * 1024 * 1024


@dataclass
class ExchangeChoice:
    """One answer of a choice question.

    ``fraction``: Moodle's share of the points in percent (-100..100); 100 marks the one
    right answer of a single choice, positive shares the right ones of a multiple choice.
    """

    text: str
    fraction: Decimal = Decimal("0")
    feedback: str = ""

    @property
    def is_correct(self):
        return self.fraction > 0


@dataclass
class ExchangeImage:
    """An image embedded in a file (Moodle's base64 ``<file>``): ``name``, raw ``data``
    bytes, ``alt`` text from the question's ``<img>`` if there was one."""

    name: str
    data: bytes
    alt: str = ""


@dataclass
class ExchangeGap:
    """One gap of a cloze question: ``kind`` short_text, numeric or select, its answers as
    ``ExchangeChoice`` (fraction 100 = right), ``tolerance`` for numeric gaps, ``points``."""

    kind: str
    answers: list = field(default_factory=list)
    tolerance: Decimal = Decimal("0")
    points: Decimal = Decimal("1")


@dataclass
class ExchangeQuestion:
    """A question as files carry it.

    ``kind``: a ``QuestionKind`` value or one of ``LATER_KINDS``. ``text`` and ``feedback``
    (general feedback, our "explanation") are HTML. ``points`` in points (Decimal > 0).
    ``accepted_answers`` for short text; ``numeric_answer`` and ``tolerance`` (absolute,
    same unit) for numeric; ``pairs`` ``[(question, answer)]`` for matching; ``items`` in
    the right order for ordering; ``gaps`` for cloze (``text`` holds ``[[1]]``, ``[[2]]`` …).
    ``line``: 1-based line in the file where the question starts (0 when unknown).
    """

    kind: str
    text: str
    title: str = ""
    points: Decimal = Decimal("1")
    feedback: str = ""
    category: str = ""
    partial_credit: bool = False
    choices: list = field(default_factory=list)
    accepted_answers: list = field(default_factory=list)
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal("0")
    pairs: list = field(default_factory=list)
    items: list = field(default_factory=list)
    gaps: list = field(default_factory=list)
    images: list = field(default_factory=list)
    line: int = field(default=0, compare=False)

    @property
    def is_supported(self):
        return self.kind in STORED_KINDS


@dataclass
class Problem:
    """Something in the file that cannot be read or mapped: the 1-based ``line`` (0 for the
    whole file), the German/English ``message`` (already translated), the question ``title``
    or an excerpt, and ``skipped``: True when the question is left out, False for a note
    about a detail that is lost (e.g. per-answer feedback)."""

    line: int
    message: str
    title: str = ""
    skipped: bool = True


@dataclass
class ReadResult:
    """What a reader found: the ``questions`` it could read (including later kinds, which
    ``mapping.importable`` leaves out), the ``problems``, the ``format`` ("gift" or "xml")
    and the ``encoding`` the file was decoded with."""

    questions: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    format: str = ""
    encoding: str = ""
