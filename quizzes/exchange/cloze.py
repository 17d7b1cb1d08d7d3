"""Moodle's embedded answers (cloze) syntax: ``{1:SHORTANSWER:=Berlin~%50%Bonn#fast}``.

``parse_cloze`` turns a multianswer text into our neutral form (the text with ``[[1]]``,
``[[2]]`` … and one ``ExchangeGap`` per gap); ``write_cloze`` turns it back. Types:
SHORTANSWER/SA/MW (and _C case-sensitive), NUMERICAL/NM, MULTICHOICE/MC (+ _V, _H, _S);
MULTIRESPONSE (several right options in one gap) has no counterpart and is refused.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .data import ExchangeChoice, ExchangeGap
from .text import format_decimal, parse_decimal

_GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^}])*)\}")
_KINDS = {
    "short_text": {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"},
    "numeric": {"NUMERICAL", "NM"},
    "select": {
        "MULTICHOICE",
        "MC",
        "MULTICHOICE_V",
        "MCV",
        "MULTICHOICE_H",
        "MCH",
        "MULTICHOICE_S",
        "MCS",
        "MULTICHOICE_VS",
        "MCVS",
        "MULTICHOICE_HS",
        "MCHS",
    },
}
_WRITE_KIND = {"short_text": "SHORTANSWER", "numeric": "NUMERICAL", "select": "MULTICHOICE"}
_UNESCAPE = re.compile(r"\\([~}#/\"\\])")


class ClozeError(ValueError):
    """A gap cannot be read; ``str(error)`` is the translated reason."""


def _split(body):
    """The answers of one gap: split at unescaped ``~``."""
    return [part for part in re.split(r"(?<!\\)~", body) if part.strip()]


def _answer(raw, kind):
    fraction = Decimal(0)
    if raw.startswith("="):
        fraction, raw = Decimal(100), raw[1:]
    elif raw.startswith("%"):
        weight, _sep, raw = raw[1:].partition("%")
        fraction = parse_decimal(weight)
        if fraction is None:
            raise ClozeError(_("“%s” is no valid weight.") % weight)
    parts = re.split(r"(?<!\\)#", raw, maxsplit=1)
    feedback = parts[1] if len(parts) > 1 else ""
    return ExchangeChoice(_unescape(parts[0]), fraction, _unescape(feedback))


def _unescape(value):
    return _UNESCAPE.sub(r"\1", value).strip()


def parse_cloze(text):
    """``(text with [[n]] markers, [ExchangeGap])`` from a multianswer ``text``; raises
    ClozeError for gap types without a counterpart or gaps without a right answer."""
    gaps = []

    def replace(found):
        points = Decimal(found.group(1) or 1)
        code = found.group(2)
        kind = next((name for name, codes in _KINDS.items() if code in codes), None)
        if kind is None:
            raise ClozeError(_("The gap type “%s” cannot be mapped.") % code)
        gap = ExchangeGap(
            kind, [_answer(raw, kind) for raw in _split(found.group(3))], points=points
        )
        if not any(answer.fraction >= 100 for answer in gap.answers):
            raise ClozeError(_("Gap %s has no right answer.") % (len(gaps) + 1))
        if kind == "numeric":
            for answer in gap.answers:
                value, _colon, tolerance = answer.text.partition(":")
                if parse_decimal(value) is None:
                    raise ClozeError(_("“%s” is no number.") % answer.text)
                answer.text = format_decimal(parse_decimal(value))
                gap.tolerance = parse_decimal(tolerance) or Decimal(0)
        gaps.append(gap)
        return f"[[{len(gaps)}]]"

    marked = _GAP.sub(replace, text)
    if not gaps:
        raise ClozeError(_("The text has no gaps “{1:SHORTANSWER:=…}”."))
    return marked, gaps


def _escape(value):
    return re.sub(r"([~}#/\"\\])", r"\\\1", value)


def write_cloze(text, gaps):
    """Moodle multianswer text from ``text`` with ``[[n]]`` markers and ``gaps``."""

    def gap_text(found):
        gap = gaps[int(found.group(1)) - 1]
        answers = []
        for answer in gap.answers:
            value = _escape(answer.text)
            if gap.kind == "numeric":
                value += f":{format_decimal(gap.tolerance)}"
            weight = "=" if answer.fraction >= 100 else f"%{format_decimal(answer.fraction)}%"
            feedback = f"#{_escape(answer.feedback)}" if answer.feedback else ""
            answers.append(weight + value + feedback)
        return (
            "{" + f"{format_decimal(gap.points)}:{_WRITE_KIND[gap.kind]}:" + "~".join(answers) + "}"
        )

    return re.sub(r"\[\[(\d+)\]\]", gap_text, text)
