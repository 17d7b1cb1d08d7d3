import io

import pytest
from django.contrib.auth import get_user_model

from certificates import demo
from certificates.models import Certificate, CertificateSettings
from tests.factories import UserFactory, make_course

from .factories import completed_enrolment

pytestmark = pytest.mark.django_db


def test_seed_without_the_short_course_prints_nothing_and_sets_the_template():
    out = io.StringIO()
    demo.seed(out)
    assert out.getvalue() == ""
    assert CertificateSettings.objects.get().place == "Oberhausen"


def test_seed_ensures_lernender2_has_the_certificate_once():
    user = UserFactory(email=demo.HOLDER)
    course = make_course(modules=2, title="Stark im Beruf kompakt", slug=demo.SHORT_COURSE)
    completed_enrolment(user=user, course=course)
    Certificate.objects.all().delete()
    for _run in range(2):
        demo.seed(io.StringIO())
    holder = get_user_model().objects.get(email=demo.HOLDER)
    assert Certificate.objects.filter(holder=holder).count() == 1
