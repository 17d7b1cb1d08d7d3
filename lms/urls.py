from django.conf import settings
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.snippets import bulk_action_view

urlpatterns = [
    # Before Wagtail's own route of the same path: the ids are checked first (lms.snippets).
    path(
        "verwaltung/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        bulk_action_view,
        name="kofo_bulk_action",
    ),
    path("verwaltung/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("konto/", include("accounts.urls")),
    path("bescheinigungen/", include("certificates.urls")),
    path("lernkontrollen/", include("quizzes.urls")),
    path("kalender/", include("events.urls")),
    path("netzwerk/", include("network.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
