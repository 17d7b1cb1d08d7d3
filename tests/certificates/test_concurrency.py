import threading

import pytest
from django.db import connection

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses import services as courses
from tests.factories import UserFactory, make_course


def _in_threads(target, args_list):
    errors = []

    def run(*args):
        try:
            target(*args)
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_issues_get_distinct_consecutive_serials_and_one_certificate_each():
    from home.site import ensure_site

    ensure_site()
    course = make_course(modules=1)
    enrolments = []
    for _ in range(6):
        enrolment = courses.enrolment_create(user=UserFactory(), course=course)
        enrolment.completed_at = enrolment.enrolled_at
        enrolment.save(update_fields=["completed_at"])
        enrolments.append(enrolment)

    # Every enrolment is issued twice at the same time: idempotence and serials under load.
    errors = _in_threads(lambda e: certificate_issue(enrolment=e), [(e,) for e in enrolments * 2])

    assert errors == []
    assert Certificate.objects.count() == 6
    numbers = sorted(
        int(serial[-6:]) for serial in Certificate.objects.values_list("serial", flat=True)
    )
    assert numbers == list(range(1, 7))
