"""System checks of the quiz engine (registered in ``QuizzesConfig.ready``).

A wrong ``QUIZZES_ACCESS_POLICY`` or a project without the learner pages is said by
``manage.py check`` at start-up, as Django's ``contrib.auth`` checks its settings, instead of
being papered over at run time.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .access import QuizAccessPolicy


@register()
def check_access_policy(app_configs=None, **kwargs):
    """quizzes.E001: ``QUIZZES_ACCESS_POLICY`` cannot be imported; quizzes.E002: it is no
    subclass of ``quizzes.access.QuizAccessPolicy``."""
    dotted = getattr(settings, "QUIZZES_ACCESS_POLICY", "quizzes.access.QuizAccessPolicy")
    try:
        policy = import_string(dotted)
    except ImportError as error:
        return [
            Error(
                f"QUIZZES_ACCESS_POLICY {dotted!r} cannot be imported: {error}",
                hint="Point it at a subclass of quizzes.access.QuizAccessPolicy.",
                id="quizzes.E001",
            )
        ]
    if not (isinstance(policy, type) and issubclass(policy, QuizAccessPolicy)):
        return [
            Error(
                f"QUIZZES_ACCESS_POLICY {dotted!r} is no subclass of QuizAccessPolicy.",
                hint="Subclass quizzes.access.QuizAccessPolicy and override refusal().",
                id="quizzes.E002",
            )
        ]
    return []


@register()
def check_learner_pages(app_configs=None, **kwargs):
    """quizzes.E003: the learner pages (``quizzes.urls``, namespace "quizzes") are not in the
    URLconf, so links from modules and from the "marked" mail would lead nowhere."""
    try:
        reverse("quizzes:start", args=[1])
    except NoReverseMatch:
        return [
            Error(
                'The URL namespace "quizzes" is missing.',
                hint='Include quizzes.urls, e.g. path("lernkontrollen/", include("quizzes.urls")).',
                id="quizzes.E003",
            )
        ]
    return []
