"""Server-rendered bar charts: an SVG for the eye and the same figures as a table."""

from dataclasses import dataclass

from django.utils.crypto import get_random_string

from organisations.models import OrganisationKind

from . import selectors

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 260
BAR_AREA = 300


@dataclass
class Bar:
    label: str
    completed: int
    enrolled: int
    y: int = 0

    @property
    def rate(self):
        return selectors.rate(self.completed, self.enrolled)

    @property
    def width(self):
        return round(BAR_AREA * self.rate / 100)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 6


@dataclass
class Chart:
    title: str
    description: str
    bars: list
    uid: str = ""

    def __post_init__(self):
        self.uid = self.uid or get_random_string(8, "abcdefghijklmnopqrstuvwxyz")
        for index, bar in enumerate(self.bars):
            bar.y = index * (BAR_HEIGHT + GAP)

    @property
    def height(self):
        return max(len(self.bars), 1) * (BAR_HEIGHT + GAP)

    @property
    def width(self):
        return LABEL_WIDTH + BAR_AREA + 60

    @property
    def bar_x(self):
        return LABEL_WIDTH

    @property
    def bar_area(self):
        return BAR_AREA


def completion_charts(enrolments, *, kind_title, organisation_title, description):
    """Completion per organisation kind and per organisation over ``enrolments`` (2 queries)."""
    kinds = dict(OrganisationKind.choices)
    by_kind = [
        Bar(str(kinds.get(value, value)), completed, enrolled)
        for value, completed, enrolled in selectors.completion_by(enrolments, "organisation__kind")
    ]
    by_organisation = [
        Bar(name or "–", completed, enrolled)
        for name, completed, enrolled in selectors.completion_by(enrolments, "organisation__name")
    ]
    return [
        Chart(kind_title, description, by_kind),
        Chart(organisation_title, description, by_organisation),
    ]
