"""Background work of the courses app: thin wrappers that load by id and call a service."""

from django_tasks import task


@task()
def reevaluate_course_completion(course_id):
    """Re-evaluate completion for every open enrolment of the course (``course_id``: int);
    a course that no longer exists has nothing to re-evaluate."""
    from .models import CoursePage
    from .services import course_completion_reevaluate

    course = CoursePage.objects.filter(pk=course_id).first()
    if course is not None:
        course_completion_reevaluate(course=course)
