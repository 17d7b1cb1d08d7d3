"""The footer's legal links are cached (home.templatetags.footer_tags) and follow every
change of the setting and of the linked pages at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import FooterLinks, HomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def footer(client):
    return client.get("/konto/profil/").text.split('<footer class="site-footer">')[1]


def legal_page(slug):
    home = HomePage.objects.get()
    return home.add_child(instance=HomePage(title=slug.title(), slug=slug))


def test_links_follow_the_setting_and_the_pages(client):
    client.force_login(UserFactory())
    assert "Impressum" not in footer(client)
    links = FooterLinks.for_site(Site.objects.get(is_default_site=True))
    links.imprint = legal_page("impressum")
    links.save()
    assert 'href="/impressum/">Impressum' in footer(client)
    # A warm footer asks the database nothing.
    with CaptureQueriesContext(connection) as queries:
        footer(client)
    assert not [q for q in queries.captured_queries if "footerlinks" in q["sql"]]
    page = links.imprint
    page.slug = "anbieterkennzeichnung"
    page.save_revision().publish()
    assert 'href="/anbieterkennzeichnung/">Impressum' in footer(client)
    links.imprint = None
    links.save()
    assert "Impressum" not in footer(client)
