from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from . import throttle
from .codes import normalise_code
from .forms import VerifyForm
from .pdf import certificate_context
from .selectors import certificates_of, downloadable_certificate
from .services import (
    CertificateError,
    certificate_verify,
    certificates_reissue_with_new_name,
)


@login_required
@require_GET
def my_certificates(request):
    return render(
        request,
        "certificates/my_certificates.html",
        {"certificates": list(certificates_of(request.user))},
    )


@login_required
@require_GET
def download(request, pk):
    certificate = downloadable_certificate(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    if not certificate.pdf:  # deleted with the holder's erasure (certificates.personal_data)
        raise Http404
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"Teilnahmebescheinigung-{certificate.serial}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_page(request, pk):
    """The certificate as an accessible web page: the PDF's content, tagged by HTML.

    Same permission as the download (``downloadable_certificate``); 404 for anyone else.
    """
    certificate = downloadable_certificate(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    response = render(request, "certificates/certificate.html", certificate_context(certificate))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _too_many(request):
    return render(request, "certificates/verify_throttled.html", status=429)


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("certificates:verify", code=code)
        form.add_error("code", _("Please enter the code printed on the certificate."))
    return render(request, "certificates/verify_form.html", {"form": form})


@require_GET
def verify(request, code):
    if throttle.is_throttled(request):
        return _too_many(request)
    certificate = certificate_verify(code=code)
    if certificate is None:
        throttle.record_failure(request)
        return render(
            request,
            "certificates/verify_not_found.html",
            {"form": VerifyForm()},
            status=404,
        )
    response = render(request, "certificates/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def reissue_with_new_name(request):
    """The profile's "re-issue with my new name" button: supersede, then back to the profile."""
    try:
        issued = certificates_reissue_with_new_name(holder=request.user)
    except CertificateError as error:
        # E.g. the new name has characters no certificate font can print: say which.
        messages.error(request, str(error))
        return redirect("accounts:profile")
    if issued:
        messages.success(
            request,
            ngettext(
                "%(count)d certificate was re-issued with your current name.",
                "%(count)d certificates were re-issued with your current name.",
                len(issued),
            )
            % {"count": len(issued)},
        )
    else:
        messages.info(request, _("All your certificates already show your current name."))
    return redirect("accounts:profile")
