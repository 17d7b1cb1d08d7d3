"""Counts failed verification look-ups per client address, in Django's cache."""

from django.core.cache import cache

MAX_FAILURES = 10
WINDOW_SECONDS = 10 * 60


def _key(request):
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone reset the count.
    # Behind a proxy, set the address there (e.g. gunicorn --forwarded-allow-ips).
    return "certificates:verify-failures:" + request.META.get("REMOTE_ADDR", "unknown")


def is_throttled(request):
    return (cache.get(_key(request)) or 0) >= MAX_FAILURES


def record_failure(request):
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
