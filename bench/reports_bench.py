"""Manager reports at scale: 10,000 learners, 60 organisations, 6 regions, 20 courses of 10
modules, ~50,000 enrolments, ~300,000 module completions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_reports \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_reports \
        .venv/bin/python bench/reports_bench.py [--runs 5]

The data is generated once (bulk_create) and reused on later runs. Prints queries and median
milliseconds for the first page of each report (with and without filters, as an
administrator and as a manager of one region), and time and peak Python memory
(tracemalloc) for full CSV and XLSX exports of the learner progress report.
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from courses.models import CourseIndexPage, CoursePage, Enrolment, ModuleCompletion, ModulePage  # noqa: E402
from home.site import ensure_site  # noqa: E402
from organisations.models import ManagerScope, Organisation, OrganisationKind, Region  # noqa: E402

LEARNERS, ORGANISATIONS, REGIONS, COURSES, MODULES, PER_LEARNER = 10_000, 60, 6, 20, 10, 5
User = get_user_model()


def generate():
    if Enrolment.objects.filter(user__email__startswith="bench-").exists():
        return
    rng = random.Random(2026)
    started = time.perf_counter()
    with transaction.atomic():
        ensure_site()
        regions = Region.objects.bulk_create(
            [Region(name=f"Bench-Region {n}") for n in range(REGIONS)]
        )
        kinds = [kind for kind, _label in OrganisationKind.choices]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bench-Organisation {n:02d}",
                    kind=kinds[n % len(kinds)],
                    region=regions[n % REGIONS],
                )
                for n in range(ORGANISATIONS)
            ]
        )
        password = make_password("bench-password")
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-{n}@example.org",
                    first_name="Bench",
                    last_name=f"Person {n:05d}",
                    organisation=organisations[n % ORGANISATIONS],
                    password=password,
                )
                for n in range(LEARNERS)
            ],
            batch_size=2000,
        )
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            from home.models import HomePage

            catalogue = HomePage.objects.first().add_child(
                instance=CourseIndexPage(title="Fortbildungen", slug="fortbildungen")
            )
        courses = []
        for c in range(COURSES):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"Bench-Fortbildung {c:02d}", slug=f"bench-{c}", summary="…"
                )
            )
            modules = [
                course.add_child(instance=ModulePage(title=f"Modul {m}", slug=f"modul-{m}"))
                for m in range(MODULES)
            ]
            courses.append((course, modules))
        today = timezone.localdate()
        enrolments, completions = [], []
        for user in users:
            for course, modules in rng.sample(courses, PER_LEARNER):
                done = min(MODULES, max(0, round(rng.gauss(6, 4))))
                enrolments.append(
                    Enrolment(
                        user=user,
                        course=course,
                        due_date=today + timedelta(days=rng.randint(-60, 120)),
                        completed_at=timezone.now() if done == MODULES else None,
                    )
                )
                completions.extend(
                    ModuleCompletion(user=user, module=module, via="manual")
                    for module in modules[:done]
                )
        Enrolment.objects.bulk_create(enrolments, batch_size=5000)
        ModuleCompletion.objects.bulk_create(completions, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    print(
        f"generated {len(users)} learners, {len(enrolments)} enrolments, "
        f"{len(completions)} completions in {time.perf_counter() - started:.0f} s"
    )


def viewers():
    admin, _ = User.objects.get_or_create(
        email="bench-admin@example.org",
        defaults={"first_name": "Bench", "last_name": "Admin", "is_superuser": True},
    )
    manager, created = User.objects.get_or_create(
        email="bench-manager@example.org",
        defaults={"first_name": "Bench", "last_name": "Manager", "is_superuser": False},
    )
    if created:
        from django.contrib.auth.models import Group

        manager.groups.add(Group.objects.get(name="Manager:innen"))
        ManagerScope.objects.create(manager=manager).regions.add(
            Region.objects.get(name="Bench-Region 0")
        )
    return {"admin": admin, "manager (1 region)": manager}


def timed(client, url, params, runs):
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    return queries, statistics.median(times)


def export(client, url, fmt):
    """Time one export, then measure its peak memory in a second run (tracemalloc slows
    Python down several times, so the timed run goes without it)."""
    started = time.perf_counter()
    response = client.get(url, {"export": fmt})
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    response = client.get(url, {"export": fmt})
    for _chunk in response.streaming_content:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    generate()
    course = CoursePage.objects.get(slug="bench-3")
    organisation = Organisation.objects.get(name="Bench-Organisation 06")
    filters = {"course": course.pk, "organisation": organisation.pk, "due_status": "overdue"}
    print(f"database: {connection.vendor}; median of {args.runs} runs")
    print(f"{'viewer':<20} {'report':<18} {'filter':<8} {'queries':>7} {'ms':>8}")
    for label, user in viewers().items():
        client = Client()
        client.force_login(user)
        for name in ("completion", "learner_progress", "overdue"):
            for with_filter in (False, True):
                queries, ms = timed(
                    client, reverse(f"reports:{name}"), filters if with_filter else {}, args.runs
                )
                flag = "yes" if with_filter else "no"
                print(f"{label:<20} {name:<18} {flag:<8} {queries:>7} {ms:>8.0f}")
        queries, ms = timed(client, reverse("wagtailadmin_home"), {}, args.runs)
        print(f"{label:<20} {'admin home panel':<18} {'no':<8} {queries:>7} {ms:>8.0f}")
    client = Client()
    client.force_login(viewers()["admin"])
    rows = Enrolment.objects.filter(is_active=True).count()
    for fmt in ("csv", "xlsx"):
        elapsed, peak, size = export(client, reverse("reports:learner_progress"), fmt)
        print(
            f"export learner progress {fmt}: {rows} rows, {elapsed:.1f} s, "
            f"peak Python memory {peak / 2**20:.1f} MiB, file {size / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
