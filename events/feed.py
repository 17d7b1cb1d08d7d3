"""The private calendar feed: a secret URL per person (revocable), and the page that shows it."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.urls_abs import absolute_reverse

from .ical import feed_ics
from .models import CalendarFeed
from .selectors import feed_contents


@transaction.atomic
def calendar_feed_renew(*, user):
    """Give ``user`` a new secret feed token (>= 256 bits, ``secrets``); the old address
    stops working at once. Returns the ``CalendarFeed``."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    if not _created:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token", "created_at"])
    return feed


@login_required
def my_calendar(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = absolute_reverse("events:feed", kwargs={"token": feed.token}) if feed else None
    return render(request, "events/my_calendar.html", {"feed_url": url})


@login_required
@require_POST
def renew(request):
    calendar_feed_renew(user=request.user)
    messages.success(
        request, _("Your calendar address is new. The previous address no longer works.")
    )
    return redirect("events:calendar")


@login_required
@require_POST
def revoke(request):
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, _("Your calendar address is switched off."))
    return redirect("events:calendar")


def feed(request, token):
    """The .ics of the person holding ``token`` (no login: calendar programs send none)."""
    entry = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if entry is None or not entry.user.is_active:
        raise Http404
    registrations, due = feed_contents(entry.user)
    response = HttpResponse(
        feed_ics(registrations=registrations, due_enrolments=due),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response
