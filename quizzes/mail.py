from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lms.urls_abs import absolute_reverse

# The learner UI's result page (its presence is a system check: quizzes.checks, E003).
RESULT_URL_NAME = "quizzes:result"


def result_url(attempt):
    return absolute_reverse(RESULT_URL_NAME, kwargs={"public_id": attempt.public_id})


def attempt_marked_mail_send(*, attempt):
    """The marked result: score, passed or not, and a link to the feedback."""
    context = {"attempt": attempt, "result_url": result_url(attempt)}
    with translation.override("de"):
        subject = _("Your Lernkontrolle has been marked")
        body = render_to_string("quizzes/email/attempt_marked.txt", context)
    send_mail(subject, body, None, [attempt.user.email])
