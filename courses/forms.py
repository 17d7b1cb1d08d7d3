"""The course page's admin form: only trainers can be made responsible for a course."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lms.roles import TRAINERS, role_members


class CoursePageForm(WagtailAdminPageForm):
    """Offers (and accepts) only members of "Trainer:innen" as responsible trainers: being
    responsible lets a person try the course out and see its Lernkontrollen, so a learner's
    id in a forged POST is refused at the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("responsible_trainers")
        if field is not None:
            field.queryset = role_members(TRAINERS)
            field.error_messages["invalid_choice"] = _(
                "Only members of the group “Trainer:innen” can be responsible trainers."
            )
