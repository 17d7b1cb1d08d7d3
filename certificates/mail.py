from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lms.urls_abs import absolute_reverse


def certificate_mail_send(*, certificate):
    """Tells the holder that the certificate is ready, with a link to the download."""
    context = {
        "certificate": certificate,
        "download_url": absolute_reverse("certificates:download", args=[certificate.pk]),
        "view_url": absolute_reverse("certificates:view", args=[certificate.pk]),
        "list_url": absolute_reverse("certificates:mine"),
    }
    with translation.override("de"):
        subject = _("Your certificate of attendance is ready")
        body = render_to_string("certificates/email/certificate_ready.txt", context)
    send_mail(subject, body, None, [certificate.holder.email])


def certificate_refused_mail_send(*, enrolment, message):
    """Tells Administration (the group, active accounts with an address) why a certificate
    for ``enrolment`` was not issued; ``message`` is the service's German explanation."""
    from django.contrib.auth import get_user_model

    from lms.roles import ADMINISTRATION

    recipients = list(
        get_user_model()
        .objects.filter(groups__name=ADMINISTRATION, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    context = {
        "enrolment": enrolment,
        "message": message,
        "admin_url": absolute_reverse("wagtailadmin_home"),
    }
    with translation.override("de"):
        subject = _("Certificate not issued: %(course)s") % {"course": enrolment.course.title}
        body = render_to_string("certificates/email/certificate_refused.txt", context)
    send_mail(subject, body, None, recipients)


def refresher_mail_send(*, enrolment):
    """Tells the person that a refresher of ``enrolment.course`` is due by
    ``enrolment.due_date`` (the expiry of the current certificate, shown as 22.11.2026)."""
    from lms.formats import format_date
    from lms.urls_abs import absolute_url

    context = {
        "name": enrolment.user.get_full_name() or enrolment.user.email,
        "course": enrolment.course.title,
        "valid_until": format_date(enrolment.due_date),
        "course_url": absolute_url(enrolment.course.url or "/"),
    }
    with translation.override("de"):
        subject = _("Refresher due by %(date)s: %(course)s") % {
            "date": context["valid_until"],
            "course": enrolment.course.title,
        }
        body = render_to_string("certificates/email/refresher_due.txt", context)
    send_mail(subject, body, None, [enrolment.user.email])
