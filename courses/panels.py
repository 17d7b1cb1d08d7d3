"""Editor panels of the course page."""

from wagtail.admin.panels import Panel


class EnrolmentCountsPanel(Panel):
    """Read-only figures in the course editor: enrolled, in progress, completed, overdue."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/panels/enrolment_counts.html"

        def is_shown(self):
            # A course that is being created has nobody enrolled yet.
            return bool(self.instance and self.instance.pk) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["counts"] = self.instance.enrolments.filter(is_active=True).totals()
            return context
