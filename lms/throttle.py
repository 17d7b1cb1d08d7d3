"""Counting failed attempts per key in the cache, to slow down guessing.

Used for logins (and any other look-up people could brute-force). The default cache is
per process; production with several workers should configure a shared cache (README).
"""

from django.core.cache import cache


def client_ip(request):
    # REMOTE_ADDR only: X-Forwarded-For is set by clients too and cannot be trusted here.
    return request.META.get("REMOTE_ADDR", "unknown")


class Throttle:
    def __init__(self, scope, *, limit, window_seconds):
        self.scope = scope
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, key):
        return f"throttle:{self.scope}:{key}"

    def is_blocked(self, key):
        return cache.get(self._key(key), 0) >= self.limit

    def hit(self, key):
        cache_key = self._key(key)
        if cache.add(cache_key, 1, self.window_seconds):
            return 1
        try:
            return cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, self.window_seconds)
            return 1

    def reset(self, key):
        cache.delete(self._key(key))


login_throttle = Throttle("login", limit=10, window_seconds=15 * 60)
