from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms import deletion

from . import admin_exchange, admin_views, statistics
from .admin_item_analysis import ItemAnalysisView
from .models import QuestionCategory, Quiz
from .viewsets import QuizViewSetGroup

admin_urlpatterns = [
    path("bewerten/", admin_views.MarkingQueueView.as_view(), name="marking"),
    path(
        "bewerten/ergebnisse/",
        admin_views.MarkingQueueView.as_view(results_only=True),
        name="marking_results",
    ),
    path("bewerten/<int:pk>/", admin_views.mark, name="mark"),
    path("statistik/<int:pk>/", admin_views.quiz_statistics, name="statistics"),
    path("statistik/<int:pk>/aufgabenanalyse/", ItemAnalysisView.as_view(), name="item_analysis"),
    path("<int:pk>/fragen-importieren/", admin_exchange.import_questions, name="import_questions"),
    path(
        "<int:pk>/fragen-exportieren/<str:file_format>/",
        admin_exchange.export_questions,
        name="export_questions",
    ),
]


class MarkingMenuItem(MenuItem):
    """ "Answers to mark (3)": the count is what tells a trainer there is work waiting."""

    def is_shown(self, request):
        return request.user.has_perm("quizzes.mark_response")

    def render_component(self, request):
        component = super().render_component(request)
        count = statistics.responses_to_mark().count()
        component.label = _("Answers to mark (%(count)s)") % {"count": count}
        return component


@hooks.register("register_admin_viewset")
def register_quiz_viewsets():
    return QuizViewSetGroup()


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path(
            "lernkontrollen-auswertung/",
            include((admin_urlpatterns, "quizzes_admin"), namespace="quizzes_admin"),
        )
    ]


@hooks.register("register_quizzes_menu_item")
def register_marking_menu_item():
    return MarkingMenuItem(
        gettext_lazy("Answers to mark"),
        reverse("quizzes_admin:marking"),
        name="lernkontrollen-bewerten",
        icon_name="edit",
        order=10,
    )


@hooks.register("before_delete_snippet")
def keep_quiz_objects_with_records(request, instances):
    """Refuse (single and bulk) deletion of quizzes that attempts or modules still refer to,
    and of question categories that questions use, with a message naming what refers to them
    (kinds and counts, from a dry-run ``Collector``: lms.deletion) instead of a server error
    (``ProtectedError``). The engine knows nothing about who refers to it."""
    for model in (Quiz, QuestionCategory):
        objects = [instance for instance in instances if isinstance(instance, model)]
        references = deletion.protected_references(objects)
        if references:
            messages.error(request, _refusal(model, objects, references))
            return redirect(model.snippet_viewset.get_url_name("list"))
    return None


def _refusal(model, objects, references):
    values = {
        "titles": ", ".join(f"„{obj}“" for obj in objects),
        "kinds": ", ".join(f"{kind}: {count}" for kind, count in references),
    }
    if model is Quiz:
        return (
            _(
                "%(titles)s cannot be deleted: %(kinds)s refer to it, and results are kept "
                "as an exam record. Unpublish it instead, so nobody can start it any more."
            )
            % values
        )
    return (
        _(
            "%(titles)s cannot be deleted: %(kinds)s use it. Give those questions another "
            "category first."
        )
        % values
    )
