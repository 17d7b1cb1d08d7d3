"""Project-wide system checks (registered in ``certificates.apps``, the first to need them)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver", ""}  # noqa: S104


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """``check --deploy``: SITE_URL must be the public https address of the site.

    Returns a list of ``Warning`` (id ``kofo.W001`` local host, ``kofo.W002`` not https). Every
    mail, QR code and printed certificate link is built from it (``lms.urls_abs``); a local
    address there is baked into PDFs that cannot be changed after issue.
    """
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    problems = []
    if (parts.hostname or "") in LOCAL_HOSTS or (parts.hostname or "").endswith(".localhost"):
        problems.append(
            Warning(
                f"SITE_URL is {url!r}: links in mails, QR codes and certificates would point at "
                "this machine.",
                hint="Set SITE_URL to the public address, e.g. https://kofo.example.org.",
                id="kofo.W001",
            )
        )
    elif parts.scheme != "https":
        problems.append(
            Warning(
                f"SITE_URL {url!r} does not use https.",
                hint="Set SITE_URL to the https address the site is served at.",
                id="kofo.W002",
            )
        )
    return problems
