"""Renders a certificate snapshot to PDF bytes (xhtml2pdf, embedded DejaVu fonts, PDF/A-2b)."""

import base64
import io

import segno
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from lms.urls_abs import absolute_reverse

from .codes import format_code
from .fonts import FONT_DIR, FONT_FILES, unprintable_characters
from .pdfa import finish_pdfa


class RenderError(Exception):
    pass


def verification_url(code):
    """The public verification page of ``code`` as an absolute URL (QR code, PDF link)."""
    return absolute_reverse("certificates:verify", kwargs={"code": code})


def qr_data_uri(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=0, dark="#1f2a44")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def image_data_uri(image, spec="max-600x240"):
    """A Wagtail image (logo, signature) as an inline PNG, or None.

    Read through the image's storage (``rendition.file.open``), never through a URL: that
    works with local files, hashed names and object storage alike.
    """
    if image is None:
        return None
    try:
        rendition = image.get_rendition(f"{spec}|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def printed_texts(snapshot):
    """``[(field label, text), …]``: everything from the snapshot the certificate prints."""
    texts = [
        (_("name of the holder"), snapshot.holder_name),
        (_("organisation"), snapshot.organisation_name),
        (_("course title"), snapshot.course_title),
    ]
    texts += [(_("module title"), module["title"]) for module in snapshot.modules]
    texts += [(_("module title"), module.get("session", "")) for module in snapshot.modules]
    texts += [
        (_("additional line"), snapshot.extra_text),
        (_("issuer"), snapshot.issuer_name),
        (_("issuer's address"), snapshot.issuer_address),
        (_("place"), snapshot.place),
        (_("signatory"), snapshot.signatory_name),
        (_("signatory's role"), snapshot.signatory_role),
        (_("footer text"), snapshot.footer_text),
    ]
    return [(label, text) for label, text in texts if text]


def unprintable_fields(snapshot):
    """``[(field label, [characters]), …]`` for every printed text with a character no
    certificate font has (it would print as a box); empty when the certificate prints whole."""
    problems = []
    for label, text in printed_texts(snapshot):
        chars = unprintable_characters(text)
        if chars:
            problems.append((label, chars))
    return problems


def certificate_context(snapshot):
    """What the PDF and the accessible web page both show (the same words, the same links)."""
    return {
        "c": snapshot,
        "printed_code": format_code(snapshot.code),
        "verify_url": verification_url(snapshot.code),
        "verify_form_url": absolute_reverse("certificates:verify_form"),
    }


def render_pdf(*, snapshot, logo=None, signature=None):
    """``snapshot``: a Certificate (saved or not) or any object with the same attributes.

    Returns the PDF bytes (A4, fonts embedded, PDF/A-2b metadata). Raises ``RenderError`` when
    a printed text has characters the fonts lack (callers refuse before: services.py) or when
    xhtml2pdf reports an error.
    """
    if unprintable_fields(snapshot):
        raise RenderError("The certificate has characters its fonts cannot print.")
    context = certificate_context(snapshot) | {
        "fonts": {key: str(path) for key, path in FONT_FILES.items()},
        "qr": qr_data_uri(verification_url(snapshot.code)),
        "logo": image_data_uri(logo),
        "signature": image_data_uri(signature, "max-500x160"),
    }
    with translation.override("de"):
        html = render_to_string("certificates/pdf/certificate.html", context)
        title = _("Certificate of attendance") + f" {snapshot.serial}"
        subject = f"{snapshot.holder_name}: {snapshot.course_title}"
    output = io.BytesIO()
    # Only the package's font directory may be read: images come inline as data URIs.
    policy = ResourceAccessPolicy(allow_remote=False, base_dir=FONT_DIR, extra_roots=[FONT_DIR])
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise RenderError(f"xhtml2pdf reported {result.err} error(s)")
    return finish_pdfa(
        output.getvalue(),
        title=title,
        author=snapshot.issuer_name,
        subject=subject,
        keywords=f"{snapshot.serial} {format_code(snapshot.code)}",
    )
