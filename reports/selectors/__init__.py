"""The one place where report data is read and where the viewer's scope is applied.

Every report, export, chart and count starts from ``enrolments_in_scope(user)``. Whoever has
a reporting role (``reports.view_reports``: managers, Administration) sees the enrolments
*recorded* in an organisation of ``organisations.selectors.organisations_visible_to`` (the
organisation the person belonged to when enrolling, ``Enrolment.organisation``) and nothing
else, whatever other role the account has; only a trainer *without* a reporting role sees the
learners of the courses they are responsible for. Views never filter by scope themselves.
Because scope and grouping use the recorded organisation, a person who moves leaves their
past records with the old organisation (its manager keeps seeing them, its figures stay) and
the new manager sees what the person does from the move on.

A module's course is its parent in the Wagtail tree. "The modules of this enrolment's course"
is written as a *range* on ``path`` (courses.tree.children_lookups: the paths one level deeper,
up to the course path plus its last step) rather than ``path__startswith``: a correlated LIKE
pattern cannot use the path index, the range can (PostgreSQL, 50,000 enrolments: 2.3 s instead
of 5.6 s for the full export query; see bench/reports.md). Every selector runs a fixed number
of queries.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.models import Status as CertificateStatus
from certificates.recertification import within_lead_time
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage
from courses.tree import children_lookups
from organisations.models import Organisation
from organisations.selectors import organisations_visible_to, sees_all_people


class Status:
    COMPLETED = "completed"
    OVERDUE = "overdue"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    LABELS = {
        COMPLETED: _("Completed"),
        OVERDUE: _("Overdue"),
        IN_PROGRESS: _("In progress"),
        NOT_STARTED: _("Not started"),
    }


def can_view_reports(user):
    """True for active managers/administrators (``reports.view_reports``) and for active
    responsible trainers of at least one course.

    Remembered on the user object (``request.user`` lives for one request): the admin menu
    asks once per report item, and each answer was a query on every admin page."""
    if not user.is_active:
        return False
    if reports_as_manager(user):
        return True
    cached = getattr(user, "_kofo_responsible_for_courses", None)
    if cached is None:
        cached = user.responsible_for_courses.exists()
        user._kofo_responsible_for_courses = cached
    return cached


def reports_as_manager(user):
    """True when ``user``'s reports follow the manager/administrator rule (people in scope)
    rather than the trainer rule (learners of their own courses)."""
    return user.is_active and user.has_perm("reports.view_reports")


def enrolments_in_scope(user):
    """Active enrolments ``user`` may report on (lazy; usable as a subquery).

    Managers and administrators: the enrolments recorded in ``organisations_visible_to(user)``,
    never widened by courses they happen to be responsible for. Trainers without a reporting
    role: the enrolments in their own courses. Anyone else: none.
    """
    enrolments = Enrolment.objects.filter(is_active=True)
    if not user.is_active:
        return enrolments.none()
    if reports_as_manager(user):
        if sees_all_people(user):
            return enrolments
        return enrolments.filter(organisation__in=organisations_visible_to(user))
    return enrolments.filter(course__in=user.responsible_for_courses.all())


def courses_in_scope(user):
    """Courses offered in report filters: all for managers/admins, own ones for trainers."""
    courses = CoursePage.objects.order_by("title")
    if reports_as_manager(user):
        return courses
    return courses.filter(responsible_trainers=user)


def report_organisations(user):
    """Organisations offered in filters: the viewer's scope for managers/admins; for trainers
    those of their learners only, so no filter lists an organisation the rows cannot show."""
    if reports_as_manager(user):
        return organisations_visible_to(user).order_by("name")
    ids = enrolments_in_scope(user).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def _count(queryset):
    """COUNT(*) of ``queryset`` as a scalar subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _children_of_course(field=""):
    """Lookups for pages (at ``field``) that are children of the enrolment's course."""
    return children_lookups(OuterRef("course__path"), OuterRef("course__depth"), field)


def _course_modules():
    """Live required modules of the enrolment's course."""
    return ModulePage.objects.filter(**_children_of_course(), live=True, is_required=True)


def _completions_in_course():
    # Completions archived by a refresher (courses.cycles) count for the earlier cycle only.
    return ModuleCompletion.objects.current().filter(
        user=OuterRef("user_id"), **_children_of_course("module__")
    )


class Validity:
    """How long the completion of an enrolment (cycle) holds: its newest valid
    certificate's ``valid_until`` against today (Europe/Berlin) and the course's refresher
    lead time (``CoursePage.refresher_lead_days``)."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    RENEWED = "renewed"
    LABELS = {
        VALID: _("Valid"),
        EXPIRING: _("Expiring"),
        EXPIRED: _("Expired"),
        RENEWED: _("Renewed"),
    }
    CHOICES = list(LABELS.items())


def validity_annotations(*, today=None, prefix=""):
    """Annotations for an enrolment queryset: ``valid_until`` (date of the newest valid
    certificate of the cycle, or None), ``renewed`` (a later cycle is completed) and
    ``validity`` (a ``Validity`` value; "" without an end of validity). "Expiring": valid
    until at most the course's lead time from ``today``. Names get ``prefix`` (a filter
    uses its own names). Adds no query."""
    today = today or timezone.localdate()
    valid_until = (
        Certificate.objects.filter(enrolment=OuterRef("pk"), status=CertificateStatus.VALID)
        .order_by("-issued_at", "-pk")
        .values("valid_until")[:1]
    )
    renewed = Enrolment.objects.filter(
        user_id=OuterRef("user_id"),
        course_id=OuterRef("course_id"),
        cycle__gt=OuterRef("cycle"),
        completed_at__isnull=False,
    )
    until, again = f"{prefix}valid_until", f"{prefix}renewed"
    return {
        until: Subquery(valid_until),
        again: Exists(renewed),
        f"{prefix}validity": Case(
            When(**{f"{until}__isnull": True}, then=Value("")),
            When(**{again: True}, then=Value(Validity.RENEWED)),
            When(**{f"{until}__lt": today}, then=Value(Validity.EXPIRED)),
            When(within_lead_time(today=today, field=until), then=Value(Validity.EXPIRING)),
            default=Value(Validity.VALID),
        ),
    }


def with_validity(enrolments, value, *, today=None):
    """``enrolments`` whose validity (see ``validity_annotations``) is ``value``."""
    return enrolments.alias(**validity_annotations(today=today, prefix="v_")).filter(
        v_validity=value
    )


def with_status(enrolments, *, today=None):
    """Annotate ``started`` and ``status`` (one of ``Status``) on each enrolment."""
    today = today or timezone.localdate()
    return enrolments.with_started().annotate(
        status=Case(
            When(completed_at__isnull=False, then=Value(Status.COMPLETED)),
            When(due_date__lt=today, then=Value(Status.OVERDUE)),
            When(started=True, then=Value(Status.IN_PROGRESS)),
            default=Value(Status.NOT_STARTED),
        )
    )


def learner_progress(enrolments, *, today=None):
    """One row per enrolment (cycle) with person, organisation, course, progress percent
    and the validity of its completion (``validity_annotations``)."""
    required = _count(_course_modules())
    done = _count(_completions_in_course().filter(module__live=True, module__is_required=True))
    return (
        with_status(enrolments, today=today)
        .select_related("user", "organisation__region", "course")
        .only(
            "due_date",
            "enrolled_at",
            "completed_at",
            "completion_reason",
            "user__first_name",
            "user__last_name",
            "user__email",
            "user__erased_at",
            "organisation__name",
            "organisation__kind",
            "organisation__region__name",
            "course__title",
            "cycle",
        )
        .annotate(modules_required=required, modules_done=done)
        .annotate(**validity_annotations(today=today))
        .annotate(
            progress_percent=Case(
                When(completed_at__isnull=False, then=Value(100)),
                When(modules_required=0, then=Value(0)),
                default=F("modules_done") * 100 / F("modules_required"),
                output_field=IntegerField(),
            )
        )
    )


def overdue(enrolments, *, today=None):
    today = today or timezone.localdate()
    return learner_progress(enrolments.overdue(today=today), today=today)


def completion_by_course_and_organisation(enrolments, *, today=None):
    """Counts per course and organisation (dicts); the completion rate is derived."""
    return (
        enrolments.with_started()
        .values(
            "course_id",
            "course__title",
            "organisation_id",
            "organisation__name",
            "organisation__kind",
            "organisation__region__name",
        )
        .annotate(**Enrolment.objects.figures(today=today))
        .order_by("course__title", "organisation__name")
    )


def totals(enrolments, *, today=None):
    """Enrolled / completed / in progress / not started / overdue over ``enrolments``
    (courses.models.EnrolmentQuerySet.totals, 1 query)."""
    return enrolments.totals(today=today)


def completion_by(enrolments, field):
    """(label, completed, enrolled) per value of ``field`` – the data behind the charts."""
    rows = (
        enrolments.values(field)
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)))
        .order_by(field)
    )
    return [(row[field], row["completed"], row["enrolled"]) for row in rows]


def rate(completed, enrolled):
    """Completion rate in whole percent (0 when nobody is enrolled)."""
    return round(100 * completed / enrolled) if enrolled else 0
