"""Double clicks on "Anmelden" and "Als erledigt markieren" make one row (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from courses.models import Enrolment, ModuleCompletion
from courses.signals import course_completed
from tests.factories import UserFactory, make_course


def _post_in_parallel(user, url, times=6):
    barrier, statuses = threading.Barrier(times), []

    def run():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_enrol_and_complete_make_one_row_and_one_completion_event():
    from home.site import ensure_site

    ensure_site()
    course, user = make_course(modules=1), UserFactory()
    events = []

    def receiver(sender, enrolment, **kwargs):
        events.append(enrolment.pk)

    course_completed.connect(receiver, dispatch_uid="test_parallel_events")

    assert _post_in_parallel(user, course.url + "enrol/") == [302] * 6
    assert Enrolment.objects.filter(user=user, course=course).count() == 1

    module = course.modules().get()
    try:
        statuses = _post_in_parallel(user, module.url + "complete/")
    finally:
        course_completed.disconnect(dispatch_uid="test_parallel_events")
    assert statuses == [302] * 6
    assert ModuleCompletion.objects.filter(user=user, module=module).count() == 1
    assert Enrolment.objects.get(user=user).completed_at is not None
    assert len(events) == 1
