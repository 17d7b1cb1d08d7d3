"""Authorization matrix: who sees whom, for every report, export, listing and picker.

The URLs are found, not listed: every Wagtail ``ReportView`` the project registers (with
its CSV and XLSX exports), every admin listing (``IndexView``) of a model that points at a
person, every page of the ``reports`` and ``certificates_certificate`` namespaces that takes no
argument, and the admin home (figures and charts). A new report is covered by adding
nothing. Each is requested as six kinds of people; no response of anyone but Administration
may name the person outside the manager's scope.
"""

import csv
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports import ReportView

from courses.models import Enrolment
from lms.roles import ADMINISTRATION, MANAGERS, TRAINERS
from organisations.models import ManagerScope
from tests.certificates.factories import completed_enrolment
from tests.factories import UserFactory, make_course

from .conftest import SECRET

pytestmark = pytest.mark.django_db

# What must never reach anyone but Administration: the Gelsenkirchen person and their place.
OUT_OF_SCOPE = (SECRET, "geheim@example.org", "Gelsenkirchen")
GET_NAMESPACES = ("reports", "certificates_certificate")
REFUSED = (302, 403, 404)


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(pattern.url_patterns, full)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _points_at_a_person(model):
    user_model = settings.AUTH_USER_MODEL.lower()
    return model is not None and any(
        isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.related_model._meta.label_lower == user_model
        for field in model._meta.get_fields()
        if field.concrete
    )


def _exports(view_class, initkwargs):
    return bool(initkwargs.get("list_export") or getattr(view_class, "list_export", None))


def scoped_urls():
    """[(url, exports?)] of every report, listing and scoped admin page without arguments."""
    found = {reverse("wagtailadmin_home"): False}
    for name, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        view_class = getattr(callback, "view_class", None)
        initkwargs = getattr(callback, "view_initkwargs", {}) or {}
        model = initkwargs.get("model") or getattr(view_class, "model", None)
        is_report = view_class is not None and issubclass(view_class, ReportView)
        is_listing = (
            view_class is not None
            and issubclass(view_class, IndexView)
            and _points_at_a_person(model)
        )
        in_namespace = name.split(":")[0] in GET_NAMESPACES
        if not (is_report or is_listing or in_namespace):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # needs an argument (a single object): covered below
            continue
        found[url] = bool(view_class) and _exports(view_class, initkwargs)
    return sorted(found.items())


def test_the_matrix_finds_every_kofo_report_and_listing():
    urls = dict(scoped_urls())
    for name in ("completion", "learner_progress", "overdue", "quizzes"):
        assert urls[reverse(f"reports:{name}")] is True
        assert reverse(f"reports:{name}_results") in urls
    assert urls[reverse("certificates_certificate:index")] is True
    assert urls[reverse("courses_enrolments:index")] is True
    assert reverse("reports:assign") in urls and reverse("certificates_certificate:zip_new") in urls
    assert reverse("wagtailadmin_home") in urls


def _body(response):
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    if data[:2] == b"PK":  # XLSX
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    text = data.decode("utf-8-sig", errors="replace")
    if response.get("Content-Type", "").startswith("text/csv"):
        return " ".join(cell for row in csv.reader(io.StringIO(text)) for cell in row)
    return text


def _with_roles(user, *roles):
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def people(world):
    """Six kinds of people around the Oberhausen world of ``conftest.world``."""
    secret = world["ge"]
    # The manager-trainer is responsible for a course the Gelsenkirchen person completed.
    manager_trainer = _with_roles(
        UserFactory(email="leitung-und-trainer@example.org", organisation=world["jc_ob"]),
        MANAGERS,
        TRAINERS,
    )
    ManagerScope.objects.create(manager=manager_trainer).regions.add(world["jc_ob"].region)
    outside_course = make_course(title="Kinderschutz kompakt", modules=1)
    outside_course.responsible_trainers.add(manager_trainer)
    outside_course.save()  # a ParentalManyToManyField is written on save
    completed_enrolment(user=secret, course=outside_course)
    completed_enrolment(user=world["ob"][1], course=outside_course)
    # A pure trainer, responsible for a course with Oberhausen learners only.
    trainer = _with_roles(UserFactory(organisation=None), TRAINERS)
    own_course = make_course(title="Hilfeplanung", modules=1)
    own_course.responsible_trainers.add(trainer)
    own_course.save()
    Enrolment.objects.create(user=world["ob"][0], course=own_course)
    assert list(manager_trainer.responsible_for_courses.all()) == [outside_course]
    return {
        "manager": world["manager"],
        "manager_trainer": manager_trainer,
        "administration": _with_roles(UserFactory(organisation=None), ADMINISTRATION),
        "trainer": trainer,
        "learner": world["ob"][0],
        "anonymous": None,
        "secret_certificate": secret.certificates.get(),
    }


def _object_urls(certificate):
    return [
        reverse("certificates_certificate:inspect", args=[certificate.pk]),
        reverse("certificates:download", args=[certificate.pk]),
        reverse("certificates_certificate:revoke", args=[certificate.pk]),
        reverse("certificates_certificate:reissue", args=[certificate.pk]),
    ]


def _responses(client, certificate):
    for url, exports in scoped_urls():
        yield url, client.get(url)
        if exports:
            for kind in ("csv", "xlsx"):
                yield f"{url}?export={kind}", client.get(url, {"export": kind})
    for url in _object_urls(certificate):
        yield url, client.get(url)


@pytest.mark.parametrize("role", ["manager", "manager_trainer", "trainer", "learner", "anonymous"])
def test_nobody_but_administration_sees_the_person_outside_the_scope(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    leaks, refused = [], []
    for url, response in _responses(client, people["secret_certificate"]):
        assert response.status_code != 500, url
        body = _body(response)
        leaks += [(url, marker) for marker in OUT_OF_SCOPE if marker in body]
        if role in ("learner", "anonymous") and response.status_code not in REFUSED:
            refused.append((url, response.status_code))
        if url in _object_urls(people["secret_certificate"]):
            assert response.status_code in REFUSED, (url, response.status_code)
    assert leaks == []
    assert refused == []


def test_managers_still_see_their_own_people(client, people, world):
    for role in ("manager", "manager_trainer"):
        client.force_login(people[role])
        progress = client.get(reverse("reports:learner_progress"), {"export": "csv"})
        body = _body(progress)
        assert all(person.email in body for person in world["ob"]), role
        assert "Familienzentrum Oberhausen" in client.get(reverse("wagtailadmin_home")).text


def test_administration_sees_everybody_without_being_superuser(client, people, world):
    admin = people["administration"]
    assert not admin.is_superuser
    client.force_login(admin)
    inside = tuple(person.email for person in world["ob"]) + ("Jobcenter Oberhausen",)
    missing = []
    for url, response in _responses(client, people["secret_certificate"]):
        assert response.status_code != 500, url
        body = _body(response)
        # Wherever Administration sees the Oberhausen people, it sees Gelsenkirchen too.
        if any(marker in body for marker in inside) and not any(
            marker in body for marker in OUT_OF_SCOPE
        ):
            missing.append(url)
    assert missing == []
    for url in _object_urls(people["secret_certificate"])[:3]:
        assert client.get(url).status_code == 200, url
    listing = client.get(reverse("certificates_certificate:index")).text
    assert SECRET in listing
    enrolments = _body(client.get(reverse("courses_enrolments:index"), {"export": "csv"}))
    assert "geheim@example.org" in enrolments or SECRET in enrolments
