"""The completion rule and its re-evaluation (re-exported by ``courses.services``).

Completion is a rule over inputs that change: live required modules (added, removed,
unpublished, moved, made optional or required), quiz passes and manual completions. Whenever
an input changes, ``course_completion_reevaluate`` applies the rule to the open enrolments.
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from .models import Enrolment, ModuleCompletion, ModulePage
from .signals import course_completed


def completion_fulfilled(*, required_ids, done_ids):
    """The completion rule, in one place: a course is complete for a person when it has at
    least one live required module and the person completed every one of them."""
    return bool(required_ids) and set(required_ids) <= set(done_ids)


# Enrolments locked and updated per transaction: 5 queries per batch whatever its size.
REEVALUATE_BATCH_SIZE = 500


def course_completion_reevaluate(*, course, users=None, batch_size=REEVALUATE_BATCH_SIZE):
    """Complete every open, active enrolment of ``course`` (or of ``users`` only) whose person
    now fulfils the completion rule; run whenever an input of the rule changes (module added,
    removed, unpublished, moved, made optional or required; quiz pass; manual completion).

    A completion already reached is a historical fact and is never withdrawn: new required
    modules do not reopen it. Newly completed enrolments fire ``course_completed`` after
    commit (which issues the certificate). Queries: 1 for the modules, 1 for the candidate
    ids, then per batch of ``batch_size`` enrolments its transaction and at most 4 more
    (lock, completions, update, reload).
    Returns the list of newly completed enrolments.
    """
    required = set(
        ModulePage.objects.child_of(course)
        .live()
        .filter(is_required=True)
        .values_list("pk", flat=True)
    )
    if not required:
        return []
    candidates = Enrolment.objects.filter(course=course, is_active=True, completed_at__isnull=True)
    if users is not None:
        candidates = candidates.filter(user__in=[getattr(u, "pk", u) for u in users])
    ids = list(candidates.order_by("pk").values_list("pk", flat=True))
    completed = []
    for start in range(0, len(ids), batch_size):
        completed += _complete_batch(course, ids[start : start + batch_size], required)
    return completed


@transaction.atomic
def _complete_batch(course, enrolment_ids, required):
    locked = dict(
        Enrolment.objects.select_for_update()
        .filter(pk__in=enrolment_ids, completed_at__isnull=True)
        .values_list("pk", "user_id")
    )
    counts = (
        ModuleCompletion.objects.current()
        .filter(user_id__in=set(locked.values()), module_id__in=required)
        .values("user_id")
        .annotate(done=Count("module_id", distinct=True))
        .order_by()
    )
    fulfilled = {row["user_id"] for row in counts if row["done"] == len(required)}
    pks = [pk for pk, user_id in locked.items() if user_id in fulfilled]
    if not pks:
        return []
    now = timezone.now()
    Enrolment.objects.filter(pk__in=pks).update(completed_at=now)
    completed = list(Enrolment.objects.filter(pk__in=pks).select_related("user"))
    for enrolment in completed:
        enrolment.course = course  # one page instance for all (a Page is costly to build)
    for enrolment in completed:
        transaction.on_commit(
            lambda e=enrolment: course_completed.send(sender=Enrolment, enrolment=e)
        )
    return completed
