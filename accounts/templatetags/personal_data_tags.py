"""Rendering a DSGVO export (accounts.personal_data) as readable, accessible HTML."""

import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lms.formats import format_datetime, format_decimal

register = template.Library()


def _scalar(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return format_datetime(value)
    if isinstance(value, Decimal | float):
        return format_decimal(value)
    return str(value)


def _is_flat(value):
    return not isinstance(value, dict | list)


def _label(labels, key):
    return str(labels.get(key, key))


def _render(value, labels):
    if isinstance(value, dict):
        return format_html(
            '<dl class="facts">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((_label(labels, key), _render(item, labels)) for key, item in value.items()),
            ),
        )
    if isinstance(value, list):
        if not value:
            return format_html("<p>{}</p>", _("No entries."))
        if all(isinstance(item, dict) for item in value):
            keys = list(dict.fromkeys(key for item in value for key in item))
            if all(_is_flat(item.get(key)) for item in value for key in keys):
                head = format_html_join(
                    "", '<th scope="col">{}</th>', ((_label(labels, key),) for key in keys)
                )
                rows = format_html_join(
                    "",
                    "<tr>{}</tr>",
                    (
                        (
                            format_html_join(
                                "", "<td>{}</td>", ((_scalar(item.get(key)),) for key in keys)
                            ),
                        )
                        for item in value
                    ),
                )
                # Focusable so keyboard users can scroll a wide table (WCAG 2.1.1).
                return format_html(
                    '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">'
                    "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>",
                    _("Table, scrolls sideways"),
                    head,
                    rows,
                )
            return format_html_join(
                "",
                '<div class="personal-data__record">{}</div>',
                ((_render(item, labels),) for item in value),
            )
        if all(_is_flat(item) for item in value):
            return format_html(
                "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((_scalar(i),) for i in value))
            )
        return mark_safe("".join(str(_render(item, labels)) for item in value))  # noqa: S308
    return format_html("{}", _scalar(value))


@register.simple_tag
def personal_data(value, labels):
    """``value`` (a section's data) as HTML: a record as a definition list, records of plain
    values as a table, nested records as one block each; dates in TIME_ZONE (15.11.2026
    00:30), numbers with a decimal comma, yes/no for booleans. ``labels``: key -> heading."""
    return _render(value, labels or {})


@register.filter
def local_when(value):
    """A date or datetime as 15.11.2026 / 15.11.2026 00:30 in TIME_ZONE (lms.formats)."""
    return format_datetime(value)
