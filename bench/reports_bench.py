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
import random
import time
import tracemalloc

from common import (
    Progress,
    User,
    analyse_and_report,
    bulk_learners,
    catalogue,
    serve_like_production,
    timed,
)
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from courses.models import CoursePage, Enrolment, ModulePage
from home.site import ensure_site
from organisations.models import ManagerScope, Organisation, OrganisationKind, Region

LEARNERS, ORGANISATIONS, REGIONS, COURSES, MODULES, PER_LEARNER = 10_000, 60, 6, 20, 10, 5


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
        users = bulk_learners(
            prefix="bench", count=LEARNERS, organisations=organisations, last_name="Person"
        )
        index = catalogue()
        courses = []
        for c in range(COURSES):
            course = index.add_child(
                instance=CoursePage(
                    title=f"Bench-Fortbildung {c:02d}", slug=f"bench-{c}", summary="…"
                )
            )
            modules = [
                course.add_child(instance=ModulePage(title=f"Modul {m}", slug=f"modul-{m}"))
                for m in range(MODULES)
            ]
            courses.append((course, modules))
        progress = Progress(rng)
        for user in users:
            for course, modules in rng.sample(courses, PER_LEARNER):
                done = min(MODULES, max(0, round(rng.gauss(6, 4))))
                progress.add(user=user, course=course, modules=modules, done=done)
        progress.store()
    analyse_and_report(learners=len(users), progress=progress, started=started)


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
    serve_like_production()
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
                    client, reverse(f"reports:{name}"), args.runs, filters if with_filter else {}
                )
                flag = "yes" if with_filter else "no"
                print(f"{label:<20} {name:<18} {flag:<8} {queries:>7} {ms:>8.0f}")
        queries, ms = timed(client, reverse("wagtailadmin_home"), args.runs)
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
