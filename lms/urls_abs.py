"""The one builder of absolute URLs: QR codes, printed links and every mail use it.

A link that leaves the request (a PDF, a mail, a QR code) cannot ask the request for its host;
it uses ``settings.SITE_URL``, set from the ``SITE_URL`` environment variable. Production
refuses to start without it (``lms/settings/production.py``) and ``check --deploy`` warns when
it points at this machine (``lms/checks.py``).
"""

from django.conf import settings
from django.urls import reverse


def site_url():
    """The site's base URL without a trailing slash, e.g. ``'https://kofo.example.org'``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path):
    """``path`` (``'/bescheinigungen/'``) as an absolute URL on the site's base URL."""
    return site_url() + "/" + path.lstrip("/")


def absolute_reverse(viewname, *, args=None, kwargs=None):
    """``reverse(viewname, …)`` as an absolute URL (same arguments as ``reverse``)."""
    return absolute_url(reverse(viewname, args=args, kwargs=kwargs))
