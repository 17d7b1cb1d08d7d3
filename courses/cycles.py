"""Enrolment cycles: a refresher (recertification) starts a new cycle of a completed course.

A cycle is one ``Enrolment`` row (``cycle`` 1, 2, …) per person and course. Starting a cycle
never changes the completed one: its completion, organisation and certificate stay as they
are (history). The person's module completions of that course are archived
(``ModuleCompletion.superseded_at``) so the new cycle starts at 0 %; they stay stored.
Which completions are due for a refresher is decided by ``certificates.recertification``
(the certificate's ``valid_until`` is the record); this module only writes.
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.models import Page

from .models import Enrolment, ModuleCompletion

# Enrolments handled per transaction in ``enrolment_cycles_start``: 7 queries per batch.
CYCLE_BATCH_SIZE = 200


def enrolment_cycles_start(*, due_dates, assigned_by=None, batch_size=CYCLE_BATCH_SIZE):
    """Start the next cycle of each completed enrolment in ``due_dates``.

    ``due_dates``: {enrolment id: due date (a local ``date``, e.g. the certificate's
    ``valid_until``) or None}. An enrolment that is not completed, or whose person already
    has a later cycle of the course, is skipped, so running this twice (or in two processes
    at once) creates each cycle once: the completed enrolments are locked
    (``select_for_update``) before the later cycles are looked up, and the unique constraints
    ``courses_unique_enrolment_cycle`` / ``courses_one_open_enrolment`` back that up.
    The new enrolment is recorded in the person's current organisation.
    Queries: at most 7 per batch of ``batch_size`` (transaction, lock with the people's
    organisations, later cycles, course paths, insert, archive of the module completions).
    Returns the new enrolments.
    """
    ids = sorted(due_dates)
    started = []
    for first in range(0, len(ids), batch_size):
        batch = {pk: due_dates[pk] for pk in ids[first : first + batch_size]}
        started += _start_batch(batch, assigned_by)
    return started


@transaction.atomic
def _start_batch(due_dates, assigned_by):
    # of=("self",): lock the enrolments, not the joined people and courses.
    locked = list(
        Enrolment.objects.select_for_update(of=("self",))
        .filter(pk__in=list(due_dates), completed_at__isnull=False)
        .select_related("user")
        .only("pk", "user_id", "course_id", "cycle", "user__organisation_id")
        .order_by("pk")
    )
    if not locked:
        return []
    newest = {
        (row["user_id"], row["course_id"]): row["newest"]
        for row in Enrolment.objects.filter(
            user_id__in={e.user_id for e in locked}, course_id__in={e.course_id for e in locked}
        )
        .values("user_id", "course_id")
        .annotate(newest=Max("cycle"))
        .order_by()
    }
    due = [e for e in locked if newest.get((e.user_id, e.course_id)) == e.cycle]
    if not due:
        return []
    created = Enrolment.objects.bulk_create(
        Enrolment(
            user_id=e.user_id,
            course_id=e.course_id,
            cycle=e.cycle + 1,
            due_date=due_dates[e.pk],
            assigned_by=assigned_by,
            organisation_id=e.user.organisation_id,
        )
        for e in due
    )
    courses = {
        pk: (path, depth)
        for pk, path, depth in Page.objects.filter(pk__in={e.course_id for e in due}).values_list(
            "pk", "path", "depth"
        )
    }
    archive = Q()
    for e in due:
        path, depth = courses[e.course_id]
        archive |= Q(user_id=e.user_id, module__path__startswith=path, module__depth=depth + 1)
    ModuleCompletion.objects.current().filter(archive).update(superseded_at=timezone.now())
    return created


def enrolment_cycle_start(*, enrolment, due_date, assigned_by=None):
    """Start the next cycle of one completed ``enrolment`` (see ``enrolment_cycles_start``).

    Returns the new enrolment, or None when it was skipped (not completed, or a later cycle
    exists already)."""
    started = enrolment_cycles_start(due_dates={enrolment.pk: due_date}, assigned_by=assigned_by)
    return started[0] if started else None
