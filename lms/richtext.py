"""Rich text from the admin's editor that cannot be read is a field error, never an HTTP 500.

Wagtail's Draftail editor posts its content as Draft.js JSON in a hidden input, and
``wagtail.admin.rich_text.editors.draftail.DraftailRichTextArea.value_from_datadict`` converts it
with ``ContentstateConverter.to_database_format`` without a guard: text that is not JSON
(``JSONDecodeError``) or JSON of another shape (``'float' object has no attribute 'get'``) is
an HTTP 500 in every form with a rich text field (quiz, question, page edit). The browser's
editor always sends valid JSON, so only a broken client or an attacker meets the message; it
still has to be a message at the field (tests/test_fuzz_crawler.py found the 500s).

``DraftailRichTextArea`` (set as the default editor in settings ``WAGTAILADMIN_RICH_TEXT_EDITORS``)
returns ``UNREADABLE`` instead of raising; ``RichTextFormField`` (registered for every
``RichTextField`` in the admin's forms by ``register_rich_text_form_field``) turns it into the
field error. A widget cannot raise the error itself: the form re-renders with the bound value,
which would raise again.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea as WagtailDraftailRichTextArea


class _Unreadable(str):
    """Empty text that remembers it stands for unreadable input."""


UNREADABLE = _Unreadable("")


def _is_contentstate(value):
    """Whether ``value`` (parsed JSON) has the shape of Draft.js content: a dict with a list
    of block dicts and an entity map dict."""
    if not isinstance(value, dict):
        return False
    blocks = value.get("blocks")
    entities = value.get("entityMap", {})
    return (
        isinstance(blocks, list)
        and all(isinstance(block, dict) for block in blocks)
        and isinstance(entities, dict)
    )


class DraftailRichTextArea(WagtailDraftailRichTextArea):
    """Wagtail's Draftail widget; posted content that is not Draft.js JSON is ``UNREADABLE``
    (empty text) instead of an exception."""

    def value_from_datadict(self, data, files, name):
        raw = forms.HiddenInput.value_from_datadict(self, data, files, name)
        if raw is None:
            return None
        try:
            parsed = json.loads(raw)
            # An empty editor posts ``null``; Wagtail's exporter renders it as empty text.
            if parsed is not None and not _is_contentstate(parsed):
                return UNREADABLE
            return self.converter.to_database_format(raw)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            # Well-formed JSON with wrong types inside a block (an offset that is a string,
            # a style range without a key) fails inside the exporter the same way.
            return UNREADABLE


class RichTextFormField(forms.CharField):
    """The form field of a ``RichTextField`` in admin forms: unreadable editor content is an
    error at the field ("could not be read"), in German."""

    default_error_messages = {
        "unreadable": _(
            "The text could not be read. Reload the page and enter it again in the editor."
        ),
    }

    def clean(self, value):
        if isinstance(value, _Unreadable):
            raise ValidationError(self.error_messages["unreadable"], code="unreadable")
        return super().clean(value)


def register_rich_text_form_field():
    """Use ``RichTextFormField`` for every ``RichTextField`` in Wagtail's admin forms (pages,
    snippets, settings). Called once at start-up (organisations.wagtail_hooks)."""
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.fields import RichTextField

    register_form_field_override(RichTextField, override={"form_class": RichTextFormField})
