"""Write ``ExchangeQuestion``s as Moodle XML that Moodle and ``read_moodle_xml`` read alike.

HTML goes into CDATA sections; images become base64 ``<file>`` elements next to the text,
which refers to them as ``@@PLUGINFILE@@/name``; a category element opens each run of
questions of one category. Cloze questions are written as multianswer, ordering questions
as the ``ordering`` plugin type.
"""

import base64
import html

from lxml import etree

from ..choices import QuestionKind
from .cloze import write_cloze
from .data import CLOZE, MATCHING, ORDERING
from .text import format_decimal

_TYPES = {
    QuestionKind.SINGLE: "multichoice",
    QuestionKind.MULTIPLE: "multichoice",
    QuestionKind.TRUE_FALSE: "truefalse",
    QuestionKind.SHORT_TEXT: "shortanswer",
    QuestionKind.NUMERIC: "numerical",
    QuestionKind.ESSAY: "essay",
    MATCHING: "matching",
    ORDERING: "ordering",
    CLOZE: "multianswer",
}


def _text(parent, tag, value, text_format="html", cdata=True):
    element = etree.SubElement(parent, tag)
    if text_format:
        element.set("format", text_format)
    text = etree.SubElement(element, "text")
    text.text = etree.CDATA(value) if cdata and value else value
    return element


def _answer(parent, fraction, text, feedback="", text_format="plain_text"):
    answer = _text(parent, "answer", text, text_format, cdata=False)
    answer.set("fraction", format_decimal(fraction))
    if feedback:
        _text(answer, "feedback", feedback, "plain_text", cdata=False)
    return answer


def _body(element, question):
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        etree.SubElement(element, "single").text = (
            "true" if kind == QuestionKind.SINGLE else "false"
        )
        etree.SubElement(element, "shuffleanswers").text = "true"
        for choice in question.choices:
            _answer(element, choice.fraction, choice.text, choice.feedback)
    elif kind == QuestionKind.TRUE_FALSE:
        for key, choice in zip(("true", "false"), question.choices, strict=True):
            _answer(element, choice.fraction, key, choice.feedback, "moodle_auto_format")
    elif kind == QuestionKind.SHORT_TEXT:
        etree.SubElement(element, "usecase").text = "0"
        for accepted in question.accepted_answers:
            _answer(element, 100, accepted, text_format="moodle_auto_format")
    elif kind == QuestionKind.NUMERIC:
        answer = _answer(
            element, 100, format_decimal(question.numeric_answer), text_format="moodle_auto_format"
        )
        etree.SubElement(answer, "tolerance").text = format_decimal(question.tolerance)
    elif kind == QuestionKind.ESSAY:
        etree.SubElement(element, "responseformat").text = "editor"
        etree.SubElement(element, "responsefieldlines").text = "15"
    elif kind == MATCHING:
        for left, right in question.pairs:
            sub = _text(element, "subquestion", html.escape(left, quote=False), "html")
            etree.SubElement(etree.SubElement(sub, "answer"), "text").text = right
    elif kind == ORDERING:
        for position, item in enumerate(question.items, start=1):
            _answer(element, position, html.escape(item, quote=False), text_format="html")


def write_moodle_xml(questions):
    """``questions`` (``ExchangeQuestion``s) as Moodle XML (UTF-8 bytes with declaration)."""
    root = etree.Element("quiz")
    category = None
    for question in questions:
        if question.category != category:
            category = question.category
            element = etree.SubElement(root, "question", type="category")
            path = "$course$/top" + (f"/{category}" if category else "")
            _text(element, "category", path, text_format="", cdata=False)
        element = etree.SubElement(root, "question", type=_TYPES[question.kind])
        _text(element, "name", question.title, text_format="", cdata=False)
        text = question.text
        if question.kind == CLOZE:
            text = write_cloze(text, question.gaps)
        text_element = _text(element, "questiontext", text)
        for image in question.images:
            file = etree.SubElement(
                text_element, "file", name=image.name, path="/", encoding="base64"
            )
            file.text = base64.b64encode(image.data).decode("ascii")
        _text(element, "generalfeedback", question.feedback)
        etree.SubElement(element, "defaultgrade").text = format_decimal(question.points)
        etree.SubElement(element, "hidden").text = "0"
        _body(element, question)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
