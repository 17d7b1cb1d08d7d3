"""Recertification: a certificate's expiry drives a refresher (issue #12, item 3).

For a course with a validity (``CoursePage.validity_months``), ``refresher_lead_days``
(default 60) before a certificate's ``valid_until`` the holder gets a new cycle of the
course (``courses.cycles``) with the due date = ``valid_until`` and a reminder mail. The
certificate of the completed cycle stays valid until its own date; completing the new cycle
issues a new certificate through the normal path (``course_completed``).

Run daily by ``manage.py recertify`` (cron) or the ``recertify`` task; idempotent.
"""

from django.db import transaction
from django.db.models import DateField, Exists, F, Func, OuterRef, Q, Value
from django.utils import timezone

from courses.cycles import CYCLE_BATCH_SIZE, enrolment_cycles_start
from courses.models import Enrolment

from .models import Certificate, Status


class AddDays(Func):
    """``date + days`` in the database (a date plus a whole number of days, both may be
    columns), so "within the course's lead time" needs no query of its own."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date + integer is a date.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" + ")

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite stores dates as "YYYY-MM-DD" text; date() returns that form, so it compares.
        template = "date(%(expressions)s || ' days')"
        return super().as_sql(compiler, connection, template=template, arg_joiner=", '+' || ")


def within_lead_time(*, today, field="valid_until", course_field="course__"):
    """A ``Q`` for "``field`` (a date) lies at most the course's refresher lead time
    (``refresher_lead_days``) after ``today``" (a local date, Europe/Berlin). Evaluated in
    the database (no extra query)."""
    lead = AddDays(Value(today, output_field=DateField()), F(f"{course_field}refresher_lead_days"))
    return Q(**{f"{field}__lte": lead})


def refreshers_due(*, today=None):
    """{enrolment id: valid_until} of the completed cycles whose refresher is due on
    ``today`` (local date) and not yet started (1 query).

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
    Queries: 1 + at most 8 per batch of ``batch_size`` people. Returns the new enrolments.
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
