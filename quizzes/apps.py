from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Lernkontrollen")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .personal_data import register

        register()
