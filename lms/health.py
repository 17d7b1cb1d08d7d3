"""``/healthz``: does this app host reach the database, the cache and the file storage?

For the load balancer in front of several app hosts (README "Betrieb mit mehreren Servern")
and for monitoring. 200 ``ok`` when all three answer; 503 with the names of those that did
not (``failed: cache, storage``); the reasons go to the log, never into the response.

A middleware, first in ``MIDDLEWARE``, rather than a view: a probe addresses the host by its
internal address over plain HTTP, so it must not meet the host check (ALLOWED_HOSTS), the
HTTPS redirect, the session or a template, and it should cost a few queries, not a page.

Own code rather than django-health-check (4.8, the newest for Python 3.11; read, not
installed): three checks of a few lines each here, while that library's storage check saves
and deletes a file on every probe (several object storage requests per host every few
seconds), its view answers a probe's ``Accept: */*`` with an HTML template, and as a URL it
would still meet the host check and HTTPS redirect a probe must not.
"""

import logging

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse

PATH = "/healthz"
PROBE_KEY = "kofo:healthz"
logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # A write and a read: a Redis that refuses writes (full, read-only replica) fails too.
    cache.set(PROBE_KEY, "1", timeout=30)
    if cache.get(PROBE_KEY) != "1":
        raise RuntimeError("the cache did not return what was just written")


def check_storage():
    # exists() of a name that is never written: one HEAD request on object storage, a stat
    # on disk. A missing bucket or refused credentials raise.
    for alias in ("default", "private"):
        storages[alias].exists("healthz-probe")


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def health_status():
    """Run every check: returns the list of names (str) of those that failed, [] if none.

    Never raises: a failing check is logged (with its exception) and named.
    """
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed", name)
            failed.append(name)
    return failed


def health_response():
    """200 ``ok`` or 503 ``failed: <names>``, plain text, never cached."""
    failed = health_status()
    if failed:
        response = HttpResponse(f"failed: {', '.join(failed)}\n", status=503)
    else:
        response = HttpResponse("ok\n")
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers ``GET``/``HEAD /healthz`` itself; every other request passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
