"""The small world the fuzz crawler walks: one of everything the URLs can point at.

Two learners (so every id has a "foreign" twin), one person per role, a course with a quiz
module, an open and a submitted attempt, a completion, a certificate, a manager scope. Small on
purpose: the crawler's budget goes into requests, not into data.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from courses import services as courses
from courses.models import CompletionRule, ModulePage
from home.models import ContentPage, HomePage
from lms import roles
from organisations.models import ManagerScope, OrganisationKind
from quizzes import services as quizzes
from quizzes.models import QuestionKind
from tests.certificates.factories import completed_enrolment
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, make_course
from tests.quizzes.factories import make_quiz

ROLES = ("anonymous", "learner", "trainer", "manager", "administration", "superuser")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    pages: list = field(default_factory=list)
    uuids: list = field(default_factory=list)
    codes: list = field(default_factory=list)
    # Path-parameter values for names the enumeration cannot guess (bulk actions, settings).
    named: dict = field(default_factory=dict)


def _person(email, organisation, role=None, **extra):
    user = UserFactory(email=email, organisation=organisation, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def build_world():
    """Create the world in the current transaction and return what the crawler needs."""
    world = World()
    north = RegionFactory(name="Fuzz-Nord")
    south = RegionFactory(name="Fuzz-Süd")
    jobcenter = OrganisationFactory(name="Jobcenter Fuzz-Nord", region=north)
    youth = OrganisationFactory(
        name="Jugendamt Fuzz-Süd", region=south, kind=OrganisationKind.YOUTH_SERVICES
    )
    learner = _person("fuzz-lernende@example.org", jobcenter, roles.LEARNERS)
    other = _person("fuzz-fremd@example.org", youth, roles.LEARNERS)
    trainer = _person("fuzz-trainerin@example.org", None, roles.TRAINERS)
    manager = _person("fuzz-manager@example.org", jobcenter, roles.MANAGERS)
    ManagerScope.objects.create(manager=manager).regions.add(north)
    administration = _person("fuzz-verwaltung@example.org", None, roles.ADMINISTRATION)
    superuser = _person("fuzz-admin@example.org", None, is_superuser=True, is_staff=True)
    world.users = {
        "anonymous": None,
        "learner": learner,
        "trainer": trainer,
        "manager": manager,
        "administration": administration,
        "superuser": superuser,
    }

    quiz = make_quiz(
        title="Fuzz-Lernkontrolle",
        questions=3,
        kinds=(QuestionKind.SINGLE, QuestionKind.ESSAY, QuestionKind.NUMERIC),
    )
    course = make_course(title="Fuzz-Fortbildung", modules=2)
    quiz_module = ModulePage.objects.child_of(course).last()
    quiz_module.completion_rule = CompletionRule.QUIZ
    quiz_module.quiz = quiz
    quiz_module.save_revision().publish()
    first_module = ModulePage.objects.child_of(course).first()

    courses.enrolment_create(
        user=learner, course=course, due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    courses.module_complete(user=learner, module=first_module, via="manual")
    courses.enrolment_create(user=other, course=course)
    own_attempt = quizzes.attempt_start(quiz=quiz, user=learner)
    foreign_attempt = quizzes.attempt_start(quiz=quiz, user=other)
    quizzes.attempt_submit(attempt=foreign_attempt)
    world.uuids = [str(own_attempt.public_id), str(foreign_attempt.public_id)]

    _session_world(course, learner=learner, trainer=trainer)

    certified = completed_enrolment(user=other, course=make_course(title="Fuzz-Kurzkurs"))
    world.codes = [certificate.code for certificate in certified.certificates.all()]

    home = HomePage.objects.get()
    imprint = ContentPage(title="Impressum", slug="impressum", body="<p>Fuzz</p>")
    home.add_child(instance=imprint)
    world.pages = [
        page.specific for page in home.get_descendants(inclusive=True).live().order_by("path")
    ]
    world.named = {
        "app_label": ["wagtailcore", "quizzes", "courses"],
        "model_name": ["page", "quiz", "enrolment"],
        "action": ["delete", "unpublish", "publish"],
        "content_type_app_name": ["courses", "home"],
        "content_type_model_name": ["modulepage", "coursepage"],
        "app_name": ["certificates", "home"],
    }
    return world


def _session_world(course, *, learner, trainer):
    """A session module with one offering (events): the learner has a seat, the trainer
    takes attendance, so the crawler reaches register/, cancel/ and attendance/ routes."""
    from events.services import registration_create
    from tests.events.conftest import make_offering, make_session

    _course, module = make_session(course, title="Fuzz-Termin")
    offering = make_offering(module, title="Fuzz-Ort", capacity=3, max_share_per_kind=50)
    offering.trainers.add(trainer)
    offering.save()
    registration_create(user=learner, offering=offering)
