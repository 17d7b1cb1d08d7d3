"""Counts failed verification look-ups per client address (``lms.throttle.client_ip``)."""

from lms.throttle import Throttle, client_ip

MAX_FAILURES = 10
WINDOW_SECONDS = 10 * 60

_failures = Throttle(
    "certificates:verify-failures", limit=MAX_FAILURES, window_seconds=WINDOW_SECONDS
)


def is_throttled(request):
    return _failures.is_blocked(client_ip(request))


def record_failure(request):
    _failures.hit(client_ip(request))
