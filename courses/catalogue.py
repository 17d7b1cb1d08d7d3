"""The catalogue: filter form (GET) and the course cards for the person looking."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from organisations.models import OrganisationKind

from .models import CoursePage
from .selectors import course_cards


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        self.fields["target_group"].choices = [("", _("All target groups"))] + list(
            OrganisationKind.choices
        )
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (tag.slug, tag.name) for tag in topics
        ]


def catalogue_context(request, catalogue):
    courses = CoursePage.objects.child_of(catalogue).live().public()
    topics = (
        Tag.objects.filter(courses_coursetag_items__content_object__in=courses.values("pk"))
        .distinct()
        .order_by("name")
    )
    topics = list(topics)
    form = CatalogueFilterForm(request.GET or None, topics=topics)
    filtered = bool(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        if data["target_group"]:
            courses = courses.filter(target_groups__kind=data["target_group"])
        if data["topic"]:
            courses = courses.filter(topics__slug=data["topic"])
        if data["q"]:
            # Wagtail search gives the matching pages; the filters above stay plain ORM.
            found = CoursePage.objects.live().search(data["q"])
            courses = courses.filter(pk__in=[page.pk for page in found])
    elif filtered:
        courses = courses.none()
    courses = courses.distinct().order_by("title").prefetch_related("target_groups")
    return {
        "filter_form": form,
        "is_filtered": filtered and form.is_valid() and any(form.cleaned_data.values()),
        "cards": course_cards(user=request.user, courses=courses),
    }
