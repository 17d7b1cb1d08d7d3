"""The catalogue: filter form (GET) and the course cards for the person looking."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from lms.search import folded_match
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


def matching_courses(courses, q):
    """``courses`` (CoursePage queryset) narrowed to those matching the search text ``q``.

    German course texts are full of compounds and inflections, which whole-word search
    misses; a course matches if any of three finds it:
    1. Wagtail's full-text search over all indexed fields (on PostgreSQL with the German
       text search configuration: "Netzwerk" finds "Netzwerke");
    2. Wagtail's autocomplete on title and summary (word prefixes: "Familie" finds
       "Familienzentren"; SQLite FTS5 and PostgreSQL alike);
    3. the folded text of title and summary containing every word (``lms.search``:
       "Rückkehr" inside "Berufsrückkehr", "Rueckkehr", "ruckkehr").
    Three queries, whatever the number of courses; 3. reads two short fields per course.
    """
    live = CoursePage.objects.live()
    found = {page.pk for page in live.search(q)}
    found |= {page.pk for page in live.autocomplete(q)}
    found |= {
        pk
        for pk, title, summary in courses.values_list("pk", "title", "summary")
        if folded_match(q, title, summary)
    }
    return courses.filter(pk__in=found)


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
            # Search gives the matching pages; the filters above stay plain ORM.
            courses = matching_courses(courses, data["q"])
    elif filtered:
        courses = courses.none()
    courses = courses.distinct().order_by("title").prefetch_related("target_groups")
    return {
        "filter_form": form,
        "is_filtered": filtered and form.is_valid() and any(form.cleaned_data.values()),
        "cards": course_cards(user=request.user, courses=courses),
    }
