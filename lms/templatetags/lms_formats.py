"""Template filters for the date forms of ``lms.formats`` that Django's named formats lack
(registered as a template library in settings: ``lms`` is no installed app).

Plain dates and date-times use Django's ``date`` filter with a named format
(``SHORT_DATE_FORMAT``, ``DATETIME_FORMAT``); these filters add the weekday and the
24-hour time of day.
"""

from django import template

from lms import formats

register = template.Library()


@register.filter
def weekday_datetime(value, form=""):
    """``{{ date|weekday_datetime }}`` "Montag, 22.11.2026, 09:00";
    ``{{ date|weekday_datetime:"short" }}`` "Mo, 22.11.2026, 09:00"."""
    return formats.format_weekday_datetime(value, short=form == "short")


@register.filter
def time_of_day(value):
    """``{{ date|time_of_day }}`` "09:00" in Europe/Berlin, 24-hour in every UI language."""
    return formats.format_time(value)
