from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        import lms.checks  # noqa: F401  (SITE_URL is baked into every certificate)

        from . import receivers  # noqa: F401
        from .personal_data import register

        register()
