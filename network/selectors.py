"""Reads of the Kooperationsnetz: which courses are cooperative, who may publish a card, and
which cards a person may see.

"Cooperative" is a course with a session module (``events.SessionModulePage``) among its
modules: the issue's cooperative trainings are the ones where staff of Jobcenter, Agentur,
Jugendhilfe and Familienzentrum meet in one room (or online room), and the network exists so
that people who met there find each other later. Deriving it from the page tree keeps one
source of truth; a separate flag on the course could contradict it.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q

from courses.models import CoursePage, Enrolment
from events.models import SessionModulePage
from lms.search import folded_match, search_fold
from organisations.models import Organisation

from .models import ContactCard, Visibility


def cooperative_courses():
    """``CoursePage`` queryset (lazy) of the courses with a session module as a child page."""
    return CoursePage.objects.filter(
        Exists(
            SessionModulePage.objects.filter(
                path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
            )
        )
    )


def cooperative_course_ids(course_ids):
    """The subset (set of int) of ``course_ids`` that are cooperative courses (1 query)."""
    return set(cooperative_courses().filter(pk__in=course_ids).values_list("pk", flat=True))


def may_publish(user):
    """True when ``user`` completed a cooperative course (any cycle; 1 query). A completion
    is a historical fact, so a course later changed keeps the right it gave."""
    if not user.is_authenticated:
        return False
    return Enrolment.objects.filter(
        user=user, completed_at__isnull=False, course__in=cooperative_courses()
    ).exists()


def _region_of(user):
    if not user.organisation_id:
        return None
    return (
        Organisation.objects.filter(pk=user.organisation_id)
        .values_list("region_id", flat=True)
        .first()
    )


def cards_visible_to(viewer):
    """``ContactCard`` queryset (lazy, 1 query when evaluated, +1 now for the viewer's
    region) of the cards ``viewer`` (a logged-in user) may see: every card whose owner
    chose "all regions", and those of owners in the viewer's region; always the viewer's
    own card. Cards of deactivated or erased people are never shown. Cards exist only with
    consent (see ``models``), so nothing unconsented can appear here, for managers neither.
    """
    region = _region_of(viewer)
    rule = Q(visibility=Visibility.ALL) | Q(user=viewer)
    if region is not None:
        rule |= Q(user__organisation__region_id=region)
    return (
        ContactCard.objects.filter(rule, user__is_active=True, user__erased_at__isnull=True)
        .select_related("user__organisation__region")
        .order_by(F("user__last_name").asc(), "user__first_name", "pk")
    )


@dataclass
class Directory:
    cards: list  # every card the viewer may see
    topics: list = field(default_factory=list)  # [(folded, as written)], for the filter


def directory(viewer):
    """The cards ``viewer`` may see (``cards_visible_to``, by name) and the topics they name,
    once per folded spelling. 2 queries. Returns a ``Directory``."""
    cards = list(cards_visible_to(viewer))
    topics = {}
    for card in cards:
        for written in card.topic_list():
            topics.setdefault(search_fold(written), written)
    return Directory(cards=cards, topics=sorted(topics.items()))


def filter_cards(cards, *, region=None, kind="", topic="", query=""):
    """The ``cards`` (list of ``ContactCard`` with user, organisation loaded) that match:
    ``region`` (``Region`` or None) and ``kind`` (an ``OrganisationKind`` value or "") of the
    owner's organisation, ``topic`` (folded text, "" for all) and the search words ``query``
    (folded match over name, organisation, role and topics: "yildiz" finds "Yıldız").
    No queries.

    Filtering happens in Python on the visible cards: the network is a few hundred cards,
    and the folding (lms.search.search_fold) has no SQL equivalent on both databases.
    """
    return [
        card for card in cards if _matches(card, region=region, kind=kind, topic=topic, query=query)
    ]


def _matches(card, *, region, kind, topic, query):
    organisation = card.user.organisation
    if region is not None and (organisation is None or organisation.region_id != region.pk):
        return False
    if kind and (organisation is None or organisation.kind != kind):
        return False
    if topic and topic not in {search_fold(t) for t in card.topic_list()}:
        return False
    return folded_match(
        query,
        card.user.get_full_name(),
        organisation.name if organisation else "",
        card.role,
        card.topics,
    )
