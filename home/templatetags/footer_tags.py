"""The footer's legal links (Impressum, Datenschutz, Barrierefreiheit), cached.

The footer is on every page; reading ``settings.home.FooterLinks`` there costs a site lookup,
the setting's row and one query per linked page on each request. The links change rarely:
``home.receivers`` clears the cache when the setting, a page or a site is saved, deleted or
moved.
"""

from django import template
from django.core.cache import cache
from django.db import transaction

register = template.Library()

CACHE_PREFIX = "home:footer_links"
LINKS = ("imprint", "privacy", "accessibility")


VERSION_KEY = f"{CACHE_PREFIX}:version"


def cache_key(request):
    # Per host: a link is relative on its own site and absolute from another one.
    version = cache.get_or_set(VERSION_KEY, 1, None)
    return f"{CACHE_PREFIX}:{version}:{request.get_host() if request is not None else ''}"


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def forget_footer_links():
    """Invalidate the cached links of every host (a new version makes old keys unused);
    again on commit, as a request may have cached the old links before the change committed."""
    _bump()
    transaction.on_commit(_bump)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """``{"imprint": url or None, "privacy": …, "accessibility": …}`` for this request's site."""
    request = context.get("request")
    key = cache_key(request)
    links = cache.get(key)
    if links is None:
        from wagtail.models import Site

        from ..models import FooterLinks

        site = Site.find_for_request(request) if request is not None else None
        setting = FooterLinks.for_site(site) if site is not None else None
        links = {}
        for name in LINKS:
            page = getattr(setting, name) if setting is not None else None
            links[name] = page.get_url(request=request) if page is not None else None
        cache.set(key, links, 3600)
    return links
