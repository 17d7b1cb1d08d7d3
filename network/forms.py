"""Forms of the Kooperationsnetz: the contact card with its consent, the directory's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import OrganisationKind, Region

from .models import ContactCard, Visibility

CONSENT_TEXT = _(
    "I agree that logged-in people of KoFo see my contact card: my name and organisation from "
    "my profile, my role, my topics and the ways of contact I ticked – only people of my "
    "region, or of all regions, as chosen above. I can withdraw this consent at any time; the "
    "card then disappears at once."
)


class TickedCheckbox(forms.CheckboxInput):
    """True only for what a ticked box sends ("on"): Django's CheckboxInput reads any other
    text, "off" and "0" included, as ticked, and consent must be explicit (Art. 7 DSGVO)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class ContactCardForm(forms.ModelForm):
    # Unticked on every visit, also when editing: each save is a fresh, informed consent.
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        widget=TickedCheckbox,
        error_messages={"required": _("Without your consent we cannot show a contact card.")},
    )

    class Meta:
        model = ContactCard
        fields = ["role", "topics", "show_email", "show_phone", "phone", "visibility"]
        widgets = {"visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean(self):
        data = super().clean()
        if data.get("show_phone") and not (data.get("phone") or "").strip():
            self.add_error("phone", _("Please enter the phone number to be shown."))
        return data


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("All"))] + list(OrganisationKind.choices),
        required=False,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All"))] + list(topics)
