"""Signal receivers of the courses app (connected in CoursesConfig.ready)."""

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from quizzes.signals import attempt_passed

from .models import (
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
)
from .templatetags.courses_tags import CATALOGUE_URL_CACHE_KEY
from .tree import parent_path

logger = logging.getLogger(__name__)


@receiver(page_published, sender=CourseIndexPage, dispatch_uid="courses_catalogue_published")
@receiver(page_unpublished, sender=CourseIndexPage, dispatch_uid="courses_catalogue_unpublished")
@receiver(post_save, sender=CourseIndexPage, dispatch_uid="courses_catalogue_saved")
@receiver(post_delete, sender=CourseIndexPage, dispatch_uid="courses_catalogue_deleted")
def forget_catalogue_url(sender, **kwargs):
    cache.delete(CATALOGUE_URL_CACHE_KEY)


@receiver(post_page_move, dispatch_uid="courses_catalogue_moved")
def forget_catalogue_url_on_move(sender, **kwargs):
    # Moving the catalogue or any of its ancestors changes its URL; moves are rare.
    cache.delete(CATALOGUE_URL_CACHE_KEY)


@receiver(attempt_passed, dispatch_uid="courses_complete_module_on_quiz_pass")
def complete_modules_on_quiz_pass(sender, attempt, **kwargs):
    """A passed Lernkontrolle completes the live modules that require it (rule "quiz")
    in the courses the learner is actively enrolled in."""
    from .quiz_access import modules_using
    from .services import CourseError, module_complete

    for module, course in modules_using(attempt.quiz):
        if module.completion_rule != CompletionRule.QUIZ:
            continue
        if not Enrolment.objects.filter(user=attempt.user, course=course, is_active=True).exists():
            continue
        try:
            module_complete(user=attempt.user, module=module, via=ModuleCompletion.Via.QUIZ)
        except CourseError:
            # Locked in a sequential course (e.g. enrolled after starting): nothing to record;
            # the access policy keeps this from happening for new attempts.
            logger.info(
                "Quiz pass not recorded for module %s (user %s)", module.pk, attempt.user_id
            )


def _reevaluate_later(course_path):
    """Queue the completion re-evaluation of the course at ``course_path`` after commit."""
    from .tasks import reevaluate_course_completion

    course_id = CoursePage.objects.filter(path=course_path).values_list("pk", flat=True).first()
    if course_id is not None:
        transaction.on_commit(lambda: reevaluate_course_completion.enqueue(course_id=course_id))


@receiver(page_published, sender=ModulePage, dispatch_uid="courses_reevaluate_on_publish")
@receiver(page_unpublished, sender=ModulePage, dispatch_uid="courses_reevaluate_on_unpublish")
@receiver(post_delete, sender=ModulePage, dispatch_uid="courses_reevaluate_on_delete")
def reevaluate_on_module_change(sender, instance, **kwargs):
    """A module was added, changed (required/optional), unpublished or deleted: the
    completion rule of its course has new inputs."""
    _reevaluate_later(parent_path(instance.path))


@receiver(post_page_move, sender=ModulePage, dispatch_uid="courses_reevaluate_on_move")
def reevaluate_on_module_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A module moved between courses changes the rule of both (within one course, the
    order does not change completion, but re-evaluating is cheap and harmless)."""
    for parent in {parent_page_before.path, parent_page_after.path}:
        _reevaluate_later(parent)
