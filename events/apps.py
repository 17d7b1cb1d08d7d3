from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """In-person and online sessions (Termine) of a course: offerings, registration, waiting
    list, calendars, attendance. Layering: courses <- events <- certificates <- reports."""

    name = "events"
    verbose_name = _("Sessions (Termine)")

    def ready(self):
        from . import receivers  # noqa: F401
        from .personal_data import register

        register()
