"""Admin forms of the organisations app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.roles import MANAGERS, role_members


class ManagerScopeForm(WagtailAdminModelForm):
    """Offers (and accepts) only members of "Manager:innen" as the scope's manager: a scope
    lets its holder see people's progress, so a learner's id in a forged POST is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("manager")
        if field is not None:
            field.queryset = role_members(MANAGERS)
            field.error_messages["invalid_choice"] = _(
                "Only members of the group “Manager:innen” can have a manager scope."
            )
