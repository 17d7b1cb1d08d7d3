"""Text conversions the readers share: every question text becomes HTML, every answer
plain text (``Choice.text`` is plain), whatever format the file used."""

import html
import re
from decimal import Decimal, InvalidOperation

from lxml import html as lxml_html

_BLANK_LINES = re.compile(r"\n\s*\n")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_EM = re.compile(r"\*(.+?)\*|_(.+?)_")


def plain_to_html(text):
    """Plain text (Moodle's "moodle" and "plain" formats) as HTML: paragraphs at blank lines,
    ``<br>`` at single line breaks, everything else escaped."""
    paragraphs = [part.strip() for part in _BLANK_LINES.split(text.strip()) if part.strip()]
    return "".join(
        "<p>" + html.escape(part, quote=False).replace("\n", "<br/>") + "</p>"
        for part in paragraphs
    )


def markdown_to_html(text):
    """The Markdown GIFT files use (paragraphs, ``**bold**``, ``*italic*``) as HTML.

    Deliberately small: the rich text editor keeps only bold, italic, lists, links and two
    heading levels, so a full Markdown engine would build markup that is dropped anyway.
    """
    escaped = plain_to_html(text)
    escaped = _MD_STRONG.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", escaped)
    return _MD_EM.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", escaped)


def to_html(text, text_format):
    """``text`` in ``text_format`` (html, markdown, plain or moodle) as HTML."""
    if text_format == "html":
        return text.strip()
    if text_format == "markdown":
        return markdown_to_html(text)
    return plain_to_html(text)


def html_to_plain(markup):
    """The visible text of HTML ``markup`` on one line (entities resolved, tags dropped)."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    try:
        fragments = lxml_html.fragments_fromstring(markup)
    except Exception:  # lxml raises several types for broken markup; plain text is the answer
        return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", markup)).split())
    parts = [f if isinstance(f, str) else f.text_content() for f in fragments]
    return " ".join(" ".join(parts).split())


def parse_decimal(value):
    """``value`` (a file's number: ``3.5``, ``-2``, ``1e3``, or ``3,5``) as a finite Decimal,
    or None when it is no number."""
    value = (value or "").strip()
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_decimal(number):
    """``number`` without exponent or trailing zeros: 2.50 -> "2.5", 10 -> "10"."""
    text = format(Decimal(number).normalize(), "f")
    return text


def partial_credit_of(choices):
    """Whether a multiple choice question gives partial credit, from its ``choices``'
    fractions: Moodle marks a wrong answer that cancels everything with -100."""
    return not any(choice.fraction <= -100 for choice in choices)


_CATEGORY_CONTEXT = re.compile(r"^\$[a-z0-9]+\$/")


def category_path(path):
    """A Moodle category ``path`` without its context and root: "$course$/top/A/B" -> "A/B"."""
    path = _CATEGORY_CONTEXT.sub("", path.strip())
    return "" if path == "top" else path.removeprefix("top/")
