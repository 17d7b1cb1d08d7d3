"""Signal receivers of the courses app (connected in CoursesConfig.ready)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CourseIndexPage
from .templatetags.courses_tags import CATALOGUE_URL_CACHE_KEY


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
