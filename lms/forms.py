"""Form fields for what people type, built on ``lms.inputs`` (the one number reader).

``LocalizedDecimalField`` reads decimals with ``lms.inputs.parse_number`` ("0,5", "0.5",
"1.000,5"; "1.000" refused as ambiguous) and shows them in the active language's notation
("0,5" in German). Its widget is a text input with ``inputmode="decimal"``: a browser's
``<input type="number">`` in a German locale turned "0,5" into "05" (= 5 UE on a
certificate), and other browsers drop what they cannot read without telling anyone.

``LocalizedDecimalsMixin`` turns every ``DecimalField`` of a (Wagtail admin) form into one,
keeping label, help text, limits and validators: use it as the base of a page's
``base_form_class`` or of a snippet's form.
"""

from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator
from django.utils import formats

from .inputs import parse_number


class DecimalInput(forms.TextInput):
    """A text box for a decimal: the keyboard shows digits and the comma on phones."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            # No grouping: "1000,5", which parse_number reads back as it was shown.
            plain = value.normalize() if isinstance(value, Decimal) else Decimal(value)
            if plain == plain.to_integral():
                plain = plain.quantize(Decimal(1))
            return formats.number_format(plain, use_l10n=True, force_grouping=False)
        return super().format_value(value)


class LocalizedDecimalField(forms.DecimalField):
    """A ``DecimalField`` that reads what people type with ``lms.inputs.parse_number``.

    Errors: parse_number's translated messages (not a number, ambiguous "1.000"), then the usual
    ``max_digits`` / ``decimal_places`` / min / max validation.
    """

    widget = DecimalInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_number(value)  # ValidationError with the field message

    def widget_attrs(self, widget):
        # DecimalField adds "step"/"min"/"max", meant for <input type="number"> only.
        return forms.Field.widget_attrs(self, widget)

    @classmethod
    def replacing(cls, field):
        """A LocalizedDecimalField doing the job of the DecimalField ``field``."""
        return cls(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            required=field.required,
            label=field.label,
            initial=field.initial,
            help_text=field.help_text,
            disabled=field.disabled,
            error_messages=field.error_messages,
            # Its own DecimalValidator comes with the new field; keep min/max and the model's.
            validators=[v for v in field.validators if not isinstance(v, DecimalValidator)],
            widget=DecimalInput(attrs={"size": 10}),
        )


class LocalizedDecimalsMixin:
    """Form mixin: every ``forms.DecimalField`` becomes a ``LocalizedDecimalField``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.DecimalField) and not isinstance(
                field, LocalizedDecimalField
            ):
                self.fields[name] = LocalizedDecimalField.replacing(field)
