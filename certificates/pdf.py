"""Renders a certificate snapshot to PDF bytes (xhtml2pdf, embedded DejaVu fonts)."""

import base64
import io
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from .codes import format_code

FONT_DIR = Path(__file__).resolve().parent / "static" / "certificates" / "fonts"


class RenderError(Exception):
    pass


def site_url():
    return (getattr(settings, "KOFO_SITE_URL", None) or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def verification_url(code):
    return site_url() + reverse("certificates:verify", kwargs={"code": code})


def qr_data_uri(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=0, dark="#1f2a44")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def image_data_uri(image, spec="max-600x240"):
    """A Wagtail image (logo, signature) as an inline PNG, or None."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(f"{spec}|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _link_callback(uri, rel):
    # Fonts are referenced as static paths; resolve them to files shipped with the app.
    if uri.startswith(settings.STATIC_URL):
        found = finders.find(uri.removeprefix(settings.STATIC_URL))
        if found:
            return found
    return uri


def render_pdf(*, snapshot, logo=None, signature=None):
    """``snapshot`` is a Certificate (saved or not) or any object with the same attributes."""
    context = {
        "c": snapshot,
        "printed_code": format_code(snapshot.code),
        "verify_url": verification_url(snapshot.code),
        "verify_form_url": site_url() + reverse("certificates:verify_form"),
        "qr": qr_data_uri(verification_url(snapshot.code)),
        "logo": image_data_uri(logo),
        "signature": image_data_uri(signature, "max-500x160"),
    }
    with translation.override("de"):
        html = render_to_string("certificates/pdf/certificate.html", context)
    output = io.BytesIO()
    policy = ResourceAccessPolicy(allow_remote=False, base_dir=FONT_DIR, extra_roots=[FONT_DIR])
    result = pisa.CreatePDF(
        html, dest=output, encoding="utf-8", link_callback=_link_callback, resource_policy=policy
    )
    if result.err:
        raise RenderError(f"xhtml2pdf reported {result.err} error(s)")
    return output.getvalue()
