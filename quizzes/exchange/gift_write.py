"""Write ``ExchangeQuestion``s as GIFT text that Moodle and ``read_gift`` read back alike.

Question texts and general feedback are written as ``[html]`` (our texts are HTML); answers
as plain text. Points other than 1 go into a ``// points:`` comment (Moodle ignores it, our
reader uses it). Ordering and cloze questions have no GIFT syntax: they are written as a
comment naming the question, so the file says what it leaves out.
"""

import html
import re

from ..choices import QuestionKind
from .data import CLOZE, MATCHING, ORDERING
from .text import format_decimal, html_to_plain

# GIFT cannot carry images: their references would point nowhere.
_EMBEDDED_IMAGE = re.compile(r"<img[^>]*@@PLUGINFILE@@[^>]*>")
_ESCAPES = str.maketrans({char: f"\\{char}" for char in ":~=#{}"})


def escape(text):
    """``text`` with GIFT's special characters escaped and line breaks as ``\\n``."""
    return text.translate(_ESCAPES).replace("\r\n", "\n").replace("\n", "\\n")


def _weight(fraction, marker_right="=", full=100):
    if fraction == full:
        return marker_right
    if fraction == 0:
        return "~"
    return f"~%{format_decimal(fraction)}%"


def _choice(choice, kind):
    if kind == QuestionKind.SINGLE:
        prefix = _weight(choice.fraction)
    else:
        prefix = "~" if choice.fraction == 0 else f"~%{format_decimal(choice.fraction)}%"
    if prefix == "~" and choice.text.startswith("%"):
        prefix = "~%0%"  # else the text's own "%…%" would be read as the weight
    feedback = f"#{escape(choice.feedback)}" if choice.feedback else ""
    # The question is written as [html], and Moodle reads its answers in the same format.
    return f"\t{prefix}{escape(html.escape(choice.text, quote=False))}{feedback}"


def _block(question):
    kind = question.kind
    if kind == QuestionKind.ESSAY:
        return []
    if kind == QuestionKind.TRUE_FALSE:
        true_choice, false_choice = question.choices[0], question.choices[1]
        is_true = true_choice.is_correct
        right, wrong = (true_choice, false_choice) if is_true else (false_choice, true_choice)
        feedback = ""
        if wrong.feedback or right.feedback:
            feedback = f"#{escape(wrong.feedback)}"
            if right.feedback:
                feedback += f"#{escape(right.feedback)}"
        return ["\t" + ("TRUE" if is_true else "FALSE") + feedback]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return [_choice(choice, kind) for choice in question.choices]
    if kind == QuestionKind.SHORT_TEXT:
        return [f"\t={escape(answer)}" for answer in question.accepted_answers]
    if kind == QuestionKind.NUMERIC:
        answer = format_decimal(question.numeric_answer)
        return [f"\t#{answer}:{format_decimal(question.tolerance)}"]
    if kind == MATCHING:
        return [f"\t={escape(left)} -> {escape(right)}" for left, right in question.pairs]
    raise ValueError(kind)


def write_gift(questions):
    """``questions`` (``ExchangeQuestion``s) as GIFT text (str, lines ending ``\\n``)."""
    lines, category = [], ""
    for question in questions:
        if question.category != category:
            category = question.category
            lines += [f"$CATEGORY: {category}", ""]
        if question.kind in (ORDERING, CLOZE):
            title = question.title or html_to_plain(question.text)[:60]
            lines += [f"// {question.kind}: {title} (not expressible in GIFT)", ""]
            continue
        if question.points != 1:
            lines.append(f"// points: {format_decimal(question.points)}")
        head = f"::{escape(question.title)}::" if question.title else ""
        head += f"[html]{escape(_EMBEDDED_IMAGE.sub('', question.text))}"
        general = f"\t####{escape(question.feedback)}" if question.feedback else ""
        if question.kind == QuestionKind.ESSAY:
            lines.append(head + "{" + general.strip() + "}")
        else:
            lines += [head + "{", *_block(question)] + ([general] if general else []) + ["}"]
        lines.append("")
    return "\n".join(lines)
