"""Who is asking (the client address) and counting what they do, for every throttle.

``client_ip`` is the one rule for the client address: the login lockout (django-axes,
``AXES_CLIENT_IP_CALLABLE``), the registration throttle and the certificate verification
throttle all call it. Counters live in Django's cache, which production shares between
workers of a host (file cache); several hosts need a shared cache such as Redis
(ARCHITECTURE.md, "Production topology"). Login failures are in the database (django-axes).
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address of the client that sent ``request``: a str, or None if there is none
    (e.g. gunicorn on a Unix socket without a proxy; axes stores it as NULL).

    ``settings.KOFO_TRUSTED_PROXY_COUNT`` (env ``TRUSTED_PROXY_COUNT``) is how many reverse
    proxies we run in front of the application. 0 (default): ``REMOTE_ADDR``, and any
    ``X-Forwarded-For`` is ignored, since clients can send that header themselves. N > 0:
    each of our proxies appends the address it saw to ``X-Forwarded-For``, so the N-th entry
    from the right is the one our outermost proxy saw; entries further left are whatever
    the client claimed and are never used. A header with fewer entries than N (the request
    did not pass our proxies) or an entry that is no IP address falls back to ``REMOTE_ADDR``.
    """
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    count = settings.KOFO_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    return _address(hops[-count]) or remote


class Throttle:
    """At most ``limit`` hits per key within ``window_seconds`` (fixed window from the first)."""

    def __init__(self, scope, *, limit, window_seconds):
        self.scope = scope
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, key):
        return f"throttle:{self.scope}:{key}"

    def is_blocked(self, key):
        """True when ``key`` (str) has used up its hits in the current window."""
        return (cache.get(self._key(key)) or 0) >= self.limit

    def hit(self, key):
        """Count one hit for ``key``; returns the hits in the current window (int)."""
        cache_key = self._key(key)
        if cache.add(cache_key, 1, self.window_seconds):
            return 1
        try:
            return cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, self.window_seconds)
            return 1
