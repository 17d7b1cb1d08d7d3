"""One home for turning what people send into database ids.

Ids arrive as text: in URLs, query strings and form posts. Since Django 5.0 the ORM answers
"no such row" for an integer column compared with a value the database cannot hold, but not
for a lookup through a relation (a page's ``page_ptr``, a foreign key) or an ``__in`` list:
there SQLite raises ``OverflowError`` and PostgreSQL ``DataError`` — an HTTP 500 for a
25-digit id. Every place that turns user input into an id goes through this module: an id is
a whole number from 1 to 2**63 - 1 (PostgreSQL ``bigint``, SQLite ``INTEGER``), written in
ASCII digits; anything else is not an id.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

MAX_ID = 2**63 - 1
# ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() then refuses.
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value):
    """``value`` (str, int or None) -> the id as ``int`` (1 … 2**63 - 1), or ``None`` if it
    cannot be one. Never raises."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values):
    """An iterable of raw values -> the list of those that are ids (others dropped), as ints,
    in order, without duplicates."""
    return list(dict.fromkeys(pk for pk in map(parse_id, values) if pk is not None))


def integer_key(model, field_name=None):
    """Whether ``model``'s ``field_name`` (default: the primary key) holds integer ids.
    Model forms name the key (``to_field_name="page_ptr"`` for a page)."""
    field = model._meta.get_field(field_name) if field_name else model._meta.pk
    while field.is_relation:  # a page's page_ptr, a one-to-one child
        field = field.target_field
    return isinstance(field, models.IntegerField | models.AutoField)


class IdChoiceMixin:
    """For model choice fields: a value that cannot be an id is "not one of the available
    choices" (the field's own, translated message) before any query runs."""

    def _refuse(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return False
        if not integer_key(self.queryset.model, self.to_field_name):
            return False
        return parse_id(value) is None

    def to_python(self, value):
        if self._refuse(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdModelChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    pass


class IdValuesMixin:
    """For multiple model choice fields: a value which cannot be an id is invalid (the field's
    own message) instead of reaching an ``__in`` query."""

    def _check_values(self, value):
        if integer_key(self.queryset.model, self.to_field_name):
            for pk in value:
                if parse_id(pk) is None and not isinstance(pk, self.queryset.model):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


class IdModelMultipleChoiceField(IdValuesMixin, forms.ModelMultipleChoiceField):
    pass


class IdFilterModelMultipleChoiceField(
    IdValuesMixin, django_filters.fields.ModelMultipleChoiceField
):
    """The same for django-filter's multiple choice filters (e.g. Wagtail's user groups)."""


class _FilterModelChoiceField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class IdModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ``ModelChoiceFilter`` for id choices: a value that cannot be an id is
    a form error shown at the filter (the list stays unfiltered), never a database error."""

    field_class = _FilterModelChoiceField


def id_formfield(db_field, **kwargs):
    """``formfield_callback`` for model forms: relations get the id-checking fields above."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", IdModelChoiceField)
    return db_field.formfield(**kwargs)


class IdFormFieldsMixin:
    """For ``ModelViewSet``s built from ``form_fields`` (Wagtail then bypasses its form-field
    registry): their relations get the id-checking fields."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        return id_formfield(db_field, **kwargs)


def register_admin_form_fields():
    """Id-checking fields in every Wagtail admin form (``ModelViewSet``s, snippets, pages):
    many-to-many fields (Django's own catches ``ValueError`` but not the ``OverflowError`` of a
    30-digit id in its ``__in`` query) and foreign keys to pages (a page's id is its
    ``page_ptr``, a relation the ORM's overflow guard does not cover). Wagtail's page chooser
    widget stays. Called once at start-up (organisations.wagtail_hooks)."""
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.admin.widgets import AdminPageChooser
    from wagtail.models import AbstractPage

    register_form_field_override(
        models.ManyToManyField, override={"form_class": IdModelMultipleChoiceField}
    )
    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "widget": AdminPageChooser(target_models=[db_field.remote_field.model]),
            "form_class": IdModelChoiceField,
        },
    )
