"""What people type in courses: Unterrichtseinheiten in the admin, reflection answers.

Observed: "0,5" typed into "Unterrichtseinheiten" in a German browser became "05" (an
``<input type="number">``) and was saved as 5 UE; a NUL byte in a reflection answer was a
500 on PostgreSQL (``DataError``).
"""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses import services
from courses.models import ModulePage, ReflectionAnswer
from lms.forms import LocalizedDecimalField
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

REFLECTION_ID = "22222222-2222-2222-2222-222222222222"


def module_form_class():
    return ModulePage.get_edit_handler().get_form_class()


def test_the_units_field_is_a_text_box_that_reads_a_decimal_comma(client):
    course = make_course(modules=1)
    module = course.modules().get()
    module.units = Decimal("0.5")
    module.save_revision().publish()
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(f"/verwaltung/pages/{module.pk}/edit/").content.decode()
    units = re.search(r'<input[^>]*name="units"[^>]*>', page).group(0)
    assert 'type="text"' in units and 'inputmode="decimal"' in units
    assert 'value="0,5"' in units  # shown German-style, never "0.5" nor "05"


@pytest.mark.parametrize(("typed", "units"), [("0,5", "0.5"), ("0.5", "0.5"), ("1,5", "1.5")])
def test_units_typed_the_german_way_are_what_was_meant(typed, units):
    form = module_form_class()(instance=ModulePage(), for_user=UserFactory(is_superuser=True))
    assert isinstance(form.fields["units"], LocalizedDecimalField)
    assert form.fields["units"].clean(typed) == Decimal(units)


@pytest.mark.parametrize(
    ("typed", "message"), [("1.000", "nicht eindeutig"), ("0,5 UE", "Zahl"), ("NaN", "Zahl")]
)
def test_units_that_cannot_be_meant_are_refused_with_a_german_message(typed, message):
    form = module_form_class()(instance=ModulePage(), for_user=UserFactory(is_superuser=True))
    with pytest.raises(ValidationError) as error:
        form.fields["units"].clean(typed)
    assert message in " ".join(error.value.messages)


@pytest.fixture
def reflective_module():
    course = make_course(modules=1)
    module = course.modules().get()
    module.body = [
        {
            "type": "reflection",
            "id": REFLECTION_ID,
            "value": {"question": "Wen rufen Sie zuerst an?", "hint": ""},
        }
    ]
    module.save_revision().publish()
    return ModulePage.objects.get(pk=module.pk)


@pytest.mark.parametrize("typed", ["Das Jugendamt\x00", "\x1b[2J", "Bell\x07"])
def test_a_reflection_with_control_characters_is_refused_with_a_message(
    client, reflective_module, typed
):
    learner = UserFactory()
    services.enrolment_create(user=learner, course=reflective_module.get_parent().specific)
    client.force_login(learner)
    url = f"{reflective_module.url}reflection/{REFLECTION_ID}/"
    response = client.post(url, {"answer": typed}, follow=True)
    assert response.status_code == 200
    assert "Steuerzeichen" in response.content.decode()
    assert not ReflectionAnswer.objects.exists()
    client.post(url, {"answer": "Erstens:\r\n\tdas Jugendamt"})
    assert ReflectionAnswer.objects.get().text == "Erstens:\r\n\tdas Jugendamt"
