"""Hostile input: query strings and POST bodies built from a page's own field names.

Everything is drawn from one ``random.Random(SEED)``, so a failing request can be replayed.
"""

import re

from .urls import HUGE_ID

SEED = 20261130
LONG = "A" * 100_000
SCALARS = [
    "",
    "\x00",
    "a\x00b",
    "NaN",
    "-Infinity",
    "1e309",
    HUGE_ID,
    "-" + HUGE_ID,
    "-1",
    "0",
    "1.5",
    "true",
    '"',
    "'\"<>%",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "ä\u202eß",
    "%",
    "../../etc/passwd",
    "2026-02-31",
    "31.12.99999",
    "[]",
    "{}",
]
COMMON_KEYS = ["q", "p", "ordering", "course", "organisation", "region", "status", "next"]
EXPORTS = ["csv", "xlsx", "pdf", "\x00"]
_FIELD = re.compile(rb"<(?:input|select|textarea|button)\b[^>]*?\bname=\"([^\"]{1,80})\"", re.I)
SKIP_FIELDS = {"csrfmiddlewaretoken"}


def field_names(content, limit=40):
    """The names of the form fields in an HTML page, in document order, without duplicates."""
    names = []
    for match in _FIELD.finditer(content or b""):
        name = match.group(1).decode("utf-8", "replace")
        if name not in names and name not in SKIP_FIELDS:
            names.append(name)
    return names[:limit]


def scalar_body(rng, fields):
    """Every field once, with a hostile scalar (NaN, quotes, dates, …); the first field gets
    a NUL and the second a 30-digit id, so every form meets both."""
    names = fields or COMMON_KEYS
    body = {name: rng.choice(SCALARS) for name in names}
    for name, value in zip(names, ("a\x00b", HUGE_ID), strict=False):
        body[name] = value
    return body


def array_body(rng, fields):
    """Arrays where scalars are expected, overflowing and foreign ids, one 100,000-char value."""
    body = {}
    for index, name in enumerate(fields or COMMON_KEYS):
        body[name] = [rng.choice(SCALARS), HUGE_ID, str(rng.randint(1, 60))]
        if index == 0:
            body[name] = LONG
    return body


def query(rng, fields, arrays=False):
    """A hostile query string over the page's fields and the usual filter keys."""
    keys = list(dict.fromkeys([*fields[:15], *COMMON_KEYS]))
    params = []
    for key in keys:
        if arrays:
            params += [(key, HUGE_ID), (key, rng.choice(SCALARS))]
        else:
            params.append((key, rng.choice(SCALARS)))
    params.append(("export", rng.choice(EXPORTS)))
    return params
