from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Willkommen bei KoFo"


@transaction.atomic
def ensure_site():
    """The page tree root, the home page and the default site, created if missing.

    Migrations create them on a new database (home 0002); this is for a database whose rows
    were flushed (the browser tests' live server, a wiped demo database).
    """
    from lms.roles import sync_role_permissions

    sync_role_permissions()
    home = HomePage.objects.first()
    if home is None:
        locale = (
            Locale.get_default()
            if Locale.objects.exists()
            else Locale.objects.create(language_code="de")
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", locale=locale)
        )
        home = HomePage(title=HOME_TITLE, slug="home", locale=locale)
        root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "KoFo"},
    )
    return home
