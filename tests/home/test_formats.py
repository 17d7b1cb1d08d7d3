import datetime

from django.template import Context, Template
from django.utils import translation


def test_dates_read_as_in_german_offices():
    template = Template("{{ day|date }} {{ day|date:'SHORT_DATE_FORMAT' }}")
    with translation.override("de"):
        rendered = template.render(Context({"day": datetime.date(2026, 11, 22)}))
    assert rendered == "22.11.2026 22.11.2026"
