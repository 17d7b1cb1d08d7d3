from django import template
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

register = template.Library()


@register.simple_tag
def stored_embed(video):
    """The embed Wagtail stored when the editor saved the block, or ``None``.

    Never asks the provider: rendering a module must not wait on (or leak to) the network.
    Wagtail fetches and stores the embed when the block is validated in the editor; a
    missing row means the learner gets a plain link instead of the player.
    """
    url = getattr(video, "url", None)
    if not url:
        return None
    return Embed.objects.filter(hash=get_embed_hash(url)).only("html", "provider_name").first()


@register.filter
def lookup(mapping, key):
    """``{{ answers|lookup:block.id }}``: a dict entry in a template (None if missing)."""
    if not mapping:
        return None
    return mapping.get(key)


CATALOGUE_URL_CACHE_KEY = "courses:catalogue_url"


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """The catalogue's URL for the main navigation, cached: the header is on every page and
    should not cost a query each time (receivers clear the cache when the catalogue changes)."""
    from django.core.cache import cache

    from ..models import CourseIndexPage

    url = cache.get(CATALOGUE_URL_CACHE_KEY)
    if url is None:
        catalogue = CourseIndexPage.objects.live().public().first()
        url = (catalogue.get_url(context.get("request")) or "") if catalogue else ""
        cache.set(CATALOGUE_URL_CACHE_KEY, url, 3600)
    return url
