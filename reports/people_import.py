"""CSV import of people: parse and check every line, preview, then create and invite."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.identity import canonical_email
from accounts.services import people_invite
from lms.csvfile import Row, Table, shown
from organisations.selectors import organisations_in_scope, users_in_scope

from .forms import PeopleFileForm
from .services import ConfirmationUnknown, confirmation_create, confirmation_run

PURPOSE = "people_import"


@dataclass
class Line:
    number: int
    email: str
    first_name: str
    last_name: str
    organisation_name: str
    organisation: object = None
    error: str = ""


def check_lines(table, manager):
    """Every non-empty line of ``table`` (an ``lms.csvfile.Table``) with its German error
    ("" when it can be imported). Never says whether an address outside the scope exists."""
    organisations = {o.name.casefold(): o for o in organisations_in_scope(manager)}
    lines, seen = [], set()
    for row in table.rows:
        cells = row.cells
        if row.error:
            # Shown as read, with control characters made visible, and never imported.
            line = Line(row.number, shown(cells["email"]) or row.raw, "", "", "")
            line.first_name, line.last_name = shown(cells["first_name"]), shown(cells["last_name"])
            line.organisation_name, line.error = shown(cells["organisation"]), row.error
            lines.append(line)
            continue
        line = Line(
            row.number,
            cells["email"],
            cells["first_name"],
            cells["last_name"],
            cells["organisation"],
        )
        line.organisation = organisations.get(line.organisation_name.casefold())
        line.error = _line_error(line, seen)
        seen.add(line.email)
        lines.append(line)
    _mark_existing(lines, manager)
    return lines


def _mark_existing(lines, manager):
    """Lines whose address has an account already are not imported. A person in the
    manager's scope is named (the manager sees them in every report anyway); outside the
    scope the words are those of any line that cannot be imported, so the preview is no
    way to find out who has an account."""
    wanted = [line.email for line in lines if not line.error]
    existing = dict(get_user_model().objects.filter(email__in=wanted).values_list("email", "pk"))
    visible = {
        user.pk: user
        for user in users_in_scope(manager)
        .filter(pk__in=existing.values())
        .select_related("organisation")
    }
    for line in lines:
        if line.error or line.email not in existing:
            continue
        person = visible.get(existing[line.email])
        if person is None:
            line.error = _("No account can be created for this address here.")
        else:
            line.error = _("Already has an account: %(name)s (%(organisation)s).") % {
                "name": person.get_full_name(),
                "organisation": person.organisation or "–",
            }


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


def _confirm(request):
    """Create and invite what the preview showed, once per preview (double click, retry)."""

    def perform(payload):
        # The lines are checked again: the scope or the accounts may have changed meanwhile.
        table = Table(rows=[Row(number, cells) for number, cells in payload["rows"]])
        lines = check_lines(table, request.user)
        created = people_invite(
            people=[line for line in lines if not line.error], invited_by=request.user
        )
        return {"created": len(created)}

    try:
        outcome, _first = confirmation_run(
            token=request.POST.get("token"), purpose=PURPOSE, user=request.user, perform=perform
        )
    except ConfirmationUnknown as error:
        messages.error(request, str(error))
        return redirect("reports:import_people")
    messages.success(
        request,
        ngettext(
            "%(count)d account was created and invited.",
            "%(count)d accounts were created and invited.",
            outcome["created"],
        )
        % {"count": outcome["created"]},
    )
    return redirect("reports:import_people")


def import_people(request):
    if not request.user.has_perm("reports.assign_courses"):
        raise Http404
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        table = form.cleaned_data["people_file"]
        lines = check_lines(table, request.user)
        # Only lines the reader accepted are kept: refused ones are never imported, and
        # PostgreSQL cannot store a NUL character even inside JSON.
        readable = [[row.number, row.cells] for row in table.rows if not row.error]
        confirmation = confirmation_create(
            purpose=PURPOSE, user=request.user, payload={"rows": readable}
        )
        return TemplateResponse(
            request,
            "reports/import_preview.html",
            {
                "lines": lines,
                "good": [line for line in lines if not line.error],
                "table": table,
                "token": confirmation.token,
            },
        )
    return TemplateResponse(request, "reports/import_people.html", {"form": form})
