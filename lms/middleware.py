from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class GermanFirstLocaleMiddleware(LocaleMiddleware):
    """German unless the person chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, so an
    English browser in a German Jobcenter would get a half-English site; we only follow
    the explicit choice stored in the language cookie.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``KOFO_ADMIN_CSP_REPLACE`` applied under the Wagtail
    admin (the path of ``wagtailadmin_home``): the admin needs a looser policy than the
    learner site. A view's own ``@csp_replace`` still wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.replace is None and request.path.startswith(reverse("wagtailadmin_home")):
            parts.replace = settings.KOFO_ADMIN_CSP_REPLACE
        return parts
