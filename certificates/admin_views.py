"""Admin actions around certificates: revoke, re-issue, template preview, ZIP export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .forms import RevokeForm
from .models import Status, ZipExport
from .services import CertificateError, certificate_reissue, certificate_revoke
from .zips import zip_export_create


def _scoped(request, pk):
    from .viewsets import scoped_certificates

    if not request.user.has_perm("certificates.view_certificate"):
        raise PermissionDenied
    return get_object_or_404(scoped_certificates(request.user), pk=pk)


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
            return redirect(reverse("certificates_certificate:inspect", args=[certificate.pk]))
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "action": "revoke"},
    )


@require_http_methods(["GET", "POST"])
def reissue(request, pk):
    _require_revoke(request)
    certificate = _scoped(request, pk)
    if certificate.status == Status.SUPERSEDED:
        raise Http404
    if request.method == "POST":
        try:
            new = certificate_reissue(certificate=certificate)
        except CertificateError as error:
            # E.g. the name now has characters the certificate cannot print: say which.
            messages.error(request, str(error))
            return redirect(reverse("certificates_certificate:inspect", args=[certificate.pk]))
        messages.success(
            request,
            _("Certificate %(new)s was issued; %(old)s is now marked as replaced.")
            % {"new": new.serial, "old": certificate.serial},
        )
        return redirect(reverse("certificates_certificate:inspect", args=[new.pk]))
    return TemplateResponse(
        request, "certificates/admin/reissue.html", {"certificate": certificate}
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
    from .viewsets import CertificateFilterSet, scoped_certificates

    if not request.user.has_perm("certificates.view_certificate"):
        raise PermissionDenied
    filters = CertificateFilterSet(request.GET, queryset=scoped_certificates(request.user))
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
