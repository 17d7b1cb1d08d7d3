"""The reports app's mails (sent from ``reports.tasks``), in the site language."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from lms.formats import format_date
from lms.urls_abs import absolute_url


def reminder_mail_send(*, reminder) -> None:
    """Remind ``reminder.user`` of the overdue courses listed in ``reminder.courses`` (one
    title per line), with a link to the site. Returns nothing; mail errors propagate."""
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


def assignment_mail_send(*, enrolment) -> None:
    """Tell ``enrolment.user`` that the course was assigned to them, with the due date
    (22.11.2026, or "keines") and a link to the course. Returns nothing; mail errors
    propagate."""
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
