"""Read Moodle's GIFT text format (https://docs.moodle.org/en/GIFT_format) into
``ExchangeQuestion``s, following Moodle's own reader (question/format/gift/format.php):

- questions are separated by blank lines; ``//`` starts a comment line; ``$CATEGORY: a/b``
  sets the category of the questions that follow;
- ``::title::`` and ``[html]``/``[markdown]``/``[plain]``/``[moodle]`` may open a question;
- the answer block ``{…}`` decides the type: ``{}`` essay, ``{#…}`` numeric, ``{~…}``
  choice (single when one answer is ``=``, multiple otherwise), ``{=a -> b}`` matching,
  ``{T}``/``{FALSE}`` true or false, ``{=a =b}`` short answer; text after the block makes
  it a missing-word question (the block becomes "_____");
- ``#…`` after an answer is its feedback, ``####…`` the general feedback;
- ``\\:`` ``\\~`` ``\\=`` ``\\#`` ``\\{`` ``\\}`` are literal characters, ``\\n`` a line break.

Our own addition, invisible to Moodle (a comment): ``// points: 2.5`` before a question sets
its points (GIFT has no syntax for them).
"""

import bisect
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import QuestionKind
from .data import MATCHING, ExchangeChoice, ExchangeQuestion, Problem, ReadResult
from .text import category_path, html_to_plain, parse_decimal, partial_credit_of, to_html

ESCAPABLE = ":~=#{}"
# Escaped characters hide behind private-use code points while the structure is parsed.
_HIDE = {f"\\{char}": chr(0xE000 + index) for index, char in enumerate(ESCAPABLE)}
_SHOW = {chr(0xE000 + index): char for index, char in enumerate(ESCAPABLE)}
_ESCAPE_RE = re.compile(r"\\[:~=#{}n]")
_POINTS_COMMENT = re.compile(r"^\s*//\s*points:\s*([0-9.,]+)\s*$", re.IGNORECASE)
_FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)
_WEIGHT = re.compile(r"^%(-?[0-9]+(?:[.,][0-9]+)?)%")
MISSING_WORD = "_____"


def _hide(text):
    return _ESCAPE_RE.sub(lambda m: "\n" if m.group(0) == "\\n" else _HIDE[m.group(0)], text)


def _show(text):
    return "".join(_SHOW.get(char, char) for char in text)


class _Chunk:
    """The lines of one question, joined, with where each joined line came from."""

    def __init__(self, numbered):
        self.numbers = [number for number, _line in numbered]
        self.text = "\n".join(line for _number, line in numbered)
        self.starts = []
        offset = 0
        for _number, line in numbered:
            self.starts.append(offset)
            offset += len(line) + 1

    def line_at(self, offset):
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


def _chunks(text):
    """Yield ``("category", line, name)``, ``("points", line, value)`` and
    ``("question", line, _Chunk)`` in file order."""
    numbered = []
    for number, line in enumerate(text.splitlines(), start=1):
        points = _POINTS_COMMENT.match(line)
        if points:
            yield "points", number, points.group(1)
            continue
        if line.lstrip().startswith("//"):
            continue
        if line.strip().startswith("$CATEGORY:"):
            if numbered:
                yield "question", numbered[0][0], _Chunk(numbered)
                numbered = []
            yield "category", number, line.strip()[len("$CATEGORY:") :].strip()
            continue
        if not line.strip():
            if numbered:
                yield "question", numbered[0][0], _Chunk(numbered)
                numbered = []
            continue
        numbered.append((number, line))
    if numbered:
        yield "question", numbered[0][0], _Chunk(numbered)


def read_gift(text):
    """Read GIFT ``text`` (str) into a ``ReadResult``: the questions (kinds as in
    ``ExchangeQuestion``) and a ``Problem`` with its line for everything that cannot be read.
    Never raises for bad input."""
    result = ReadResult(format="gift")
    category, points = "", None
    for what, line, value in _chunks(text):
        if what == "category":
            category = category_path(value)
        elif what == "points":
            points = parse_decimal(value)
        else:
            _read_question(value, line, category, points, result)
            points = None
    return result


def _read_question(chunk, line, category, points, result):
    hidden = _hide(chunk.text)
    title = ""
    stripped = hidden.lstrip()
    if stripped.startswith("::"):
        end = stripped.find("::", 2)
        if end == -1:
            return _problem(result, line, _("The title is not closed with “::”."), chunk.text)
        title = _show(stripped[2:end]).strip()
        stripped = stripped[end + 2 :]
    text_format = "moodle"
    found = _FORMAT.match(stripped)
    if found:
        text_format = found.group(1).lower()
        stripped = stripped[found.end() :]
    offset = len(hidden) - len(stripped)
    start = stripped.find("{")
    end = stripped.rfind("}")
    if start == -1 or end < start:
        message = (
            _("The answer block “{…}” is not closed.")
            if start != -1
            else _("No answer block “{…}”: a question needs one (“{}” for an essay).")
        )
        return _problem(result, line, message, title or chunk.text)
    before, block, after = stripped[:start], stripped[start + 1 : end], stripped[end + 1 :]
    if "{" in block:
        return _problem(
            result,
            chunk.line_at(offset + start + 1 + block.find("{")),
            _("A second “{” inside an answer block; write “\\{” for a literal brace."),
            title or chunk.text,
        )
    text = before.rstrip() + (f" {MISSING_WORD} " + after.lstrip() if after.strip() else "")
    question = ExchangeQuestion(
        kind=QuestionKind.ESSAY,
        text=to_html(_show(text), text_format),
        title=title,
        category=category,
        line=line,
    )
    if points is not None and points > 0:
        question.points = points
    block_line = chunk.line_at(offset + start)
    block, _sep, general = block.partition("####")
    question.feedback = to_html(_show(general), text_format) if general.strip() else ""
    try:
        _read_block(question, block.strip(), text_format)
    except _BlockError as error:
        return _problem(result, block_line, str(error), title or html_to_plain(question.text))
    result.questions.append(question)


class _BlockError(ValueError):
    pass


def _answer_text(raw, text_format):
    text = _show(raw).strip()
    return html_to_plain(text) if text_format == "html" else text


def _split_answers(block):
    """``[(marker, weight, text, feedback)]`` for an answer block of ``=``/``~`` answers."""
    answers = []
    for found in re.finditer(r"([=~])([^=~]*)", block):
        marker, body = found.group(1), found.group(2)
        weight = None
        match = _WEIGHT.match(body.strip())
        if match:
            weight = parse_decimal(match.group(1))
            body = body.strip()[match.end() :]
        body, _sep, feedback = body.partition("#")
        answers.append((marker, weight, body, feedback))
    return answers


def _read_block(question, block, text_format):
    if not block:
        return  # {} is an essay
    if block.startswith("#"):
        return _read_numeric(question, block[1:])
    if "~" in block:
        return _read_choices(question, block, text_format)
    if "=" in block and "->" in block:
        question.kind = MATCHING
        for _marker, _weight, body, _feedback in _split_answers(block):
            left, _arrow, right = _show(body).partition("->")
            question.pairs.append((left.strip(), right.strip()))
        return
    found = _TRUE_FALSE.match(block)
    if found:
        is_true = found.group(1).upper().startswith("T")
        question.kind = QuestionKind.TRUE_FALSE
        question.choices = [
            ExchangeChoice(_("True"), Decimal(100 if is_true else 0)),
            ExchangeChoice(_("False"), Decimal(0 if is_true else 100)),
        ]
        # Moodle: "{T#shown when wrong#shown when right}".
        right, wrong = question.choices if is_true else question.choices[::-1]
        feedback = [_show(part).strip() for part in (found.group(2) or "").split("#")[1:]]
        wrong.feedback = feedback[0] if feedback else ""
        right.feedback = feedback[1] if len(feedback) > 1 else ""
        return
    question.kind = QuestionKind.SHORT_TEXT
    answers = _split_answers(block)
    if not answers:
        raise _BlockError(_("A short answer starts each accepted answer with “=”."))
    for _marker, weight, body, _feedback in answers:
        if weight is not None and weight < 100:
            raise _BlockError(
                _("Partly right short answers (“=%%50%%…”) cannot be imported: %(answer)s")
                % {"answer": _show(body).strip()}
            )
        question.accepted_answers.append(_show(body).strip())


def _read_choices(question, block, text_format):
    answers = _split_answers(block)
    single = any(marker == "=" for marker, *_rest in answers)
    question.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
    for marker, weight, body, feedback in answers:
        if weight is None:
            weight = Decimal(100 if marker == "=" else 0)
        text = _answer_text(body, text_format)
        if not text:
            raise _BlockError(_("An answer is empty."))
        question.choices.append(ExchangeChoice(text, weight, _show(feedback).strip()))
    if not any(choice.is_correct for choice in question.choices):
        raise _BlockError(_("No answer is marked as right (“=” or a positive “%n%”)."))
    if not single:
        question.partial_credit = partial_credit_of(question.choices)


def _read_numeric(question, block):
    question.kind = QuestionKind.NUMERIC
    answers = _split_answers(block) if "=" in block else [("=", None, block, "")]
    body = answers[0][2].strip()
    if ".." in body:
        low, _dots, high = body.partition("..")
        low, high = parse_decimal(low), parse_decimal(high)
        if low is None or high is None or high < low:
            raise _BlockError(_("The range “%(range)s” is no valid “min..max”.") % {"range": body})
        question.numeric_answer, question.tolerance = (low + high) / 2, (high - low) / 2
    else:
        value, _colon, tolerance = body.partition(":")
        number = parse_decimal(value)
        margin = parse_decimal(tolerance) if tolerance else Decimal(0)
        if number is None or margin is None or margin < 0:
            raise _BlockError(_("“%(value)s” is no number for a numeric answer.") % {"value": body})
        question.numeric_answer, question.tolerance = number, margin
    if len(answers) > 1:
        raise _BlockError(
            _("Several numeric answers (partly right ones) cannot be imported; keep one.")
        )


def _problem(result, line, message, excerpt):
    result.problems.append(Problem(line, message, html_to_plain(_show(excerpt))[:80]))
