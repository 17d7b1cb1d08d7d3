"""The crawler: sends each request, rolls its writes back, and records every server error.

A fault is an HTTP 500 (the exception captured through ``got_request_exception``) or an
exception while streaming a response body. Each request runs in a savepoint that is rolled
back, so a hostile POST (delete, log out, change a password) never changes what the next
request sees, and a database error cannot poison the rest of the run on PostgreSQL.
"""

import logging
import random
import re
import traceback
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.test import Client

from . import payloads

# The pages' own assets are fine; these tags make a browser fetch from another host.
_EMBED = re.compile(
    rb"<(script|img|iframe|source|video|audio|embed|object|track|link)\b([^>]*)>", re.I
)
_ATTR = re.compile(rb"\b(src|href|data|poster|srcset)\s*=\s*[\"']([^\"']*)[\"']", re.I)
# A <template> is inert until script uses it: the two-click video keeps its player there.
_TEMPLATE = re.compile(rb"<template\b.*?</template>", re.I | re.S)
_LOADED_LINKS = {b"stylesheet", b"icon", b"preload", b"prefetch", b"modulepreload", b"manifest"}


class _Rollback(Exception):
    pass


@dataclass
class Fault:
    method: str
    url: str
    role: str
    payload: str
    error: str

    @property
    def kind(self):
        """The exception's last line and the innermost frame of project code."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        ours = [
            line
            for line in lines
            if line.strip().startswith('File "/') and "site-packages" not in line
        ]
        return (lines[-1] if lines else "", ours[-1] if ours else "")

    def __str__(self):
        tail = "\n".join(self.error.strip().splitlines()[-12:])
        return f"{self.method} {self.url} as {self.role} with {self.payload}:\n{tail}"


@dataclass
class Crawler:
    role: str
    user: object = None
    csrf: bool = False
    seed: int = payloads.SEED
    faults: list = field(default_factory=list)
    external: set = field(default_factory=set)
    requests: int = 0

    def __post_init__(self):
        self.rng = random.Random(f"{self.seed}-{self.role}")
        self.client = Client(raise_request_exception=False, enforce_csrf_checks=self.csrf)
        if self.user is not None:
            self.client.force_login(self.user)

    def send(self, method, url, data=None):
        """One request; returns the response (or None after a fault in a streamed body)."""
        self.requests += 1
        session = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.CRITICAL)  # a 500 is recorded here, not printed
        response = None
        try:
            with transaction.atomic():
                response = getattr(self.client, method.lower())(url, data or {})
                if response.streaming:
                    b"".join(response.streaming_content)
                raise _Rollback
        except _Rollback:
            pass
        except Exception:  # noqa: BLE001 - a fault in a streamed body is what we look for
            self._fault(method, url, data, traceback.format_exc())
            response = None
        finally:
            request_log.setLevel(level)
            # The savepoint took back the session rows; a logout must not stick in the cookie.
            if session is not None:
                self.client.cookies[settings.SESSION_COOKIE_NAME] = session
            else:
                self.client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        if response is not None:
            if response.status_code >= 500:
                self._fault(method, url, data, _explain(response))
            elif not response.streaming and "html" in response.get("Content-Type", ""):
                self._scan_external(url, response.content)
        return response

    def _fault(self, method, url, data, error):
        shown = {
            k: (v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v)
            for k, v in (data or {}).items()
        }
        self.faults.append(Fault(method, url[:300], self.role, repr(shown)[:400], error))

    def _scan_external(self, url, content):
        for tag, attrs in _EMBED.findall(_TEMPLATE.sub(b"", content)):
            if tag.lower() == b"link":
                rel = re.search(rb"\brel\s*=\s*[\"']([^\"']*)[\"']", attrs, re.I)
                if not rel or not set(rel.group(1).lower().split()) & _LOADED_LINKS:
                    continue
            for _name, value in _ATTR.findall(attrs):
                for candidate in value.split(b","):
                    target = candidate.strip().split(b" ")[0].decode("utf-8", "replace")
                    host = urlsplit(target).netloc
                    if host and host not in ("testserver",):
                        self.external.add((url, target[:120]))

    def crawl(self, url, posts=True):
        """GET the URL, then a hostile query and three hostile bodies built from its fields
        (the budget: 5 requests per URL and role, 2 without POSTs)."""
        first = self.send("GET", url)
        fields = []
        if first is not None and first.status_code == 200 and not first.streaming:
            fields = payloads.field_names(first.content)
        arrays = self.rng.random() < 0.5
        self.send("GET", _with_query(url, payloads.query(self.rng, fields, arrays=arrays)))
        if posts:
            self.send("POST", url, {})
            self.send("POST", url, payloads.scalar_body(self.rng, fields))
            self.send("POST", url, payloads.array_body(self.rng, fields))
        return fields


def _with_query(url, params):
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params, doseq=True)}"


def _explain(response):
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        return "".join(traceback.format_exception(*exc_info))
    return f"HTTP {response.status_code}"
