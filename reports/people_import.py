"""CSV import of people: parse and check every line, preview, then create and invite."""

import csv
import io
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.identity import canonical_email
from organisations.selectors import organisations_in_scope

from .forms import MAX_UPLOAD
from .services import people_invite

COLUMNS = ("email", "first_name", "last_name", "organisation")


class PeopleFileForm(forms.Form):
    people_file = forms.FileField(
        label=gettext_lazy("CSV file with people"),
        help_text=gettext_lazy(
            "Columns: e-mail address, first name, last name, organisation (exact name). "
            "A header line is ignored; separator comma or semicolon."
        ),
    )

    def clean_people_file(self):
        upload = self.cleaned_data["people_file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(gettext_lazy("The file is too large (at most 2 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                gettext_lazy("Please upload a UTF-8 encoded CSV file.")
            ) from error


@dataclass
class Line:
    number: int
    email: str
    first_name: str
    last_name: str
    organisation_name: str
    organisation: object = None
    error: str = ""


def check_lines(text, manager):
    """Every non-empty line with its German error ("" when it can be imported)."""
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in ("\t", ";") if d in first), ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    organisations = {o.name.casefold(): o for o in organisations_in_scope(manager)}
    lines, seen = [], set()
    for number, row in enumerate(reader, start=1):
        cells = [cell.strip() for cell in row] + [""] * 4
        if not any(cells) or (number == 1 and "@" not in cells[0]):
            continue
        line = Line(number, cells[0], cells[1], cells[2], cells[3])
        line.organisation = organisations.get(line.organisation_name.casefold())
        line.error = _line_error(line, seen)
        seen.add(line.email)
        lines.append(line)
    existing = set(
        get_user_model()
        .objects.filter(email__in=[line.email for line in lines if not line.error])
        .values_list("email", flat=True)
    )
    for line in lines:
        if not line.error and line.email in existing:
            line.error = _("An account with this address already exists.")
    return lines


def _line_error(line, seen):
    try:
        # One canonical form (accounts.identity): "KISS@", "kiſs@" find an existing "kiss@".
        line.email = canonical_email(line.email)
    except ValidationError as error:
        if error.code == "non_ascii":
            return error.messages[0]
        return _("This is not a valid e-mail address.")
    if line.email in seen:
        return _("This address appears twice in the file.")
    if not line.first_name or not line.last_name:
        return _("First and last name are required.")
    if line.organisation is None:
        return _("Unknown organisation, or not in your area of responsibility.")
    return ""


def import_people(request):
    if not request.user.has_perm("reports.assign_courses"):
        raise Http404
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "confirm" in request.POST:
        # The confirm step re-checks the same text: nothing from the preview is trusted.
        lines = check_lines(request.POST.get("people_text", ""), request.user)
        good = [line for line in lines if not line.error]
        people_invite(lines=good, invited_by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d account was created and invited.",
                "%(count)d accounts were created and invited.",
                len(good),
            )
            % {"count": len(good)},
        )
        return redirect("reports:import_people")
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["people_file"]
        lines = check_lines(text, request.user)
        return TemplateResponse(
            request,
            "reports/import_preview.html",
            {
                "lines": lines,
                "good": [line for line in lines if not line.error],
                "text": text,
            },
        )
    return TemplateResponse(request, "reports/import_people.html", {"form": form})
