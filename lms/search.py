"""Wagtail's database search backend, with search text that cannot break the query.

Every search box (the catalogue, the admin listings of people, organisations, quizzes, pages)
ends in this backend. On SQLite, modelsearch wraps each search term in FTS5 double quotes
without escaping the quotes inside, so ``?q="`` raised "unterminated string" (HTTP 500;
upstream: wagtail/wagtail#13227); we escape them the FTS5 way (``""``). PostgreSQL refuses
NUL characters in text parameters; a NUL becomes U+FFFD, which matches nothing. The text
keeps its length, so no search turns into an "empty" one (Wagtail's listings fail on those).

Configured in settings as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.search"}}``.
"""

import functools
import unicodedata

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

from lms.inputs import normalise_text

_NUL = str.maketrans({"\x00": "\ufffd"})
_NUL_AND_QUOTES = str.maketrans({"\x00": "\ufffd", '"': '""'})


def clean_search_text(text, *, fts5=False):
    """``text`` (str) -> the same text without NUL characters and, for SQLite FTS5
    (``fts5=True``), with double quotes escaped."""
    return text.translate(_NUL_AND_QUOTES if fts5 else _NUL)


# Letters without a Unicode decomposition that people type as their base letter: Turkish
# dotless ı ("Yıldız" typed "yildiz"), ø, ł, đ, æ/œ (folded to two letters like ß -> ss).
_BASE_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})
# German umlauts typed without them ("Rueckkehr"): applied to both sides after the
# diacritics are gone, so "Rückkehr" and "Rueckkehr" both become "ruckkehr".
_TRANSCRIBED = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def search_fold(text):
    """``text`` (str) in the form search compares it (str): ``lms.inputs.normalise_text`` (NFKC,
    case folding, whitespace), then without diacritics ("Müller" -> "muller", "Yıldız" ->
    "yildiz", "İpek" -> "ipek") and with German transcriptions folded ("ue" -> "u").

    Only ever compare a folded text with a folded text: the folding is lossy on purpose
    ("Bauer" -> "baur" on both sides). Source for the diacritics step: Unicode canonical
    decomposition (NFD) with the combining marks (category Mn) dropped.
    """
    decomposed = unicodedata.normalize("NFD", normalise_text(text))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    bare = bare.translate(_BASE_LETTERS)
    for written, folded in _TRANSCRIBED:
        bare = bare.replace(written, folded)
    return bare


def folded_match(query, *texts):
    """True when every word of ``query`` occurs (folded, anywhere, also inside compounds:
    "Rückkehr" in "Berufsrückkehr") in one of ``texts`` joined; an empty query matches."""
    haystack = " ".join(search_fold(text or "") for text in texts)
    return all(word in haystack for word in search_fold(query).split())


class _CleanQueries:
    fts5 = False

    def _clean(self, query):
        if isinstance(query, str):
            return clean_search_text(query, fts5=self.fts5)
        if isinstance(query, PlainText | Phrase):
            query.query_string = clean_search_text(query.query_string, fts5=self.fts5)
        for sub in getattr(query, "subqueries", ()):
            self._clean(sub)
        for name in ("subquery", "subquery_a", "subquery_b"):
            if getattr(query, name, None) is not None:
                self._clean(getattr(query, name))
        return query

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = self._clean(query)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def _with_clean_queries(backend_class):
    fts5 = "sqlite" in backend_class.__module__
    return type(backend_class.__name__, (_CleanQueries, backend_class), {"fts5": fts5})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The database backend for the current database (modelsearch picks SQLite FTS5,
    PostgreSQL or the fallback), with cleaned search text."""
    return _with_clean_queries(type(database_backend(params)))(params)
