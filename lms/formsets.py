"""Inline formsets (``InlinePanel``) that answer tampered management data with a message.

django-modelcluster's ``BaseChildFormSet._construct_form`` reads ``<prefix>-<n>-id`` with
``self.data[pk_key]`` and converts it without a guard: a post whose ``INITIAL_FORMS`` counts
rows that carry no id (``MultiValueDictKeyError``) or whose id is not a number
(``ValidationError`` outside validation) is an HTTP 500 in the quiz and course editors. The
maintainers keep it that way on purpose (wagtail/django-modelcluster#26: a missing id means a
broken form, "better to throw the error than mask it"); Django's own ``BaseModelFormSet``
treats the same input as a form error. We do the latter at our boundary: such a row is a new,
empty row and the formset is invalid with a message, so nothing is saved and nothing is lost.
"""

from django.core.exceptions import ValidationError
from django.forms.formsets import ORDERING_FIELD_NAME
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel as WagtailInlinePanel

from .ids import integer_key, parse_id

TAMPERED = _("The form was sent incompletely. Reload the page and make your changes again.")


class ChildFormSet(BaseChildFormSet):
    """modelcluster's child formset; a row without a readable id is a formset error."""

    tampered = False

    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count():
            pk = self.data.get(f"{self.add_prefix(i)}-{self.model._meta.pk.name}")
            unreadable = pk is None or (
                pk != "" and integer_key(self.model) and parse_id(pk) is None
            )
            if unreadable:
                self.tampered = True
                # Skip modelcluster's (and Django's model formset's) reading of the id: the
                # row is built as a new one, and ``clean`` refuses the whole formset.
                return super(BaseModelFormSet, self)._construct_form(
                    i, instance=self.model(), **kwargs
                )
        return super()._construct_form(i, **kwargs)

    def full_clean(self):
        super().full_clean()
        if self.can_order:
            # An unchanged extra row is not validated, so its ``cleaned_data`` has no ORDER;
            # Wagtail's InlinePanel re-sorts the rows of a valid formset by
            # ``cleaned_data["ORDER"]`` when the parent form has errors: KeyError, HTTP 500.
            for form in self.forms:
                if hasattr(form, "cleaned_data"):
                    form.cleaned_data.setdefault(ORDERING_FIELD_NAME, None)

    def clean(self):
        super().clean()
        # Building the forms decides ``tampered``; ``clean`` runs after they are built.
        if self.tampered:
            raise ValidationError(TAMPERED, code="tampered")


class InlinePanel(WagtailInlinePanel):
    """Wagtail's ``InlinePanel`` with ``ChildFormSet`` (use it for every inline panel)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChildFormSet
        return options
