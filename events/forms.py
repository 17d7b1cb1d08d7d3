from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identity import canonical_email
from organisations.selectors import people_assignable_by

from .models import Attendance


class RegisterPersonForm(forms.Form):
    """A manager registers a person of their scope, found by e-mail address."""

    email = forms.CharField(
        label=_("E-mail address of the person"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager

    def clean_email(self):
        address = canonical_email(self.cleaned_data["email"])
        person = people_assignable_by(self.manager).filter(email=address).first()
        if person is None:
            raise ValidationError(
                _("Nobody with this address belongs to the organisations you look after.")
            )
        self.person = person
        return address


class AttendanceForm(forms.Form):
    """Mark several registrations at once: the ticked people get ``attendance``."""

    attendance = forms.ChoiceField(
        label=_("Mark the selected people as"), choices=Attendance.choices
    )
    registrations = forms.TypedMultipleChoiceField(
        label=_("People"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].choices = [
            (r.pk, r.user.get_full_name() or r.user.email) for r in registrations
        ]
        self.fields["registrations"].error_messages["required"] = _(
            "Please select at least one person."
        )
