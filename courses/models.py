from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.forms import LocalizedDecimalsMixin
from lms.formsets import InlinePanel
from organisations.models import OrganisationKind

from .blocks import ModuleBodyBlock
from .forms import CoursePageForm
from .panels import EnrolmentCountsPanel
from .tree import children_lookups, parent_path


class CourseIndexPage(Page):
    """The catalogue of all courses."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from .catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, self))
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Open: learners enrol themselves")
    ASSIGNED = "assigned", _("Only by assignment")


class CoursePage(RoutablePageMixin, Page):
    base_form_class = CoursePageForm

    summary = models.CharField(_("short summary"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    learning_objectives = RichTextField(_("learning objectives"), blank=True)
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=CourseTag, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("alternative text of the cover image"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    responsible_trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible trainers"),
        blank=True,
        related_name="responsible_for_courses",
    )
    enrolment_mode = models.CharField(
        _("enrolment"),
        max_length=10,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.OPEN,
    )
    sequential = models.BooleanField(
        _("sequential modules"),
        default=False,
        help_text=_("A module unlocks only when the previous one is complete."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        help_text=_("For refresher courses: how long a certificate is valid. Empty: unlimited."),
    )
    refresher_lead_days = models.PositiveSmallIntegerField(
        _("refresher lead time in days"),
        default=60,
        help_text=_(
            "With a validity: this many days before a certificate expires, the person is "
            "enrolled again (due by the expiry date) and reminded by e-mail."
        ),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisite courses"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
    )
    certificate_signatory_name = models.CharField(
        _("signatory (overrides the site setting)"), max_length=150, blank=True
    )
    certificate_signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    certificate_extra_text = models.CharField(
        _("additional line on the certificate"), max_length=300, blank=True
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        # Word prefixes for the catalogue search (courses.catalogue.matching_courses).
        index.AutocompleteField("summary"),
        index.SearchField("description"),
        index.SearchField("learning_objectives"),
        index.FilterField("enrolment_mode"),
    ]
    content_panels = Page.content_panels + [
        EnrolmentCountsPanel(heading=_("Enrolments")),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")
        ),
        InlinePanel("target_groups", heading=_("Target groups"), label=_("Target group")),
        FieldPanel("topics"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("sequential"),
                FieldPanel("validity_months"),
                FieldPanel("refresher_lead_days"),
                FieldPanel("prerequisites"),
                FieldPanel("responsible_trainers"),
            ],
            heading=_("Course settings"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_signatory_name"),
                FieldPanel("certificate_signatory_role"),
                FieldPanel("certificate_extra_text"),
            ],
            heading=_("Certificate"),
        ),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    # A string, not an import: events (above courses) adds the session module kind.
    subpage_types = ["courses.ModulePage", "events.SessionModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {"cover_image_alt": _("Please describe the cover image (alternative text).")}
            )

    def modules(self):
        """Live modules in page-tree order (the order learners work through them)."""
        return ModulePage.objects.child_of(self).live().order_by("path")

    @property
    def allows_self_enrolment(self):
        """Learners may enrol themselves; otherwise only by assignment (the rule
        services.enrolment_create enforces)."""
        return self.enrolment_mode == EnrolmentMode.OPEN

    @property
    def units(self):
        """Duration in Unterrichtseinheiten: the sum of the live modules' UE."""
        return self.modules().aggregate(total=Sum("units"))["total"] or Decimal("0")

    # Sub-routes: the handlers live in views.py (models stay about data).
    @path("")
    def course_index(self, request):
        from . import views

        return views.course_page(request, self)

    @path("enrol/")
    def enrol_route(self, request):
        from . import views

        return views.enrol(request, self)

    @path("unenrol/")
    def unenrol_route(self, request):
        from . import views

        return views.unenrol(request, self)

    @path("continue/")
    def continue_route(self, request):
        from . import views

        return views.continue_learning(request, self)


class CourseTargetGroup(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="target_groups")
    kind = models.CharField(_("target group"), max_length=20, choices=OrganisationKind.choices)

    panels = [FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("target group")
        constraints = [
            models.UniqueConstraint(fields=["course", "kind"], name="courses_unique_target_group")
        ]


class CompletionRule(models.TextChoices):
    MANUAL = "manual", _("Learner marks it as done")
    QUIZ = "quiz", _("Pass the Lernkontrolle")


class ModulePageForm(LocalizedDecimalsMixin, WagtailAdminPageForm):
    """UE typed as "0,5" in a German browser are 0.5 UE (an <input type="number"> made it 5)."""


class ModulePage(RoutablePageMixin, Page):
    base_form_class = ModulePageForm
    intro = RichTextField(_("introduction"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=45)
    units = models.DecimalField(
        _("Unterrichtseinheiten (UE, 45 min)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_required = models.BooleanField(_("required for course completion"), default=True)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=10,
        choices=CompletionRule.choices,
        default=CompletionRule.MANUAL,
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("Lernkontrolle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="modules",
        help_text=_("Required with the completion rule “Pass the Lernkontrolle”."),
    )
    body = StreamField(ModuleBodyBlock(), verbose_name=_("content"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("units"),
                FieldPanel("is_required"),
                FieldPanel("completion_rule"),
                FieldPanel("quiz"),
            ],
            heading=_("Duration and completion"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self):
        super().clean()
        if self.completion_rule == CompletionRule.QUIZ and not self.quiz_id:
            raise ValidationError(
                {"quiz": _("Please choose the Lernkontrolle learners have to pass.")}
            )

    def course(self):
        """The course page this module belongs to, live or not (1 query; courses.tree)."""
        return CoursePage.objects.get(path=parent_path(self.path))

    @path("")
    def module_index(self, request):
        from . import views

        return views.module_page(request, self)

    @path("complete/")
    def complete_route(self, request):
        from . import views

        return views.complete(request, self)

    @path("reflection/<str:block_id>/")
    def reflection_route(self, request, block_id):
        from . import views

        return views.save_reflection(request, self, block_id)


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
