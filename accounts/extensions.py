"""Extension points of the accounts app.

accounts sits low in the layers (ARCHITECTURE.md: dependencies point one way), so what a
higher app shows on the person's profile (certificates: "certificates with your previous
name") comes through a Wagtail hook the app registers, as ``construct_homepage_panels`` does.
"""

from django.utils.safestring import SafeString
from wagtail import hooks

PROFILE_SECTIONS = "accounts_profile_sections"
"""Hook name. A registered function takes the ``request`` (its user is the profile's owner)
and returns HTML (a safe string) to show on the profile below the form, or ``""``."""


def profile_sections(request) -> list[SafeString]:
    """The non-empty sections other apps add to ``request.user``'s profile, in hook order."""
    return [html for hook in hooks.get_hooks(PROFILE_SECTIONS) if (html := hook(request))]
