from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from . import charts, selectors


class CompletionPanel(Component):
    """Admin home: the figures of the viewer's scope and the completion charts."""

    name = "kofo_completion"
    order = 50
    template_name = "reports/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        enrolments = selectors.enrolments_in_scope(self.user)
        figures = selectors.totals(enrolments)
        return {
            "figures": figures,
            "rate": selectors.rate(figures["completed"], figures["enrolled"]),
            "charts": charts.completion_charts(
                enrolments,
                kind_title=_("Completion rate by kind of organisation"),
                organisation_title=_("Completion rate by organisation"),
                description=_("Share of enrolments completed, for everyone you can see."),
            ),
        }
