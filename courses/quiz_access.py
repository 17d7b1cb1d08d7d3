"""KoFo's rule for who may take a Lernkontrolle (``QUIZZES_ACCESS_POLICY`` points here).

A learner may take a quiz when a live module of a live course uses it, the learner is
actively enrolled in that course and the module is not locked for them (sequential mode).
Administrators and the course's responsible trainers may take it to try it out.
"""

from django.utils.translation import gettext as _

from quizzes.access import QuizAccessPolicy

from .models import CoursePage, Enrolment, ModulePage
from .selectors import may_preview
from .services import is_locked
from .tree import parent_path


def context_key_of(module):
    """The ``Attempt.context_key`` of attempts taken for ``module`` (reports count by it)."""
    return f"module:{module.pk}"


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


def learner_module(user, quiz):
    """The module through which ``user`` as a learner may take ``quiz``, or None."""
    if not user.is_authenticated:
        return None
    pairs = modules_using(quiz)
    enrolled = set(
        Enrolment.objects.filter(
            user=user, is_active=True, course__in=[course.pk for _m, course in pairs]
        ).values_list("course_id", flat=True)
    )
    for module, course in pairs:
        if course.pk in enrolled and not is_locked(user=user, module=module, course=course):
            return module
    return None


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
    def refusal(self, user, quiz):
        refusal = super().refusal(user, quiz)
        if refusal is not None:
            return refusal
        if learner_module(user, quiz) or preview_module(user, quiz):
            return None
        return _(
            "This Lernkontrolle belongs to a module you cannot open yet. Please enrol in "
            "the course and complete the modules before it."
        )

    def context_key(self, user, quiz):
        module = learner_module(user, quiz) or preview_module(user, quiz)
        return context_key_of(module) if module is not None else ""

    def return_url(self, user, quiz):
        module = learner_module(user, quiz) or preview_module(user, quiz)
        return module.url if module is not None else None
