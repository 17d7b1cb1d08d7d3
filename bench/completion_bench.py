"""Re-evaluating completion when a course changes: 5,000 enrolments in one course of 3
required modules; every learner did modules 1 and 2, then module 3 is made optional.

    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE kofo_completion_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_completion_bench \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_completion_bench \
        .venv/bin/python bench/completion_bench.py

Prints queries and milliseconds of ``course_completion_reevaluate`` (what the background
task runs; certificates not issued) for the run that completes everybody and for a second
run that finds nothing.
The data is rebuilt each run (the course is new, the learners are reused).
"""

import time

from common import User, bulk_learners, catalogue
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage
from courses.services import course_completion_reevaluate
from courses.signals import course_completed
from organisations.models import Organisation, OrganisationKind, Region

LEARNERS = 5_000


def main():
    # Measure the rule, not 5,000 PDF renderings: certificates are benchmarked on their own.
    course_completed.disconnect(dispatch_uid="certificates_issue_on_completion")
    region, _ = Region.objects.get_or_create(name="Bench-Region")
    organisation, _ = Organisation.objects.get_or_create(
        name="Bench-Jobcenter", defaults={"kind": OrganisationKind.JOB_CENTRE, "region": region}
    )
    learners = list(User.objects.filter(email__startswith="completion-bench-"))
    if not learners:
        learners = bulk_learners(
            prefix="completion-bench",
            count=LEARNERS,
            organisations=[organisation],
            last_name="Abschluss",
        )
    number = CoursePage.objects.count() + 1
    course = CoursePage(title=f"Bench {number}", slug=f"completion-bench-{number}", summary="-")
    catalogue().add_child(instance=course)
    modules = []
    for n in range(3):
        module = ModulePage(title=f"Modul {n + 1}", slug=f"modul-{n + 1}")
        course.add_child(instance=module)
        modules.append(module)
    Enrolment.objects.bulk_create(
        [Enrolment(user=u, course=course) for u in learners], batch_size=2000
    )
    ModuleCompletion.objects.bulk_create(
        [ModuleCompletion(user=u, module=m, via="manual") for u in learners for m in modules[:2]],
        batch_size=2000,
    )
    ModulePage.objects.filter(pk=modules[2].pk).update(is_required=False)
    for label in ("completes everybody", "finds nothing"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            completed = course_completion_reevaluate(course=course)
            elapsed = (time.perf_counter() - start) * 1000
        print(
            f"{label:>20}: {len(completed):5d} completed, {len(queries):3d} queries, "
            f"{elapsed:8.0f} ms ({connection.vendor}, {len(learners)} enrolments)"
        )


if __name__ == "__main__":
    main()
