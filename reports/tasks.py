from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from lms.formats import format_date
from lms.urls_abs import absolute_url


@task()
def send_reminder(reminder_id):
    from .models import Reminder

    reminder = Reminder.objects.select_related("user").get(pk=reminder_id)
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "Hello %(name)s,\n\nthe due date of these courses has passed:\n\n%(courses)s\n\n"
            "Please complete them soon: %(url)s\n"
        ) % {
            "name": reminder.user.get_full_name() or reminder.user.email,
            "courses": "\n".join(f"– {title}" for title in reminder.courses.splitlines()),
            "url": absolute_url("/"),
        }
        send_mail(_("Reminder: overdue courses"), body, None, [reminder.user.email])


@task()
def send_assignment_notice(enrolment_id):
    from courses.models import Enrolment

    enrolment = Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
    with translation.override(settings.LANGUAGE_CODE):
        due = format_date(enrolment.due_date) or _("none")
        body = _(
            "Hello %(name)s,\n\nyou have been enrolled in the course “%(course)s”.\n"
            "Due date: %(due)s\n\nStart here: %(url)s\n"
        ) % {
            "name": enrolment.user.get_full_name() or enrolment.user.email,
            "course": enrolment.course.title,
            "due": due,
            "url": absolute_url(enrolment.course.url or "/"),
        }
        send_mail(
            _("New course assigned: %(course)s") % {"course": enrolment.course.title},
            body,
            None,
            [enrolment.user.email],
        )


@task()
def send_invitation(user_id):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.get(pk=user_id)
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "Hello %(name)s,\n\nan account has been created for you at KoFo, the training "
            "platform of %(organisation)s.\nPlease choose your password here: %(url)s\n"
        ) % {
            "name": user.get_full_name(),
            "organisation": user.organisation,
            "url": absolute_url(path),
        }
        send_mail(_("Your invitation to KoFo"), body, None, [user.email])
