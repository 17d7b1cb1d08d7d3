"""Dates as people read them (lms.formats): the weekday forms of session dates and the time
of day, in Europe/Berlin and 24-hour in both UI languages."""

import datetime

from django.template import Context, Template
from django.utils import translation

from lms.formats import format_percent, format_time, format_weekday_datetime

# 08:00 UTC on Monday 23.11.2026 is 09:00 in Berlin.
MONDAY_NINE = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.UTC)


def test_a_session_date_shows_weekday_date_and_local_time():
    with translation.override("de"):
        assert format_weekday_datetime(MONDAY_NINE) == "Montag, 23.11.2026, 09:00"
        assert format_weekday_datetime(MONDAY_NINE, short=True) == "Mo, 23.11.2026, 09:00"
    assert format_weekday_datetime(None) == ""


def test_the_time_of_day_is_24_hour_in_english_too():
    with translation.override("en"):
        assert format_time(MONDAY_NINE + datetime.timedelta(hours=5)) == "14:00"
    assert format_time(None) == ""


def test_templates_use_the_same_forms():
    template = Template(
        "{% load lms_formats %}{{ d|weekday_datetime }}–{{ d|time_of_day }}"
        ' · {{ d|date:"DATETIME_FORMAT" }} · {{ d|weekday_datetime:"short" }}'
    )
    with translation.override("de"):
        text = template.render(Context({"d": MONDAY_NINE}))
    assert text == "Montag, 23.11.2026, 09:00–09:00 · 23.11.2026, 09:00 · Mo, 23.11.2026, 09:00"


def test_a_rate_reads_with_a_space_before_the_percent_sign_and_a_dash_when_there_is_none():
    assert format_percent(85) == "85 %"
    assert format_percent(None) == "–"
