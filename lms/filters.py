"""Report and listing filters that take what people type without an HTTP 500.

Django-filter's date range turns each date into an aware datetime at local midnight; for
01.01.0001 that is before datetime.min in UTC (``OverflowError``), and dates far in the
future overflow the same way. A date a person can mean here lies between 1900 and 2999:
anything else is refused at the field with a translated message, like any other bad date.
"""

import datetime

import django_filters
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


class BoundedDateRangeField(DateRangeField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields:
            field.validators += [
                MinValueValidator(EARLIEST, message=_("Please enter a date after 1900.")),
                MaxValueValidator(LATEST, message=_("Please enter a date before 3000.")),
            ]


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """``DateFromToRangeFilter`` for local days (Europe/Berlin) from 1900 to 2999."""

    field_class = BoundedDateRangeField
