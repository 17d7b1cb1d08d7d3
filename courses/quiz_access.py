"""KoFo's rule for who may take a Lernkontrolle (``QUIZZES_ACCESS_POLICY`` points here).

A learner may take a quiz when a live module of a live course uses it, the learner is
actively enrolled in that course and the module is not locked for them (sequential mode).
Administrators and the course's responsible trainers may take it to try it out.

The quiz views ask on every request (issue 13: the hot path), so the learner's case is one
query (``learner_placements``) and a policy instance remembers its answer for the request.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Left, Length
from django.utils.translation import gettext as _

from quizzes.access import QuizAccessPolicy

from .models import CoursePage, Enrolment, ModulePage
from .selectors import is_administration, may_preview
from .services import is_locked
from .tree import parent_path


def context_key_of(module):
    """The ``Attempt.context_key`` of attempts taken for ``module`` (reports count by it)."""
    return CONTEXT_KEY.format(pk=module.pk)


CONTEXT_KEY = "module:{pk}"


def modules_using(quiz):
    """(module, course) pairs of the live modules in live courses that use ``quiz``."""
    modules = list(ModulePage.objects.live().filter(quiz=quiz).order_by("path"))
    courses = {
        course.path: course
        for course in CoursePage.objects.live().filter(
            path__in=[parent_path(m.path) for m in modules]
        )
    }
    return [
        (module, courses[parent_path(module.path)])
        for module in modules
        if parent_path(module.path) in courses
    ]


def learner_placements(user, quiz):
    """``[(module pk, course pk, course is sequential, refresher started at)]`` of the live
    modules using ``quiz`` in live courses ``user`` is actively enrolled in, in tree order;
    one query. The last item is the start (UTC) of the person's refresher cycle of that
    course (``Enrolment.cycle`` > 1), else None: attempts before it belong to an earlier cycle.
    """
    course = CoursePage.objects.live().filter(
        path=Left(OuterRef("path"), Length(OuterRef("path")) - CoursePage.steplen)
    )
    active = Enrolment.objects.filter(user=user, is_active=True, course_id=OuterRef("course_pk"))
    return list(
        ModulePage.objects.live()
        .filter(quiz=quiz)
        .annotate(
            course_pk=Subquery(course.values("pk")[:1]),
            sequential=Subquery(course.values("sequential")[:1]),
        )
        .filter(Exists(active))
        .annotate(
            refresher_from=Subquery(
                active.filter(cycle__gt=1).order_by("-cycle").values("enrolled_at")[:1]
            )
        )
        .order_by("path")
        .values_list("pk", "course_pk", "sequential", "refresher_from")
    )


def learner_module_pk(user, quiz):
    """The pk of the module through which ``user`` as a learner may take ``quiz``, or None.
    Sequential courses cost the queries of ``is_locked`` on top."""
    return _learner_placement(user, quiz)[0]


def _learner_placement(user, quiz):
    """(module pk, refresher started at) of ``learner_module_pk``; (None, None) if none."""
    if not user.is_authenticated:
        return None, None
    for module_pk, course_pk, sequential, refresher_from in learner_placements(user, quiz):
        if not sequential:
            return module_pk, refresher_from
        module = ModulePage.objects.get(pk=module_pk)
        if not is_locked(user=user, module=module, course=CoursePage.objects.get(pk=course_pk)):
            return module_pk, refresher_from
    return None, None


def learner_module(user, quiz):
    """The module through which ``user`` as a learner may take ``quiz``, or None."""
    pk = learner_module_pk(user, quiz)
    return ModulePage.objects.get(pk=pk) if pk is not None else None


def preview_module(user, quiz):
    """For people who may try the course out (``selectors.may_preview``): a module using
    ``quiz``, or None."""
    if not user.is_authenticated:
        return None
    for module, course in modules_using(quiz):
        if may_preview(user, course, module):
            return module
    return None


class CourseQuizAccessPolicy(QuizAccessPolicy):
    """With ``remember`` (an instance serving one request, ``access_policy(remember=True)``)
    it keeps the module it found per person and quiz, so refusal, context and return URL of
    the start page share one look-up."""

    def __init__(self):
        self._found = {}

    def _placement(self, user, quiz):
        key = (user.pk, quiz.pk)
        if key not in self._found or not self.remember:
            pk, refresher_from = _learner_placement(user, quiz)
            if pk is None:
                preview = preview_module(user, quiz)
                pk = preview.pk if preview is not None else None
            self._found[key] = (pk, refresher_from)
        return self._found[key]

    def _module_pk(self, user, quiz):
        return self._placement(user, quiz)[0]

    def attempts_count_from(self, user, quiz):
        """A refresher cycle (recertification) starts the attempt limit and waiting time
        afresh: the attempts of the completed cycle stay in the history but are not counted."""
        return self._placement(user, quiz)[1]

    def refusal(self, user, quiz):
        refusal = super().refusal(user, quiz)
        if refusal is not None:
            return refusal
        if self._module_pk(user, quiz) is not None:
            return None
        return _(
            "This Lernkontrolle belongs to a module you cannot open yet. Please enrol in "
            "the course and complete the modules before it."
        )

    def context_key(self, user, quiz):
        pk = self._module_pk(user, quiz)
        return CONTEXT_KEY.format(pk=pk) if pk is not None else ""

    def may_view_statistics(self, user, quiz):
        """The quiz's figures (statistics, item analysis) for the Administration and the
        responsible trainers of a course whose module uses it (drafts too: a course taken
        offline keeps the attempts made while it was live); a quiz no module uses yet, for
        everyone who may see attempts (it has no figures). Editing rights on a course page
        are not enough: authoring is not running the course."""
        if not super().may_view_statistics(user, quiz):
            return False
        modules = list(ModulePage.objects.filter(quiz=quiz).only("path"))
        if not modules or is_administration(user):
            return True
        return CoursePage.objects.filter(
            path__in=[parent_path(m.path) for m in modules], responsible_trainers=user
        ).exists()

    def return_url(self, user, quiz):
        pk = self._module_pk(user, quiz)
        return ModulePage.objects.get(pk=pk).url if pk is not None else None
