"""Admin actions around certificates: revoke, re-issue, reinstate, template preview, ZIP
export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .filters import CertificateFilterSet
from .forms import RevokeForm
from .models import Status, ZipExport
from .selectors import certificates_visible_to
from .services import (
    CertificateError,
    certificate_reinstate,
    certificate_reissue,
    certificate_revoke,
    reissue_refusal,
)
from .zips import zip_export_create


def _scoped(request, pk):
    if not request.user.has_perm("certificates.view_certificate"):
        raise PermissionDenied
    return get_object_or_404(certificates_visible_to(request.user), pk=pk)


def _require_revoke(request):
    if not request.user.has_perm("certificates.revoke_certificate"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    _require_revoke(request)
    certificate = _scoped(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except CertificateError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("The certificate %s was revoked.") % certificate.serial)
            return _to_inspect(certificate)
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "action": "revoke"},
    )


def _to_inspect(certificate):
    return redirect(reverse("certificates_certificate:inspect", args=[certificate.pk]))


@require_http_methods(["GET", "POST"])
def reissue(request, pk):
    _require_revoke(request)
    certificate = _scoped(request, pk)
    refusal = reissue_refusal(certificate)
    if refusal is not None:
        messages.error(request, refusal)
        return _to_inspect(certificate)
    if request.method == "POST":
        try:
            new = certificate_reissue(certificate=certificate, by=request.user)
        except CertificateError as error:
            messages.error(request, str(error))
            return _to_inspect(certificate)
        messages.success(
            request,
            _("Certificate %(new)s was issued; %(old)s is now marked as replaced.")
            % {"new": new.serial, "old": certificate.serial},
        )
        return _to_inspect(new)
    return TemplateResponse(
        request, "certificates/admin/reissue.html", {"certificate": certificate}
    )


@require_http_methods(["GET", "POST"])
def reinstate(request, pk):
    """A new certificate for the completion of a revoked one, with a reason that is logged."""
    _require_revoke(request)
    certificate = _scoped(request, pk)
    if certificate.status != Status.REVOKED:
        messages.error(request, _("Only a revoked certificate can be reinstated."))
        return _to_inspect(certificate)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = certificate_reinstate(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except CertificateError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("Certificate %(new)s was issued; %(old)s stays revoked.")
                % {"new": new.serial, "old": certificate.serial},
            )
            return _to_inspect(new)
    return TemplateResponse(
        request,
        "certificates/admin/reinstate.html",
        {"certificate": certificate, "form": form, "page_title": _("Reinstate certificate")},
    )


@require_GET
def preview(request):
    """A sample certificate with the current template settings; nothing is stored."""
    if not (
        request.user.has_perm("certificates.change_certificatesettings")
        or request.user.has_perm("certificates.view_certificate")
    ):
        raise PermissionDenied
    from .preview import UnprintableTemplateError, sample_pdf

    try:
        data = sample_pdf(request=request)
    except UnprintableTemplateError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="Muster-Teilnahmebescheinigung.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def zip_new(request):
    if not request.user.has_perm("certificates.view_certificate"):
        raise PermissionDenied
    filters = CertificateFilterSet(
        request.GET, queryset=certificates_visible_to(request.user), request=request
    )
    certificates = filters.qs if filters.is_valid() else filters.queryset.none()
    if request.method == "POST":
        export = zip_export_create(user=request.user, certificates=certificates)
        return redirect("certificates_admin:zip_status", pk=export.pk)
    return TemplateResponse(
        request,
        "certificates/admin/zip_new.html",
        {"count": certificates.count(), "query": request.GET.urlencode()},
    )


def _own_export(request, pk):
    return get_object_or_404(ZipExport, pk=pk, requested_by=request.user)


@require_GET
def zip_status(request, pk):
    export = _own_export(request, pk)
    return TemplateResponse(
        request, "certificates/admin/zip_status.html", {"export": export, "now": timezone.now()}
    )


@require_GET
def zip_download(request, pk):
    export = _own_export(request, pk)
    if export.state != ZipExport.State.DONE or not export.file:
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"Teilnahmebescheinigungen-{export.created_at:%Y-%m-%d}.zip",
    )
