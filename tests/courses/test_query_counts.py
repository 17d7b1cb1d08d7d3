"""Catalogue, course page, module page and dashboard run a fixed number of queries,
whatever the number of modules, courses or enrolments (issue 3, "Queries")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

# Wagtail's routing (site, one lookup per path segment, view restrictions) and the user are
# most of it; see the test for the rest. Session, header permissions and footer links come
# from the cache since issue 13 (4 queries less on every page).
COURSE_PAGE_QUERIES = 14
CATALOGUE_QUERIES = 14
# +1 since the dashboard lists the upcoming sessions (Termine) first (issue 16); +1 for the
# Kooperationsnetz link next to completed cooperative courses (network.wagtail_hooks).
DASHBOARD_QUERIES = 12
MODULE_PAGE_QUERIES = 16


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, catalogue link) as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def learner_with_progress(courses, *, assigned_by=None):
    user = UserFactory()
    for course in courses:
        services.enrolment_create(user=user, course=course, assigned_by=assigned_by)
        for module in list(course.modules())[:2]:
            services.module_complete(user=user, module=module, via="manual")
    return user


def test_course_and_module_page_same_queries_with_3_and_30_modules(
    client, django_assert_num_queries
):
    small, large = make_course(modules=3), make_course(modules=30)
    user = learner_with_progress([small, large])
    client.force_login(user)
    counts = {}
    for course in (small, large):
        module = list(course.modules())[1]
        counts[course.pk] = (
            count_queries(client, course.url),
            count_queries(client, module.url),
        )
    assert counts[small.pk] == counts[large.pk]
    course_page, module_page = counts[small.pk]
    # Pin the figures so that a new query on these pages shows up in review.
    assert (course_page, module_page) == (COURSE_PAGE_QUERIES, MODULE_PAGE_QUERIES)
    module_url = list(large.modules())[1].url
    with django_assert_num_queries(module_page):
        client.get(module_url)


def test_catalogue_same_queries_with_few_and_many_courses(client):
    few = [make_course(modules=3) for _n in range(2)]
    client.force_login(learner_with_progress(few))
    catalogue = few[0].get_parent().url
    searched = catalogue + "?q=Kooperation&target_group=&topic="
    before = count_queries(client, catalogue), count_queries(client, searched)
    many = [make_course(modules=30) for _n in range(8)]
    client.force_login(learner_with_progress(few + many))
    assert client.get(searched).text.count('class="card course-card"') == 10
    after = count_queries(client, catalogue), count_queries(client, searched)
    assert after == before
    assert after[0] == CATALOGUE_QUERIES


def dashboard_learner(*, per_section, modules):
    """In progress, assigned but not started and completed: ``per_section`` courses each."""
    manager = UserFactory()
    courses = [make_course(modules=modules) for _n in range(3 * per_section)]
    started, completed = courses[:per_section], courses[per_section : 2 * per_section]
    user = learner_with_progress(started + completed, assigned_by=manager)
    for course in courses[2 * per_section :]:
        services.enrolment_create(user=user, course=course, assigned_by=manager)
    for course in completed:
        for module in course.modules():
            services.module_complete(user=user, module=module, via="manual")
    return user


def test_dashboard_same_queries_with_few_and_many_enrolments(client):
    client.force_login(dashboard_learner(per_section=1, modules=3))
    before = count_queries(client, "/")
    client.force_login(dashboard_learner(per_section=5, modules=30))
    page = client.get("/").text
    assert page.count('class="card course-card"') == 15
    assert count_queries(client, "/") == before == DASHBOARD_QUERIES


def test_progress_for_many_courses_in_two_queries(django_assert_num_queries):
    from courses.selectors import course_figures, required_done

    courses = [make_course(modules=n) for n in (1, 3, 30)]
    user = learner_with_progress(courses)
    with django_assert_num_queries(2):
        figures = course_figures(courses)
        done = required_done(user=user, courses=courses)
    assert [figures[c.pk].required for c in courses] == [1, 3, 30]
    assert [done[c.pk] for c in courses] == [1, 2, 2]
    for course in courses:
        progress = services.course_progress(user=user, course=course)
        assert (progress.total, progress.completed) == (
            figures[course.pk].required,
            done[course.pk],
        )
