from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from .codes import random_code
from .fonts import describe_characters
from .pdf import render_pdf, unprintable_fields
from .services import template_settings


class UnprintableTemplateError(Exception):
    """The template settings have characters the certificate font cannot print."""


def sample_pdf(*, request=None):
    """A made-up certificate rendered with the current site's template settings."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    template = template_settings() if site is None else _for_site(site)
    now = timezone.now()
    modules = [
        {"title": "Zielgruppe und Lebenslagen", "units": "2.0"},
        {"title": "Rechtliche Rahmen (SGB II, SGB III, SGB VIII)", "units": "3.0"},
        {"title": "Netzwerke und Kooperation", "units": "2.0"},
    ]
    sample = SimpleNamespace(
        holder_name="Zoë Müller-Lüdenscheidt",
        organisation_name="Jugendamt Musterstadt",
        course_title="Muster-Fortbildung: Kooperation von Jugendhilfe und Jobcenter",
        modules=modules,
        total_units=sum(Decimal(m["units"]) for m in modules),
        completed_on=(now - timedelta(days=1)).date(),
        issued_at=now,
        valid_until=None,
        issuer_name=template.issuer_name,
        issuer_address=template.issuer_address,
        place=template.place,
        signatory_name=template.signatory_name,
        signatory_role=template.signatory_role,
        extra_text="",
        footer_text=template.footer_text,
        serial="KOFO-MUSTER-000000",
        code=random_code(),
    )
    problems = unprintable_fields(sample)
    if problems:
        fields = "; ".join(f"{label}: {describe_characters(chars)}" for label, chars in problems)
        raise UnprintableTemplateError(
            _(
                "The certificate template has characters the certificate's font cannot "
                "print (they would appear as empty boxes): %(fields)s."
            )
            % {"fields": fields}
        )
    return render_pdf(snapshot=sample, logo=template.logo, signature=template.signature)


def _for_site(site):
    from .models import CertificateSettings

    return CertificateSettings.for_site(site)
