"""Who may open the reports: one home for the rule every report view applies.

``selectors.can_view_reports`` is not a model permission (responsible trainers of a course see
their learners' reports without ``reports.view_reports``), so Wagtail's
``permission_required`` / ``permission_policy`` attributes cannot express it. Refused people
get a 404, not a 403, so the report's existence is not confirmed to them.
"""

from django.http import Http404

from . import selectors


class ReportAccessMixin:
    """Mixin for report views: 404 unless ``selectors.can_view_reports(request.user)``."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_view_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
