"""Who may take a quiz, and where a learner goes back to afterwards.

The quiz engine knows nothing about courses. A project decides who may take which quiz by
pointing ``QUIZZES_ACCESS_POLICY`` at a subclass of ``QuizAccessPolicy`` (KoFo's lives in
``courses.quiz_access``: only learners enrolled in a course whose module uses the quiz).
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class QuizAccessPolicy:
    """Default: any logged-in person may take a published quiz."""

    remember = False  # see access_policy()

    def refusal(self, user, quiz):
        """``None`` when ``user`` may start or continue ``quiz``; else a message saying why not."""
        if not user.is_authenticated:
            return _("Please log in to take this Lernkontrolle.")
        if not quiz.live:
            return _("This Lernkontrolle is not available.")
        return None

    def context_key(self, user, quiz):
        """A short label (at most 100 characters) of where ``user`` takes ``quiz`` now, stored
        on the attempt so reports can count per context (e.g. a course module); "" if none."""
        return ""

    def attempts_count_from(self, user, quiz):
        """An aware datetime (UTC) from which ``user``'s attempts at ``quiz`` count against
        the attempt limit and the waiting time, or ``None`` for all of them. A project starts a
        new round with it (KoFo: a recertification cycle); earlier attempts stay in the history.
        """
        return None

    def may_view_statistics(self, user, quiz):
        """True when ``user`` may see the aggregated figures of ``quiz`` (statistics, item
        analysis; no names in them). Default: the ``quizzes.view_attempt`` permission, for
        every quiz; a project may narrow it (e.g. to the quizzes of a trainer's courses)."""
        return user.has_perm("quizzes.view_attempt")

    def return_url(self, user, quiz):
        """Where "back" leads from the quiz pages (e.g. the module it belongs to), or ``None``."""
        return None


@cache
def _policy_class(dotted_path):
    return import_string(dotted_path)


def access_policy(*, remember=False):
    """A new instance of the configured policy. ``remember=True``: the instance serves one
    request, so it may keep what it looked up (a view asks refusal, context and return URL
    of the same person and quiz); without it, every question is answered afresh."""
    dotted = getattr(settings, "QUIZZES_ACCESS_POLICY", "quizzes.access.QuizAccessPolicy")
    policy = _policy_class(dotted)()
    policy.remember = remember
    return policy
