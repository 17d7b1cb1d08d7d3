from django.urls import path

from . import feed

app_name = "events"

urlpatterns = [
    path("", feed.my_calendar, name="calendar"),
    path("erneuern/", feed.renew, name="calendar_renew"),
    path("abschalten/", feed.revoke, name="calendar_revoke"),
    path("<str:token>.ics", feed.feed, name="feed"),
]
