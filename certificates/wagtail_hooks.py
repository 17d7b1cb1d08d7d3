from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Certificate
from .viewsets import CertificatePermissionPolicy, CertificateViewSet

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificates_viewset():
    return CertificateViewSet()


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    from .services import LOG_REINSTATE, LOG_REISSUE, LOG_REVOKE

    actions.register_action(LOG_REVOKE, _("Revoked"), _("Certificate revoked"))
    actions.register_action(LOG_REISSUE, _("Re-issued"), _("Certificate re-issued"))
    actions.register_action(LOG_REINSTATE, _("Reinstated"), _("Certificate reinstated"))


@hooks.register("courses_completed_actions")
def certificate_downloads(enrolments):
    """courses.extensions: the download of each completed enrolment's newest valid
    certificate, on the course page and the learner's cards (1 query for all rows)."""
    from django.template.loader import render_to_string

    from .selectors import newest_valid_certificates

    return {
        pk: render_to_string("certificates/includes/certificate_link.html", {"certificate": cert})
        for pk, cert in newest_valid_certificates(enrolments).items()
        if cert is not None
    }


@hooks.register("accounts_profile_sections")
def old_name_certificates(request):
    """accounts.extensions: on the profile, certificates that still print an old name, with
    a re-issue button (empty when there are none)."""
    from django.template.loader import render_to_string

    from .selectors import certificates_with_old_name

    certificates = list(
        certificates_with_old_name(request.user).only("serial", "course_title", "holder_name")
    )
    if not certificates:
        return ""
    return render_to_string(
        "certificates/includes/name_change_notice.html",
        {"certificates": certificates},
        request=request,
    )
