from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The Kooperationsnetz (issue #16 item 6): opt-in contact cards of people who completed a
    cooperative course, and the directory where logged-in people find each other.

    Layering: events <- network <- certificates. It reads courses (completions) and events
    (what makes a course cooperative) and nothing above; lower apps link to it only through
    their hooks (courses_completed_actions, accounts_profile_sections).
    """

    name = "network"
    verbose_name = _("Cooperation network")

    def ready(self):
        from .personal_data import register

        register()
