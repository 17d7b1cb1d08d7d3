from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from accounts.identity import email_lookup_key
from courses.models import CoursePage
from lms.csvfile import EMAIL, FIRST_NAME, LAST_NAME, ORGANISATION, CsvUploadField
from lms.ids import IdModelChoiceField, IdModelMultipleChoiceField
from organisations.selectors import organisations_in_scope, people_assignable_by


class _CourseAndDueDate(forms.Form):
    course = IdModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=AdminDateInput)

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise ValidationError(_("The due date must not lie in the past."))
        return due_date


class AssignmentConfirmForm(_CourseAndDueDate):
    """The second step: the people shown in the preview, checked against the scope again."""

    user = IdModelMultipleChoiceField(queryset=None)

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, manager=manager, **kwargs)
        self.fields["user"].queryset = people_assignable_by(manager)


class AssignmentForm(_CourseAndDueDate):
    person = IdModelChoiceField(label=_("One person"), queryset=None, required=False)
    organisation = IdModelChoiceField(
        label=_("Everyone in an organisation"), queryset=None, required=False
    )
    email_file = CsvUploadField(
        columns=[EMAIL],
        label=_("CSV file with e-mail addresses"),
        required=False,
        help_text=_(
            "One e-mail address per line: the first column, or the column headed “E-Mail”. "
            "Separator semicolon, comma or tab; UTF-8, UTF-16 or Windows-1252."
        ),
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, manager=manager, **kwargs)
        self.fields["person"].queryset = people_assignable_by(manager).order_by(
            "last_name", "first_name"
        )
        self.fields["person"].label_from_instance = lambda user: (
            f"{user.last_name}, {user.first_name} ({user.email})"
        )
        self.fields["organisation"].queryset = organisations_in_scope(manager).order_by("name")

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in ("person", "organisation", "email_file") if cleaned.get(name)]
        if len(chosen) != 1:
            raise ValidationError(_("Choose exactly one: a person, an organisation or a CSV file."))
        return cleaned


def email_rows(table):
    """Yield ``(line_number, shown, email, error)`` for each row of an e-mail ``Table``:
    ``email`` lower-cased when valid, ``error`` "" or the German reason."""
    for row in table.rows:
        value = row.cells["email"]
        if row.error:
            yield row.number, row.raw, "", row.error
            continue
        try:
            validate_email(value)
        except ValidationError:
            yield row.number, value, "", str(_("This is not a valid e-mail address."))
            continue
        # The one lookup rule (accounts.identity): "KISS@…" or "kiſs@…" finds "kiss@…".
        yield row.number, value, email_lookup_key(value), ""


PEOPLE_COLUMNS = (EMAIL, FIRST_NAME, LAST_NAME, ORGANISATION)


class PeopleFileForm(forms.Form):
    people_file = CsvUploadField(
        columns=PEOPLE_COLUMNS,
        label=_("CSV file with people"),
        help_text=_(
            "Columns: e-mail address, first name, last name, organisation (exact name), in this "
            "order or headed E-Mail, Vorname, Nachname, Organisation. Separator semicolon, "
            "comma or tab; UTF-8, UTF-16 or Windows-1252."
        ),
    )
