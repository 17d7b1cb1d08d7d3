import pytest

from reports import selectors
from reports.selectors import Status

pytestmark = pytest.mark.django_db


def _permissions_loaded(user):
    # Django loads a user's permissions once per request (cached on the user object); the
    # selectors themselves run one query.
    user.get_all_permissions()
    return user


def test_learner_progress_annotates_percent_and_status(world, django_assert_num_queries):
    _permissions_loaded(world["manager"])
    with django_assert_num_queries(1):
        rows = list(selectors.learner_progress(selectors.enrolments_in_scope(world["manager"])))
    by_person = {row.user_id: row for row in rows}
    assert world["ge"].pk not in by_person
    first, second, third, fourth = (by_person[p.pk] for p in world["ob"])
    assert (first.progress_percent, first.status) == (100, Status.COMPLETED)
    assert (second.progress_percent, second.status) == (33, Status.IN_PROGRESS)
    assert third.status == Status.OVERDUE
    assert (fourth.progress_percent, fourth.status) == (0, Status.NOT_STARTED)


def test_progress_counts_only_live_required_modules_of_the_course(world):
    from tests.factories import make_course

    other = make_course(title="Andere Fortbildung", modules=2)
    module = other.modules().first()
    from courses.models import ModuleCompletion

    person = world["ob"][3]
    ModuleCompletion.objects.create(user=person, module=module, via="manual")
    optional = world["course"].modules().last()
    optional.is_required = False
    optional.save_revision().publish()
    rows = selectors.learner_progress(selectors.enrolments_in_scope(world["manager"]))
    row = rows.get(user=person, course=world["course"])
    assert (row.modules_required, row.modules_done, row.status) == (2, 0, Status.NOT_STARTED)


def test_completion_by_course_and_organisation_counts(world, django_assert_num_queries):
    _permissions_loaded(world["manager"])
    with django_assert_num_queries(1):
        rows = list(
            selectors.completion_by_course_and_organisation(
                selectors.enrolments_in_scope(world["manager"])
            )
        )
    figures = {
        row["organisation__name"]: (
            row["enrolled"],
            row["not_started"],
            row["in_progress"],
            row["completed"],
            row["overdue"],
        )
        for row in rows
    }
    assert figures == {
        "Familienzentrum Oberhausen": (2, 0, 0, 2, 0),
        "Jobcenter Oberhausen": (4, 2, 1, 1, 1),
    }


def test_totals_and_admin_sees_everyone(world, admin_user):
    mine = selectors.totals(selectors.enrolments_in_scope(world["manager"]))
    everyone = selectors.totals(selectors.enrolments_in_scope(admin_user))
    assert (mine["enrolled"], mine["completed"], mine["overdue"]) == (6, 3, 1)
    assert (everyone["enrolled"], everyone["overdue"]) == (7, 2)


def test_trainer_sees_the_courses_they_are_responsible_for(world):
    from tests.factories import UserFactory, make_course

    trainer = UserFactory(organisation=None)
    own = make_course(title="Eigene Fortbildung", modules=1)
    own.responsible_trainers.add(trainer)
    own.save()
    from courses.models import Enrolment

    Enrolment.objects.create(user=world["ge"], course=own)
    scoped = selectors.enrolments_in_scope(trainer)
    assert [e.course_id for e in scoped] == [own.pk]
    assert selectors.can_view_reports(trainer)
    assert not selectors.can_view_reports(world["ob"][0])
