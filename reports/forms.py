import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage
from lms.ids import IdModelChoiceField, IdModelMultipleChoiceField
from organisations.selectors import organisations_in_scope, users_in_scope

MAX_UPLOAD = 2 * 1024 * 1024


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
        self.fields["user"].queryset = users_in_scope(manager)


class AssignmentForm(_CourseAndDueDate):
    person = IdModelChoiceField(label=_("One person"), queryset=None, required=False)
    organisation = IdModelChoiceField(
        label=_("Everyone in an organisation"), queryset=None, required=False
    )
    email_file = forms.FileField(
        label=_("CSV file with e-mail addresses"),
        required=False,
        help_text=_("One e-mail address per line (first column); a header line is ignored."),
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, manager=manager, **kwargs)
        self.fields["person"].queryset = users_in_scope(manager).order_by("last_name", "first_name")
        self.fields["person"].label_from_instance = lambda user: (
            f"{user.last_name}, {user.first_name} ({user.email})"
        )
        self.fields["organisation"].queryset = organisations_in_scope(manager).order_by("name")

    def clean_email_file(self):
        upload = self.cleaned_data.get("email_file")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("The file is too large (at most 2 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("Please upload a UTF-8 encoded CSV file.")) from error

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in ("person", "organisation", "email_file") if cleaned.get(name)]
        if len(chosen) != 1:
            raise ValidationError(_("Choose exactly one: a person, an organisation or a CSV file."))
        return cleaned


def parse_email_lines(text):
    """Yield ``(line_number, email, error)`` for each non-empty CSV line."""
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        value = (row[0] if row else "").strip()
        if not value or (number == 1 and "@" not in value):
            continue  # blank line or header
        try:
            validate_email(value)
        except ValidationError:
            yield number, value, _("This is not a valid e-mail address.")
            continue
        yield number, value.lower(), None
