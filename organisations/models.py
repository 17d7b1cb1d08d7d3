from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Region(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    YOUTH_SERVICES = "jugendhilfe", _("Youth welfare office / independent youth services provider")
    EMPLOYMENT_AGENCY = "agentur", _("Employment agency (Agentur für Arbeit)")
    JOB_CENTRE = "jobcenter", _("Job centre (Jobcenter)")
    FAMILY_CENTRE = "familienzentrum", _("Family centre (Familienzentrum)")
    EDUCATION_PROVIDER = "bildungstraeger", _("Education provider (Bildungsträger)")
    OTHER = "sonstige", _("Other")


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    is_active = models.BooleanField(
        _("open for registration"),
        default=True,
        help_text=_("Only active organisations can be chosen when people register."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Who holds this sees everybody in reports, exports and certificates
        # (organisations.selectors.people_visible_to); managers see their scope only.
        permissions = [("view_all_people", _("Can see the people of every organisation"))]

    def __str__(self):
        return self.name


class ManagerScope(models.Model):
    """What one manager may see: whole regions and/or single organisations."""

    manager = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.CASCADE,
        related_name="manager_scope",
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True
    )

    class Meta:
        verbose_name = _("manager scope")
        verbose_name_plural = _("manager scopes")

    def __str__(self):
        return str(self.manager)

    @admin_display(description=_("regions"))
    def region_names(self):
        return ", ".join(region.name for region in self.regions.all())

    @admin_display(description=_("organisations"))
    def organisation_names(self):
        return ", ".join(organisation.name for organisation in self.organisations.all())
