"""A person's participation in a course: Enrolment (one row per cycle), ModuleCompletion
and ReflectionAnswer, with the queryset methods that are the one home of their figures."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..tree import children_lookups
from .modules import ModulePage
from .pages import CoursePage


def _record_organisation(record):
    """A new record without an organisation gets the person's current one (the services set
    it explicitly; this covers direct creates in the admin, demo data and imports)."""
    if record._state.adding and record.organisation_id is None and record.user_id:
        record.organisation_id = record.user.organisation_id


class EnrolmentQuerySet(models.QuerySet):
    """The one home of "has this enrolment started" and the figures over many enrolments,
    used by the course editor's panel and the manager reports alike."""

    def with_started(self):
        """Annotate ``started``: the person completed some module of the course (1 query)."""
        completions = ModuleCompletion.objects.current().filter(
            user=OuterRef("user_id"),
            **children_lookups(OuterRef("course__path"), OuterRef("course__depth"), "module__"),
        )
        return self.annotate(started=Exists(completions))

    @staticmethod
    def overdue_q(today=None):
        """Not completed and the due date (a local date) before ``today`` (default: today in
        Europe/Berlin); ``Enrolment.is_overdue`` is the same rule for one row."""
        return Q(completed_at__isnull=True, due_date__lt=today or timezone.localdate())

    def overdue(self, *, today=None):
        return self.filter(self.overdue_q(today))

    @staticmethod
    def figures(*, today=None):
        """The count expressions enrolled / completed / in_progress / not_started / overdue,
        over rows annotated by ``with_started``: for ``aggregate`` or a grouped ``annotate``."""
        open_ = Q(completed_at__isnull=True)
        return {
            "enrolled": Count("pk"),
            "completed": Count("pk", filter=~open_),
            "in_progress": Count("pk", filter=open_ & Q(started=True)),
            "not_started": Count("pk", filter=open_ & Q(started=False)),
            "overdue": Count("pk", filter=EnrolmentQuerySet.overdue_q(today)),
        }

    def totals(self, *, today=None):
        """{enrolled, completed, in_progress, not_started, overdue} counts (1 query)."""
        return self.with_started().aggregate(**self.figures(today=today))

    def current(self):
        """Only each person's newest cycle of a course (older cycles are history)."""
        later = Enrolment.objects.filter(
            user_id=models.OuterRef("user_id"),
            course_id=models.OuterRef("course_id"),
            cycle__gt=models.OuterRef("cycle"),
        )
        return self.exclude(models.Exists(later))

    def newest_cycle(self, *, user, course):
        """The person's newest cycle of ``course`` in this queryset, or None."""
        return self.filter(user=user, course=course).order_by("-cycle").first()


class Enrolment(models.Model):
    """A person's participation in a course, one row per cycle; kept (inactive) when they
    unenrol.

    Recertification (courses with a validity) starts a new cycle: a new row with ``cycle``
    one higher, while the completed cycle and its certificate stay as history. At most one
    cycle per person and course is open (not completed); the database guarantees it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        # A record outlives the account: deleting a person is an erasure (accounts.personal_data).
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the enrolment happened: the person's organisation when enrolling (set by
    # services.enrolment_create). Reports count the record here; a later move never changes it.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Set only when a trainer or the administration recorded the completion by hand.
    completion_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completion recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completion_reason = models.TextField(_("reason for the manual completion"), blank=True)
    # 1 for the first participation, +1 for each refresher (courses.cycles).
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "cycle"], name="courses_unique_enrolment_cycle"
            ),
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(completed_at__isnull=True),
                name="courses_one_open_enrolment",
            ),
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} – {self.course}"

    def save(self, *args, **kwargs):
        _record_organisation(self)
        super().save(*args, **kwargs)

    @property
    def is_manual_completion(self):
        return bool(self.completion_reason)

    @property
    def is_refresher(self):
        """True for a recertification cycle (the person completed the course before)."""
        return self.cycle > 1

    @property
    def is_overdue(self):
        """Active, not completed, and the due date (a local date) lies before today in
        Europe/Berlin: the rule EnrolmentQuerySet.totals counts as "overdue" in SQL."""
        return (
            self.is_active
            and self.completed_at is None
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class ModuleCompletionQuerySet(models.QuerySet):
    def current(self):
        """Completions that count for the person's current cycle (not archived by a refresher)."""
        return self.filter(superseded_at__isnull=True)


class ModuleCompletion(models.Model):
    """A person completed a module. A refresher cycle archives the completions of the
    course's modules (``superseded_at``): they stay as history and no longer count."""

    class Via(models.TextChoices):
        MANUAL = "manual", _("marked as done")
        QUIZ = "quiz", _("Lernkontrolle passed")
        ADMIN = "admin", _("set by an administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="module_completions",
    )
    module = models.ForeignKey(
        ModulePage, verbose_name=_("module"), on_delete=models.PROTECT, related_name="completions"
    )
    via = models.CharField(_("completed by"), max_length=10, choices=Via.choices)
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)
    # Set with via "admin": who recorded it by hand and why (e.g. attended in person).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    # The person's organisation when the module was completed (see Enrolment.organisation).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="module_completions",
    )
    superseded_at = models.DateTimeField(_("archived for a refresher at"), null=True, blank=True)

    objects = ModuleCompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("module completion")
        verbose_name_plural = _("module completions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=models.Q(superseded_at__isnull=True),
                name="courses_unique_current_completion",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.module}"

    def save(self, *args, **kwargs):
        _record_organisation(self)
        super().save(*args, **kwargs)


class ReflectionAnswer(models.Model):
    """A learner's private answer to a reflection question (one per person, module, block)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reflection_answers",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="reflection_answers",
    )
    block_id = models.CharField(_("question"), max_length=64)
    text = models.TextField(_("answer"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reflection answer")
        verbose_name_plural = _("reflection answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "block_id"], name="courses_unique_reflection_answer"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.module}"
