from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .pdf import site_url


def certificate_mail_send(*, certificate):
    """Tells the holder that the certificate is ready, with a link to the download."""
    base = site_url()
    context = {
        "certificate": certificate,
        "download_url": base + reverse("certificates:download", args=[certificate.pk]),
        "list_url": base + reverse("certificates:mine"),
    }
    with translation.override("de"):
        subject = _("Your certificate of attendance is ready")
        body = render_to_string("certificates/email/certificate_ready.txt", context)
    send_mail(subject, body, None, [certificate.holder.email])
