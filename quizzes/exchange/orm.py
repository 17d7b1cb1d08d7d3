"""Between ``ExchangeQuestion``s and the quiz engine's Question / Choice rows.

``to_exchange`` describes stored questions for the writers; ``build_question`` makes an
unsaved Question (with its choices as in-memory cluster children, the way a revision holds
them) from a read question. Imported HTML passes through Wagtail's own rich text converter
with the question field's features, so an import stores only what the editor could have
saved (no script, no style, no foreign attributes).
"""

import os
import re
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.html import escape, format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from ..choices import CHOICE_KINDS, QuestionKind
from ..models import RICH_TEXT_FEATURES, Choice, Question, QuestionCategory
from .data import ExchangeChoice, ExchangeImage, ExchangeQuestion

_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPH = re.compile(r'<p data-block-key="[^"]*">\s*</p>')
_DROPPED_ELEMENTS = ("script", "style", "template", "iframe", "object")


def clean_html(markup):
    """``markup`` (HTML from a file) as the rich text editor would store it."""
    if not markup.strip():
        return ""
    try:
        fragments = lxml_html.fragments_fromstring(markup)
    except (etree.ParserError, ValueError):
        fragments = [markup]
    parts = []
    for fragment in fragments:
        if isinstance(fragment, str):
            parts.append(escape(fragment))
            continue
        if fragment.tag in _DROPPED_ELEMENTS:
            if fragment.tail:
                parts.append(escape(fragment.tail))
            continue
        for element in fragment.iter(*_DROPPED_ELEMENTS):
            element.drop_tree()
        # XHTML serialisation: Wagtail's converter wants every void element closed.
        parts.append(etree.tostring(fragment, method="xml", encoding="unicode", with_tail=True))
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    stored = converter.to_database_format(converter.from_database_format("".join(parts)))
    # A paragraph that held only an image (now the question's image field) stays behind empty.
    return _EMPTY_PARAGRAPH.sub("", stored)


def export_html(stored):
    """Stored rich text as portable HTML: links expanded, editor block keys dropped."""
    return _BLOCK_KEY.sub("", expand_db_html(stored)) if stored else ""


def _fractions(question, choices):
    if question.kind != QuestionKind.MULTIPLE:
        return [Decimal(100 if choice.is_correct else 0) for choice in choices]
    right = sum(1 for choice in choices if choice.is_correct) or 1
    share = (Decimal(100) / right).quantize(Decimal("0.00001"))
    wrong = Decimal(0) if question.partial_credit else Decimal(-100)
    return [share if choice.is_correct else wrong for choice in choices]


def _image(question):
    if not question.image_id:
        return None
    try:
        with question.image.file.open("rb") as file:
            data = file.read()
    except OSError:
        return None  # a missing file on disk must not stop an export of the texts
    return ExchangeImage(os.path.basename(question.image.file.name), data, question.image_alt)


def to_exchange(question):
    """``ExchangeQuestion`` for a stored ``question`` (with ``choices`` and ``category``
    loaded: prefetch them for a list). The title is the text's start, as Moodle wants one."""
    choices = list(question.choices.all())
    text = export_html(question.text)
    exchanged = ExchangeQuestion(
        kind=question.kind,
        text=text,
        title=Truncator(strip_tags(text)).chars(60),
        points=question.points,
        feedback=export_html(question.explanation),
        category=question.category.name if question.category_id else "",
        partial_credit=question.partial_credit if question.kind == QuestionKind.MULTIPLE else False,
        accepted_answers=question.accepted_answer_list()
        if question.kind == QuestionKind.SHORT_TEXT
        else [],
    )
    if question.kind in CHOICE_KINDS:
        exchanged.choices = [
            ExchangeChoice(choice.text, fraction)
            for choice, fraction in zip(choices, _fractions(question, choices), strict=True)
        ]
    if question.kind == QuestionKind.NUMERIC:
        exchanged.numeric_answer = question.numeric_answer
        exchanged.tolerance = question.tolerance
    image = _image(question)
    if image:
        exchanged.images = [image]
        alt = image.alt.replace('"', "&quot;")
        exchanged.text += f'<p><img src="@@PLUGINFILE@@/{image.name}" alt="{alt}"/></p>'
    return exchanged


def _right(question):
    """Which choices count as right: single choice keeps only the best answer(s)."""
    if question.kind == QuestionKind.SINGLE:
        best = max((choice.fraction for choice in question.choices), default=Decimal(0))
        return [choice.fraction == best and best > 0 for choice in question.choices]
    return [choice.is_correct for choice in question.choices]


def _store_image(image, user):
    """A Wagtail image from an ``ExchangeImage``, or None when its bytes are no image."""
    import willow

    try:
        willow.Image.open(BytesIO(image.data))
    except Exception:  # Willow raises per format; any failure means "no image we can show"
        return None
    upload = ImageFile(BytesIO(image.data), name=image.name or "bild.png")
    stored = get_image_model()(title=image.name or "bild.png", file=upload, uploaded_by_user=user)
    stored.save()
    return stored


def build_question(exchanged, *, categories, user=None, sort_order=0):
    """An unsaved Question (choices as cluster children) for ``exchanged``.

    ``categories``: dict name -> QuestionCategory, filled as new names come (created rows).
    ``user`` uploads the image, if any. Returns the Question; stores images and categories.
    """
    category = None
    name = exchanged.category[:100]
    if name:
        if name not in categories:
            categories[name] = QuestionCategory.objects.get_or_create(name=name)[0]
        category = categories[name]
    question = Question(
        kind=exchanged.kind,
        text=clean_html(exchanged.text) or format_html("<p>{}</p>", _("(image)")),
        points=exchanged.points,
        explanation=clean_html(exchanged.feedback),
        category=category,
        partial_credit=exchanged.partial_credit,
        accepted_answers="\n".join(exchanged.accepted_answers),
        numeric_answer=exchanged.numeric_answer,
        tolerance=exchanged.tolerance,
        sort_order=sort_order,
    )
    if exchanged.images:
        question.image = _store_image(exchanged.images[0], user)
        question.image_alt = exchanged.images[0].alt[:255] if question.image else ""
    if exchanged.kind in CHOICE_KINDS:
        question.choices = [
            Choice(text=choice.text, is_correct=right, sort_order=index)
            for index, (choice, right) in enumerate(
                zip(exchanged.choices, _right(exchanged), strict=True)
            )
        ]
    return question


def quiz_export(quiz, file_format, category=""):
    """The questions of ``quiz``'s latest version (the draft a trainer sees in the editor) as
    ``file_format`` "gift" or "xml" (UTF-8 bytes); only ``category`` (a name) if given."""
    from . import write_gift, write_moodle_xml

    draft = quiz.get_latest_revision_as_object() if quiz.latest_revision_id else quiz
    questions = [
        to_exchange(question)
        for question in draft.questions.all()
        if not category or (question.category_id and question.category.name == category)
    ]
    if file_format == "gift":
        return write_gift(questions).encode("utf-8")
    return write_moodle_xml(questions)
