"""The DSGVO export as pages and downloads: a person's own (profile) and, for the
Administration, anybody's (admin). One renderer for both (accounts.personal_data)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lms.ids import parse_id
from lms.personal_data import sections

from .personal_data import export_json, is_erased, person_data_export

PERMISSION = "accounts.manage_personal_data"


def may_manage_personal_data(user):
    """True for active accounts with ``accounts.manage_personal_data`` (Administration,
    superusers). Managers never: they see people's progress, not all their data."""
    return user.is_authenticated and user.is_active and user.has_perm(PERMISSION)


def _filename(user, extension):
    day = timezone.localdate().strftime("%Y-%m-%d")
    return f"KoFo-Daten-{user.pk}-{day}.{extension}"


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def json_download(user):
    """The export of ``user`` as a JSON file download (Art. 20 DSGVO: machine-readable)."""
    response = HttpResponse(
        export_json(person_data_export(user=user)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(user, "json")}"'
    return _no_store(response)


def overview(request, user, *, own, download=False):
    """The export of ``user`` as a readable, printable page (Art. 15 DSGVO); ``download``:
    the same page as an HTML file to keep."""
    export = person_data_export(user=user)
    context = {
        "person": user,
        "own": own,
        "export": export,
        "sections": [(section, export["sections"][section.key]) for section in sections()],
        "erased": is_erased(user),
    }
    response = render(request, "accounts/personal_data.html", context)
    if download:
        response["Content-Disposition"] = f'attachment; filename="{_filename(user, "html")}"'
    return _no_store(response)


@login_required
@require_GET
def my_data(request):
    return overview(request, request.user, own=True, download="herunterladen" in request.GET)


@login_required
@require_GET
def my_data_json(request):
    return json_download(request.user)


def _person(request, pk):
    if not may_manage_personal_data(request.user):
        raise PermissionDenied
    pk = parse_id(pk)
    if pk is None:
        raise Http404
    return get_object_or_404(get_user_model(), pk=pk)


@require_GET
def person_data(request, pk):
    """Admin: anybody's export as a page (Administration only; 403 for everyone else)."""
    return overview(
        request, _person(request, pk), own=False, download="herunterladen" in request.GET
    )


@require_GET
def person_data_json(request, pk):
    """Admin: anybody's export as JSON (Administration only)."""
    return json_download(_person(request, pk))
