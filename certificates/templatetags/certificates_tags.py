from django import template

from ..selectors import newest_valid_certificate

register = template.Library()


@register.inclusion_tag("certificates/includes/certificate_link.html")
def certificate_link(enrolment=None, user=None, course=None, certificate=None):
    """The download button of the newest valid certificate, or nothing.

    Lists should pass ``certificate=`` from ``newest_valid_certificates`` (one query for all
    rows) instead of ``enrolment=`` (one query per row).
    """
    if certificate is None and (enrolment is not None or (user and course)):
        certificate = newest_valid_certificate(enrolment=enrolment, user=user, course=course)
    return {"certificate": certificate}


@register.filter
def certificate_for(certificates_by_enrolment, enrolment):
    """``{{ certificates|certificate_for:enrolment }}`` for the dict of the selector."""
    return certificates_by_enrolment.get(getattr(enrolment, "pk", enrolment))

