"""The one home of how dates, times and numbers are written (pages, mails, exports).

The format strings themselves live in ``lms/formats/<language>/formats.py`` (Django's
FORMAT_MODULE_PATH); this module only adds what Django leaves to the caller: turning a stored
UTC time into a local one (settings.TIME_ZONE, Europe/Berlin) *before* formatting it, and the
fixed German forms used by spreadsheets for German offices.

Rule: time is stored in UTC and shown, filtered, mailed and exported in TIME_ZONE
(ARCHITECTURE.md, "Invariants"); German dates read 15.11.2026 (DIN 5008 numeric form).
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone

# Spreadsheet cell formats. XLSX number formats are stored locale-neutral ("." = decimal,
# "," = thousands) and German Excel/LibreOffice display them with a decimal comma.
XLSX_DATE = "DD.MM.YYYY"
XLSX_DATETIME = "DD.MM.YYYY HH:MM"
XLSX_INTEGER = "0"
# Times of day are 24-hour in every UI language (Django's English default would be "9 a.m.").
TIME = "H:i"


def local_datetime(value):
    """An aware datetime in TIME_ZONE (naive values are taken as already local); None stays."""
    if value is None:
        return None
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def local_date(value):
    """The calendar day in TIME_ZONE of ``value`` (a datetime or date), or None.

    00:30 on 15.11. in Berlin is 23:30 UTC on 14.11.: the day is the 15th.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return local_datetime(value).date()
    return value


def format_date(value):
    """``value`` (date or datetime) as "15.11.2026" in TIME_ZONE; "" for None."""
    day = local_date(value)
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def format_datetime(value):
    """``value`` as "15.11.2026 00:30" in TIME_ZONE (a plain date as "15.11.2026"); "" for None."""
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    return formats.date_format(local_datetime(value), "SHORT_DATETIME_FORMAT")


def format_time(value):
    """``value`` (a datetime) as "00:30" in TIME_ZONE, 24-hour in every UI language; "" for
    None."""
    if value is None:
        return ""
    return formats.time_format(local_datetime(value), TIME)


def format_weekday_datetime(value, *, short=False):
    """``value`` (a datetime) as "Montag, 22.11.2026, 09:00" in TIME_ZONE (``short``:
    "Mo, 22.11.2026, 09:00"), the weekday in the UI language; "" for None. For session dates,
    where the weekday helps people plan."""
    if value is None:
        return ""
    weekday = "D" if short else "l"
    return formats.date_format(
        local_datetime(value), f"{weekday}, {formats.get_format('DATETIME_FORMAT')}"
    )


def format_percent(value):
    """A whole percentage as "85 %" (DIN 5008: a space before %); "–" for None (no rate)."""
    return "–" if value is None else f"{value} %"


def format_decimal(value):
    """A number with a decimal comma and no grouping ("2,0", "1234,5") – what German
    spreadsheets read as a number whatever the UI language is; "" for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    return str(value).replace(".", ",")


def xlsx_number_format(value):
    """The XLSX number format that shows ``value`` (int, Decimal, float) with its decimals."""
    if isinstance(value, int):
        return XLSX_INTEGER
    if isinstance(value, float):
        value = Decimal(repr(value))
    places = max(0, -value.as_tuple().exponent)
    return "0." + "0" * places if places else XLSX_INTEGER
