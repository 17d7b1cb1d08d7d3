"""Admin panels of the quiz editor that show publishing problems as warnings at the field.

``QuizAdminForm`` puts ``publish_warnings`` (``{field or relation name: [message, …]}``) on
the quiz form and each question form when a draft is saved or the edit page opens; these
panels render the ones of their field under a warning sign, next to the field. Publishing
still refuses with the same messages as errors.
"""

from wagtail.admin.panels import FieldPanel

# Our InlinePanel answers tampered inline rows with a message (lms.formsets), not a 500.
from lms.formsets import InlinePanel


def _warnings(form, name):
    return list(getattr(form, "publish_warnings", {}).get(name, []))


class WarnedInlinePanel(InlinePanel):
    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "quizzes/admin/panels/inline_panel_warnings.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["publish_warnings"] = _warnings(self.form, self.panel.relation_name)
            context["warnings_id"] = f"{self.formset.prefix}-publish-warnings"
            return context


class WarnedFieldPanel(FieldPanel):
    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "quizzes/admin/panels/field_panel_warnings.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["publish_warnings"] = _warnings(self.form, self.field_name)
            context["warnings_id"] = f"{self.prefix}-publish-warnings"
            return context
