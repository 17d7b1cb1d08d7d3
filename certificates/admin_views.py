"""The certificates admin's views: the listing and the inspect page (used by
``viewsets.CertificateViewSet``) and the actions around a certificate (revoke, re-issue,
reinstate, template preview, ZIP export), routed by the same viewset in one URL namespace
(``certificates_certificate``). Registration lives in ``viewsets`` and ``wagtail_hooks``."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.widgets import Button, HeaderButton, ListingButton

from lms import formats
from lms.exports import GermanExportMixin

from .filters import CertificateFilterSet
from .forms import RevokeForm
from .models import Status, ZipExport
from .selectors import certificate_history, certificates_visible_to
from .services import (
    CertificateError,
    certificate_reinstate,
    certificate_reissue,
    certificate_revoke,
    reissue_refusal,
)
from .zips import zip_export_create


class CertificateIndexView(GermanExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return certificates_visible_to(self.request.user)

    @property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        url = reverse("certificates_certificate:zip_new") + (f"?{query}" if query else "")
        return [
            *super().header_buttons,
            HeaderButton(_("ZIP of all PDFs in this filter"), url=url, icon_name="download"),
            HeaderButton(
                _("Preview the template"),
                url=reverse("certificates_certificate:preview"),
                icon_name="view",
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Download PDF"),
                url=reverse("certificates:download", args=[instance.pk]),
                icon_name="download",
                priority=30,
            )
        )
        return buttons


class ModulesTable(Component):
    """The modules of a certificate snapshot as a table with their teaching units (UE)."""

    template_name = "certificates/admin/modules_table.html"

    def __init__(self, modules, total_units):
        self.modules, self.total_units = modules or [], total_units

    def get_context_data(self, parent_context=None):
        # The snapshot stores units as strings ("2.0"); as numbers they show as "2,0".
        modules = [
            {"title": module.get("title", ""), "units": _decimal(module.get("units"))}
            for module in self.modules
        ]
        return {"modules": modules, "total_units": self.total_units}


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


class CertificateInspectView(generic.InspectView):
    """Readable: modules as a table, local times, blank (not "None") for empty fields."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return ""
        if isinstance(value, (datetime.date, datetime.datetime)):
            return formats.format_datetime(value)
        return value

    def get_modules_display_value(self):
        return ModulesTable(self.object.modules, self.object.total_units)

    def get_object(self, queryset=None):
        return get_object_or_404(certificates_visible_to(self.request.user), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = certificate_history(self.object)
        return context

    @property
    def header_more_buttons(self):
        buttons = [
            Button(
                _("Download PDF"),
                url=reverse("certificates:download", args=[self.object.pk]),
                icon_name="download",
            )
        ]
        if self.request.user.has_perm("certificates.revoke_certificate"):
            if self.object.status == Status.VALID:
                buttons.append(
                    Button(
                        _("Revoke"),
                        url=reverse("certificates_certificate:revoke", args=[self.object.pk]),
                        icon_name="cross",
                    )
                )
                buttons.append(
                    Button(
                        _("Re-issue"),
                        url=reverse("certificates_certificate:reissue", args=[self.object.pk]),
                        icon_name="repeat",
                    )
                )
            if self.object.status == Status.REVOKED:
                buttons.append(
                    Button(
                        _("Reinstate"),
                        url=reverse("certificates_certificate:reinstate", args=[self.object.pk]),
                        icon_name="repeat",
                    )
                )
        return buttons


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
        return redirect("certificates_certificate:zip_status", pk=export.pk)
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
