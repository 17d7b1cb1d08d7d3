from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Enrolment
from .viewsets import EnrolmentPermissionPolicy, EnrolmentViewSet

register_permission_policy(Enrolment, EnrolmentPermissionPolicy(Enrolment))


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("courses_enrolments")
