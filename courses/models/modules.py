"""The module page (ModulePage): one unit of a course, with its content and Lernkontrolle."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.forms import LocalizedDecimalsMixin

from ..blocks import ModuleBodyBlock
from ..tree import parent_path
from .pages import CoursePage


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
        from .. import views

        return views.module_page(request, self)

    @path("complete/")
    def complete_route(self, request):
        from .. import views

        return views.complete(request, self)

    @path("reflection/<str:block_id>/")
    def reflection_route(self, request, block_id):
        from .. import views

        return views.save_reflection(request, self, block_id)
