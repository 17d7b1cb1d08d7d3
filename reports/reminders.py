from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from lms.ids import parse_ids

from . import selectors
from .services import reminders_send


@require_POST
def send_reminders(request):
    if not selectors.can_view_reports(request.user):
        raise Http404
    ids = parse_ids(request.POST.getlist("enrolment"))
    # Only overdue enrolments of the sender's scope; other ids are silently ignored, so the
    # answer never tells whether an id outside the scope exists.
    enrolments = selectors.overdue(selectors.enrolments_in_scope(request.user)).filter(pk__in=ids)
    sent, skipped = reminders_send(enrolments=enrolments, sent_by=request.user)
    if sent:
        messages.success(
            request,
            ngettext(
                "A reminder was sent to %(count)d person.",
                "Reminders were sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(count)d person already had a reminder today.",
                "%(count)d people already had a reminder today.",
                skipped,
            )
            % {"count": skipped},
        )
    if not sent and not skipped:
        messages.warning(request, gettext("Please select at least one overdue enrolment."))
    return redirect("reports:overdue")
