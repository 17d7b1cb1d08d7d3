"""Recertification: a certificate's expiry drives a refresher (issue #12, item 3).

For a course with a validity (``CoursePage.validity_months``), ``refresher_lead_days``
(default 60) before a certificate's ``valid_until`` the holder gets a new cycle of the
course (``courses.cycles``) with the due date = ``valid_until`` and a reminder mail. The
certificate of the completed cycle stays valid until its own date; completing the new cycle
issues a new certificate through the normal path (``course_completed``).

Run daily by ``manage.py recertify`` (cron) or the ``recertify`` task; idempotent.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from courses.cycles import CYCLE_BATCH_SIZE, enrolment_cycles_start
from courses.models import CoursePage, Enrolment

from .models import Certificate, Status


def within_lead_time(*, today, field="valid_until", course_field="course__"):
    """A ``Q`` for "``field`` (a date) lies at most the course's refresher lead time after
    ``today``" (``today`` a local date, Europe/Berlin). One OR-term per distinct lead time
    in use (1 query), so the comparison runs in the database on SQLite and PostgreSQL alike."""
    leads = (
        CoursePage.objects.filter(validity_months__isnull=False)
        .values_list("refresher_lead_days", flat=True)
        .distinct()
        .order_by()
    )
    condition = Q(pk__in=[])
    for days in leads:
        condition |= Q(
            **{
                f"{course_field}refresher_lead_days": days,
                f"{field}__lte": today + timedelta(days=days),
            }
        )
    return condition


def refreshers_due(*, today=None):
    """{enrolment id: valid_until} of the completed cycles whose refresher is due on
    ``today`` (local date) and not yet started (2 queries).

    Due: the newest valid certificate of a person's newest cycle of a live course with a
    validity expires within the course's lead time (an expired one too: a refresher missed
    while the task was down starts late rather than never), and the holder's account is
    active. Revoked and superseded certificates start nothing.
    """
    today = today or timezone.localdate()
    later_cycle = Enrolment.objects.filter(
        user_id=OuterRef("enrolment__user_id"),
        course_id=OuterRef("enrolment__course_id"),
        cycle__gt=OuterRef("enrolment__cycle"),
    )
    rows = (
        Certificate.objects.filter(
            within_lead_time(today=today),
            status=Status.VALID,
            valid_until__isnull=False,
            course__live=True,
            course__validity_months__isnull=False,
            holder__is_active=True,
            enrolment__completed_at__isnull=False,
        )
        .exclude(Exists(later_cycle))
        .order_by("enrolment_id", "valid_until")
        .values_list("enrolment_id", "valid_until")
    )
    # Several valid certificates of one cycle (a re-issue): the latest end of validity counts.
    return dict(rows)


def recertification_run(*, today=None, batch_size=CYCLE_BATCH_SIZE):
    """Start every due refresher (``refreshers_due``) and mail each person once the
    transaction commits (one ``send_refresher_notices`` task per batch, through the outbox).

    Idempotent: a started refresher is a later cycle, which ends the certificate's "due".
    Safe when run twice at once (``courses.cycles`` locks and constraints).
    Queries: 2 + at most 8 per batch of ``batch_size`` people. Returns the new enrolments.
    """
    from .tasks import send_refresher_notices

    due = refreshers_due(today=today)
    started = []
    ids = sorted(due)
    for first in range(0, len(ids), batch_size):
        with transaction.atomic():
            batch = enrolment_cycles_start(
                due_dates={pk: due[pk] for pk in ids[first : first + batch_size]},
                batch_size=batch_size,
            )
            if batch:
                pks = [enrolment.pk for enrolment in batch]
                transaction.on_commit(lambda pks=pks: send_refresher_notices.enqueue(pks))
        started += batch
    return started
