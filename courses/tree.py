"""Page-tree arithmetic: the one home of "the course of a module" and "the modules of a course".

A module is a child of its course page. Wagtail's treebeard paths grow by ``Page.steplen``
characters (alphabet ``Page.alphabet``) per level, so a module's course has the module's path
without its last step, and a course's modules are the paths in ``(P, P + last step]`` one level
deeper. These work as plain strings (one row) and as SQL expressions (many rows, one query).
"""

from django.db.models import Value
from django.db.models.functions import Concat, Length, Substr
from wagtail.models import Page

_LAST_STEP = Page.alphabet[-1] * Page.steplen


def parent_path(path: str) -> str:
    """The path of the page whose child has ``path`` (a module's → its course's)."""
    return path[: -Page.steplen]


def parent_path_expression(field: str = "path"):
    """SQL for ``parent_path`` of the path in ``field`` (e.g. ``"module__path"``; an
    ``OuterRef`` works too), to group or join many rows by their course in one query."""
    return Substr(field, 1, Length(field) - Page.steplen)


def children_lookups(path, depth, prefix: str = "") -> dict:
    """Filter lookups for pages (at ``prefix``, e.g. ``"module__"``) that are children of the
    page with ``path`` and ``depth`` (plain values or ``OuterRef``s, e.g. of an enrolment's
    course): the paths in ``(path, path + last step]`` at ``depth + 1``."""
    return {
        f"{prefix}path__gt": path,
        f"{prefix}path__lte": Concat(path, Value(_LAST_STEP)),
        f"{prefix}depth": depth + 1,
    }
