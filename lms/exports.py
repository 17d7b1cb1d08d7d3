"""Spreadsheet exports German offices can open: one mixin for every CSV/XLSX export.

Wagtail's ``SpreadsheetExportMixin`` (ReportView, ModelViewSet's IndexView) writes CSV as
comma-separated UTF-8 without BOM, dates as ``2026-11-16`` and datetimes in UTC, decimals as
``2.0``; German Excel then garbles umlauts and splits nothing. ``GermanExportMixin`` goes in
front of it (``class View(GermanExportMixin, ReportView)``) and changes, through Wagtail's own
hooks (``preprocess_field_value``, ``stream_csv``, ``generate_xlsx_row``, ``write_xlsx``):

- CSV: UTF-8 with BOM, ``;`` as delimiter, CRLF, dates ``15.11.2026`` and times
  ``15.11.2026 00:30`` in TIME_ZONE, decimals ``2,0``, booleans ``Ja``/``Nein``;
- CSV injection (OWASP "CSV Injection"): every text cell that starts with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return is prefixed with ``'`` so no spreadsheet runs it as a formula;
- XLSX: real date, datetime (local, naive – Excel has no time zones) and number cells with
  German display formats (``DD.MM.YYYY``); text stays a text cell, never a formula;
- the export buttons are header buttons next to the title, not hidden in the "…" menu;
- XLSX is written to a temporary file that is streamed, not built in memory.
"""

import csv
import datetime
import tempfile
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.widgets import HeaderButton

from lms import formats

BOM = "\ufeff"
CSV_DELIMITER = ";"
# OWASP: characters that make a spreadsheet treat a cell as a formula or a command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """``text`` made inert for spreadsheets: a leading formula trigger gets a ``'`` prefix.

    Source: OWASP, "CSV Injection" (prefix cells beginning with = + - @ tab CR with a single
    quote). ``"=HYPERLINK(…)"`` → ``"'=HYPERLINK(…)"``; ``"Müller"`` stays as it is.
    """
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_cell(value):
    """One CSV cell (str) as German spreadsheets read it; any text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.format_datetime(value)
    if isinstance(value, datetime.date):
        return formats.format_date(value)
    if isinstance(value, (Decimal, float)):
        return formats.format_decimal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return neutralise(", ".join(force_str(item) for item in value))
    return neutralise(force_str(value))


def xlsx_value(value):
    """(value, number_format or None) for one XLSX cell; text stays text."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return (gettext("Yes") if value else gettext("No")), None
    if isinstance(value, datetime.datetime):
        return formats.local_datetime(value).replace(tzinfo=None), formats.XLSX_DATETIME
    if isinstance(value, datetime.date):
        return value, formats.XLSX_DATE
    if isinstance(value, (int, Decimal, float)):
        return value, formats.xlsx_number_format(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(force_str(item) for item in value), None
    return force_str(value), None


class _Echo:
    def write(self, value):
        return value.encode("utf-8")


class GermanExportMixin:
    """Put before Wagtail's view class: CSV/XLSX exports for German offices (module doc)."""

    export_buttons_in_header = True

    def preprocess_field_value(self, field, value, export_format):
        # A view's own ``custom_field_preprocess`` still wins (Wagtail's contract).
        if export_format in self.custom_field_preprocess.get(field, {}):
            value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return csv_cell(value)
        return value

    def get_heading(self, queryset, field):
        return neutralise(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield BOM.encode("utf-8")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        from openpyxl.cell import WriteOnlyCell

        for field, value in row_dict.items():
            value = self.preprocess_field_value(field, value, self.FORMAT_XLSX)
            value, number_format = xlsx_value(value)
            cell = WriteOnlyCell(worksheet, value)
            # openpyxl would store "=…" as a formula: it must stay the text a person typed.
            if cell.data_type == "f":
                cell.data_type = "s"
            if number_format:
                cell.number_format = number_format
            yield cell

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(title=force_str(self.get_filename())[:31])
        worksheet.append([self.get_heading(queryset, field) for field in self.list_export])
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item)))
        workbook.save(output)

    def write_xlsx_response(self, queryset):
        # FileResponse closes (and so deletes) the temporary file once it has been sent.
        output = tempfile.TemporaryFile()  # noqa: SIM115
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )

    def export_buttons(self):
        """The two download buttons, with the current filter in their URLs."""
        if not self.show_export_buttons:
            return []
        return [
            HeaderButton(
                gettext_lazy("Download XLSX"), url=self.xlsx_export_url, icon_name="download"
            ),
            HeaderButton(
                gettext_lazy("Download CSV (Excel, semicolon)"),
                url=self.csv_export_url,
                icon_name="download",
            ),
        ]

    @property
    def header_buttons(self):
        return [*super().header_buttons, *self.export_buttons()]

    @property
    def header_more_buttons(self):
        # Wagtail also puts the downloads into the "…" menu; they are in the header already.
        urls = {self.xlsx_export_url, self.csv_export_url}
        return [b for b in super().header_more_buttons if getattr(b, "url", None) not in urls]
