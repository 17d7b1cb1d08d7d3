"""Read Moodle XML (https://docs.moodle.org/en/Moodle_XML_format) into ``ExchangeQuestion``s.

Parsed with lxml without DTDs, entity expansion or network access; a file with a DOCTYPE is
refused (Moodle never writes one, and entity definitions are how XML bombs and external
entity attacks start). Every ``<question>`` either becomes a question or a ``Problem`` with its
line and the reason: unmappable types (calculated, units, drag and drop onto images …) are
never silently dropped or half-read.
"""

import base64
import binascii
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from ..choices import QuestionKind
from .cloze import ClozeError, parse_cloze
from .data import (
    CLOZE,
    MATCHING,
    MAX_IMAGE_BYTES,
    ORDERING,
    ExchangeChoice,
    ExchangeGap,
    ExchangeImage,
    ExchangeQuestion,
    Problem,
    ReadResult,
)
from .text import category_path, html_to_plain, parse_decimal, partial_credit_of, to_html

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_GAP_MARKER = re.compile(r"\[\[(\d+)\]\]")

UNSUPPORTED = {
    "calculated": gettext_lazy("calculated questions (formulas with variables) cannot be mapped"),
    "calculatedsimple": gettext_lazy(
        "calculated questions (formulas with variables) cannot be mapped"
    ),
    "calculatedmulti": gettext_lazy(
        "calculated questions (formulas with variables) cannot be mapped"
    ),
    "ddimageortext": gettext_lazy("drag and drop onto an image cannot be mapped"),
    "ddmarker": gettext_lazy("drag and drop markers onto an image cannot be mapped"),
    "randomsamatch": gettext_lazy("random short-answer matching draws from a Moodle question bank"),
    "random": gettext_lazy("a random question draws from a Moodle question bank"),
    "description": gettext_lazy("a description is text without a question"),
}


class _QuestionError(ValueError):
    pass


def _parse(text):
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    # The text is decoded already (BOM, UTF-8, cp1252); its declaration would contradict that.
    return etree.fromstring(_DECLARATION.sub("", text).encode("utf-8"), parser)


def read_moodle_xml(text):
    """Read Moodle XML ``text`` (str, decoded) into a ``ReadResult``. Never raises for bad
    input: a file that is no XML is one ``Problem`` at the line the parser names."""
    result = ReadResult(format="xml")
    try:
        root = _parse(text)
    except etree.XMLSyntaxError as error:
        line = error.lineno or 0
        result.problems.append(Problem(line, _("The file is no valid XML: %s") % error.msg))
        return result
    if root.getroottree().docinfo.doctype:
        result.problems.append(
            Problem(1, _("XML files with a DOCTYPE (entity definitions) are not accepted."))
        )
        return result
    if root.tag != "quiz":
        result.problems.append(Problem(root.sourceline or 0, _("This is no Moodle XML quiz.")))
        return result
    category = ""
    for element in root.iter("question"):
        kind = element.get("type", "")
        if kind == "category":
            category = _category(element)
            continue
        try:
            result.questions.append(_question(element, kind, category))
        except _QuestionError as error:
            title = _text(element.find("name")) or html_to_plain(
                _text(element.find("questiontext"))
            )
            result.problems.append(Problem(element.sourceline or 0, str(error), title[:80]))
    return result


def _text(element, path="text"):
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _category(element):
    return category_path(_text(element.find("category")))


def _formatted(element):
    """The HTML of a ``<questiontext>``-like element in its ``format`` attribute."""
    if element is None:
        return ""
    return to_html(_text(element), element.get("format", "html"))


def _number(element, name, default=None):
    value = _text(element, name) if element.find(name) is not None else None
    if value is None:
        return default
    number = parse_decimal(value)
    if number is None:
        raise _QuestionError(
            _("“%(value)s” in <%(tag)s> is no number.") % {"value": value, "tag": name}
        )
    return number


def _images(element, text):
    images = []
    for file in element.findall("file"):
        name = file.get("name", "")
        raw = (file.text or "").strip()
        if len(raw) * 3 // 4 > MAX_IMAGE_BYTES:
            raise _QuestionError(
                _("The image “%(name)s” is larger than %(size)s MB.")
                % {"name": name, "size": MAX_IMAGE_BYTES // 1024 // 1024}
            )
        try:
            data = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise _QuestionError(
                _("The image “%(name)s” is no valid base64.") % {"name": name}
            ) from None
        alt = re.search(
            r'<img[^>]*src="@@PLUGINFILE@@/' + re.escape(name) + r'"[^>]*alt="([^"]*)"', text
        ) or re.search(r'<img[^>]*alt="([^"]*)"[^>]*src="@@PLUGINFILE@@/' + re.escape(name), text)
        images.append(ExchangeImage(name, data, html_to_plain(alt.group(1)) if alt else ""))
    return images


def _answers(element):
    """``[(fraction, answer element)]`` of the ``<answer>`` children."""
    answers = []
    for answer in element.findall("answer"):
        fraction = parse_decimal(answer.get("fraction", "0"))
        if fraction is None:
            raise _QuestionError(_("An answer has no valid fraction."))
        answers.append((fraction, answer))
    return answers


def _choice(fraction, answer):
    text = _text(answer)
    if answer.get("format", "html") in ("html", "markdown"):
        text = html_to_plain(text)
    feedback = answer.find("feedback")
    feedback_text = _text(feedback)
    if feedback is not None and feedback.get("format", "html") != "plain_text":
        feedback_text = html_to_plain(feedback_text)
    return ExchangeChoice(text, fraction, feedback_text)


def _question(element, kind, category):
    if kind in UNSUPPORTED:
        raise _QuestionError(_("Not imported: %s.") % UNSUPPORTED[kind])
    text_element = element.find("questiontext")
    question = ExchangeQuestion(
        kind=kind,
        text=_formatted(text_element),
        title=_text(element.find("name")),
        category=category,
        feedback=_formatted(element.find("generalfeedback")),
        points=_number(element, "defaultgrade", Decimal(1)),
        line=element.sourceline or 0,
    )
    if text_element is not None:
        question.images = _images(text_element, question.text)
    reader = _READERS.get(kind)
    if reader is None:
        raise _QuestionError(_("Not imported: the question type “%s” is unknown.") % kind)
    reader(question, element)
    return question


def _multichoice(question, element):
    single = _text(element, "single").lower() in ("true", "1")
    question.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
    question.choices = [_choice(fraction, answer) for fraction, answer in _answers(element)]
    if not any(choice.is_correct for choice in question.choices):
        raise _QuestionError(_("No answer has a positive fraction (is right)."))
    if not single:
        question.partial_credit = partial_credit_of(question.choices)


def _truefalse(question, element):
    question.kind = QuestionKind.TRUE_FALSE
    choices = {_text(answer).lower(): (fraction, answer) for fraction, answer in _answers(element)}
    if set(choices) != {"true", "false"}:
        raise _QuestionError(_("A true-or-false question needs the answers “true” and “false”."))
    question.choices = []
    for key, label in (("true", _("True")), ("false", _("False"))):
        fraction, answer = choices[key]
        choice = _choice(fraction, answer)
        choice.text = label
        question.choices.append(choice)


def _shortanswer(question, element):
    question.kind = QuestionKind.SHORT_TEXT
    for fraction, answer in _answers(element):
        if fraction >= 100:
            question.accepted_answers.append(_text(answer))
        elif fraction > 0:
            raise _QuestionError(
                _("Partly right short answers cannot be imported: %(answer)s")
                % {"answer": _text(answer)}
            )
    if not question.accepted_answers:
        raise _QuestionError(_("No answer is right (fraction 100)."))


def _numerical(question, element):
    question.kind = QuestionKind.NUMERIC
    if element.find("units/unit") is not None:
        raise _QuestionError(_("Not imported: numeric answers with units cannot be mapped."))
    right = [answer for fraction, answer in _answers(element) if fraction >= 100]
    partly = [answer for fraction, answer in _answers(element) if 0 < fraction < 100]
    if len(right) != 1 or partly:
        raise _QuestionError(_("A numeric question needs exactly one right answer."))
    question.numeric_answer = parse_decimal(_text(right[0]))
    question.tolerance = _number(right[0], "tolerance", Decimal(0))
    if question.numeric_answer is None or question.tolerance < 0:
        raise _QuestionError(_("“%s” is no number for a numeric answer.") % _text(right[0]))


def _essay(question, element):
    question.kind = QuestionKind.ESSAY


def _matching(question, element):
    question.kind = MATCHING
    for sub in element.findall("subquestion"):
        left = html_to_plain(_text(sub))
        question.pairs.append((left, _text(sub.find("answer"))))


def _ordering(question, element):
    question.kind = ORDERING
    question.items = [html_to_plain(_text(answer)) for _fraction, answer in _answers(element)]


def _gaps(question, element, option_tag):
    """gapselect / ddwtos: ``[[n]]`` in the text names option n; the gap offers the options
    of that option's group."""
    question.kind = CLOZE
    options = [
        (_text(option), _text(option, "group") or "1") for option in element.findall(option_tag)
    ]
    for found in _GAP_MARKER.finditer(question.text):
        number = int(found.group(1))
        if not 1 <= number <= len(options):
            raise _QuestionError(_("The gap [[%s]] names no option.") % number)
        right, group = options[number - 1]
        answers = [
            ExchangeChoice(text, Decimal(100 if index == number - 1 else 0))
            for index, (text, option_group) in enumerate(options)
            if option_group == group
        ]
        question.gaps.append(ExchangeGap("select", answers))
    # Our markers count gaps, Moodle's name options: renumber them in text order.
    counter = iter(range(1, len(question.gaps) + 1))
    question.text = _GAP_MARKER.sub(lambda _found: f"[[{next(counter)}]]", question.text)
    if not question.gaps:
        raise _QuestionError(_("The text has no gaps [[1]]."))


def _multianswer(question, element):
    question.kind = CLOZE
    try:
        question.text, question.gaps = parse_cloze(question.text)
    except ClozeError as error:
        raise _QuestionError(str(error)) from None


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "essay": _essay,
    "matching": _matching,
    "ordering": _ordering,
    "gapselect": lambda question, element: _gaps(question, element, "selectoption"),
    "ddwtos": lambda question, element: _gaps(question, element, "dragbox"),
    "multianswer": _multianswer,
}
