"""Content blocks of a module page (StreamField).

The block names and their child names are a contract: the demo content and migrations store
StreamField JSON against them. Every block renders through an accessible template in
``courses/templates/courses/blocks/``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = EmbedBlock(label=_("Video address (URL)"))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=SHORT_RICH_TEXT_FEATURES,
        help_text=_("Required: everything said and shown, for people who cannot watch it."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Empty: the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "courses/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Info or warning box")
        template = "courses/blocks/callout.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=SHORT_RICH_TEXT_FEATURES)
    takeaway = blocks.RichTextBlock(
        label=_("What we learn from it"), required=False, features=SHORT_RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "group"
        label = _("Case study (Praxisbeispiel)")
        template = "courses/blocks/case_study.html"


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    hint = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)

    class Meta:
        icon = "help"
        label = _("Reflection question")
        template = "courses/blocks/reflection.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    url = blocks.URLBlock(label=_("Address (URL)"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)


class LinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "link"
        label = _("Link list")
        template = "courses/blocks/links.html"


class ModuleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        template="courses/blocks/text.html",
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionBlock()
    checklist = ChecklistBlock()
    links = LinksBlock()
