"""Every URL the project defines, found by walking the resolver, with its parameters filled.

New views need no registration here: ``routes()`` walks ``get_resolver()`` (the learner site,
the admin views our apps register through hooks and viewsets, Wagtail's page route), and
``page_urls()`` walks the live page tree including each ``RoutablePageMixin`` sub-route.

Excluded, and only these: Wagtail's own core admin views (images, documents, collections,
workflows, sites, groups, redirects, Wagtail's reports, choosers, the admin API, the page
explorer, ``failwhale``/``test404`` which fail on purpose). A view under /verwaltung/ counts as
the project's when its code lives in one of our apps, when it is a generic view over one of our
models (ModelViewSet/SnippetViewSet), or when it is one of the Wagtail views that run our hooks
and models (``OURS_IN_WAGTAIL``): the page edit/delete/unpublish/usage views, bulk actions,
site settings and the dashboard.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize
from wagtail.contrib.routable_page.models import RoutablePageMixin

OUR_APPS = {"accounts", "organisations", "home", "courses", "quizzes", "certificates", "reports"}
OURS_IN_WAGTAIL = {
    "wagtailadmin_home",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:usage",
    "wagtail_bulk_action",
    "wagtailsettings:edit",
}
ADMIN_PREFIX = "verwaltung/"
HUGE_ID = "9" * 30
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "reports:completion", or the route text for nameless patterns
    parts: tuple  # the pattern objects from the root resolver down to the view
    model: object  # the model a generic admin view works on, if any
    accepts_post: bool = True  # False only for class-based views without a ``post``

    @property
    def text(self):
        return "".join(str(part) for part in self.parts)


def _model_of(callback):
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)
    return model if hasattr(model, "_meta") else None


def _accepts_post(callback):
    """Whether the view may handle a POST. A class-based view without ``post`` answers 405
    before its code runs; a function view may do anything, so it counts as accepting."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return True
    return "post" in view_class.http_method_names and hasattr(view_class, "post")


def _module_of(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def _walk(patterns, parts=(), namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, (*parts, pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            chain = (*parts, pattern.pattern)
            name = namespace + pattern.name if pattern.name else "".join(map(str, chain))
            route = Route(name, chain, _model_of(pattern.callback), _accepts_post(pattern.callback))
            yield route, pattern.callback


def _is_ours(route, callback):
    if not route.text.startswith(ADMIN_PREFIX):
        return True
    if _module_of(callback).split(".")[0] in OUR_APPS:
        return True
    if route.model is not None and route.model._meta.app_label in OUR_APPS:
        return True
    return route.name in OURS_IN_WAGTAIL


def routes():
    """(included, excluded): the project's routes and Wagtail's core admin routes left out."""
    included, excluded = [], []
    for route, callback in _walk(get_resolver().url_patterns):
        if route.name == "wagtail_serve":
            continue  # the page tree: see page_urls()
        (included if _is_ours(route, callback) else excluded).append(route)
    return included, excluded


class Filler:
    """Values for path parameters: existing ids (own and foreign), 0, a 30-digit id, and
    hostile strings. ``ids`` maps a model to its primary keys; ``pool`` is every id we know."""

    HOSTILE_STRINGS = ["x", "%00", "A" * 300, "%C3%A4%E2%80%AE", "..%2F..%2Fetc"]

    def __init__(self, world, ids):
        self.world = world
        self.ids = ids
        self.pool = sorted({pk for pks in ids.values() for pk in pks})

    def candidates(self, name, converter, model):
        """Values for one parameter, the "normal" one first."""
        if converter == "uuid":
            return [*self.world.uuids, str(uuid.UUID(int=7))]
        if converter == "int" or converter == r"\d+":
            known = self.ids.get(model) or self.pool
            return [str(pk) for pk in (known[0], known[-1])] + ["0", HUGE_ID]
        named = self.world.named.get(name)
        if name in ("code",):
            named = self.world.codes
        if name in ("pk", "object_id") and model is not None:
            # A model without rows still gets numeric ids first (answering 404).
            named = [str(pk) for pk in (self.ids.get(model) or self.pool)[:2]]
        return [*(named or []), *self.HOSTILE_STRINGS, HUGE_ID]

    def fill_part(self, pattern, model, choice):
        """One pattern piece with parameters filled; ``choice`` picks among candidates."""
        if isinstance(pattern, RoutePattern):

            def fill(match):
                values = self.candidates(match["name"], match["converter"] or "str", model)
                return values[min(choice, len(values) - 1)]

            return _ROUTE_PARAMETER.sub(fill, str(pattern))
        if isinstance(pattern, RegexPattern):
            regex = pattern.regex.pattern
            fmt, params = normalize(regex)[0]
            values = {}
            unnamed = re.findall(r"\((?!\?)([^)]*)\)", regex)  # Django names them _0, _1, …
            for param in params:
                group = re.search(rf"\(\?P<{param}>([^)]*)\)", regex)
                if group is None and param.startswith("_") and param[1:].isdigit():
                    index = int(param[1:])
                    group = ("", unnamed[index]) if index < len(unnamed) else None
                options = self.candidates(param, group[1] if group else "str", model)
                if group:
                    options = [v for v in options if re.fullmatch(group[1], v)] or options
                values[param] = options[min(choice, len(options) - 1)]
            return fmt % values
        raise TypeError(pattern)

    def urls(self, route, fills=4):
        """Up to ``fills`` distinct URLs for ``route`` that resolve to it."""
        found = []
        for choice in range(fills):
            url = "/" + "".join(self.fill_part(part, route.model, choice) for part in route.parts)
            if url not in found and _resolves(url):
                found.append(url)
        return found


def _resolves(url):
    try:
        resolve(url.split("?")[0].replace("%00", "\x00"))
    except Resolver404:
        return False
    return True


def page_urls(world, filler):
    """The live pages' URLs and, for routable pages, each of their sub-routes."""
    urls = ["/gibt-es-nicht/"]
    for page in world.pages:
        base = page.url
        urls.append(base)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                for choice in range(3):
                    sub = filler.fill_part(pattern.pattern, None, choice)
                    if base + sub not in urls:
                        urls.append(base + sub)
    return urls
