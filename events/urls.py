from django.urls import path, re_path

from . import feed

app_name = "events"

urlpatterns = [
    path("", feed.my_calendar, name="calendar"),
    path("erneuern/", feed.renew, name="calendar_renew"),
    path("abschalten/", feed.revoke, name="calendar_revoke"),
    # Only what secrets.token_urlsafe makes reaches the database (no NUL, no 100 kB ids).
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", feed.feed, name="feed"),
]
