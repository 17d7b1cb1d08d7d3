"""Admin table columns that show absolute local dates (Wagtail's ``DateColumn`` shows relative
times such as "Jetzt gerade" even for a due date weeks ahead)."""

from wagtail.admin.ui.tables import Column

from lms import formats


class LocalDateColumn(Column):
    """A date or datetime shown as "15.11.2026" (the day in TIME_ZONE)."""

    def get_value(self, instance):
        return formats.format_date(super().get_value(instance))


class LocalDateTimeColumn(Column):
    """A datetime shown as "15.11.2026 00:30" in TIME_ZONE."""

    def get_value(self, instance):
        return formats.format_datetime(super().get_value(instance))
