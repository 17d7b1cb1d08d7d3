"""Signal receivers of the courses app (connected in CoursesConfig.ready)."""

import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from quizzes.signals import attempt_passed

from .models import CompletionRule, CourseIndexPage, Enrolment, ModuleCompletion
from .templatetags.courses_tags import CATALOGUE_URL_CACHE_KEY

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
