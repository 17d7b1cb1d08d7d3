"""The course pages: the catalogue (CourseIndexPage) and the course (CoursePage)."""

from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.formsets import InlinePanel
from organisations.models import OrganisationKind

from ..forms import CoursePageForm
from ..panels import EnrolmentCountsPanel


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
        from ..catalogue import catalogue_context

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
        # By name: models.modules imports this module (ModulePage.course), not the reverse.
        module_page = apps.get_model("courses", "ModulePage")
        return module_page.objects.child_of(self).live().order_by("path")

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
        from .. import views

        return views.course_page(request, self)

    @path("enrol/")
    def enrol_route(self, request):
        from .. import views

        return views.enrol(request, self)

    @path("unenrol/")
    def unenrol_route(self, request):
        from .. import views

        return views.unenrol(request, self)

    @path("continue/")
    def continue_route(self, request):
        from .. import views

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
