"""Wagtail's database search backend, with search text that cannot break the query.

Every search box (the catalogue, the admin listings of people, organisations, quizzes, pages)
ends in this backend. On SQLite, modelsearch wraps each search term in FTS5 double quotes
without escaping the quotes inside, so ``?q="`` raises "unterminated string" (HTTP 500;
upstream: wagtail/wagtail#13227). A NUL character is refused by PostgreSQL text parameters.
We drop both from the search text here, once, for every caller.

Configured in settings as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.search"}}``.
"""

import functools

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

_UNSAFE = str.maketrans({'"': " ", "\x00": " "})


def clean_search_text(text):
    """``text`` (str) -> the same text without double quotes and NUL characters."""
    return text.translate(_UNSAFE)


def _clean(query):
    if isinstance(query, str):
        return clean_search_text(query)
    if isinstance(query, PlainText | Phrase):
        query.query_string = clean_search_text(query.query_string)
    for sub in getattr(query, "subqueries", ()):
        _clean(sub)
    for name in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, name, None) is not None:
            _clean(getattr(query, name))
    return query


class _CleanQueries:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = _clean(query)
        if isinstance(query, str) and not query.strip():
            query = ""
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def _with_clean_queries(backend_class):
    return type(backend_class.__name__, (_CleanQueries, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The database backend for the current database (modelsearch picks SQLite FTS5,
    PostgreSQL or the fallback), with cleaned search text."""
    return _with_clean_queries(type(database_backend(params)))(params)
