"""Learner pages at scale: 5,000 learners, 20 courses (10 of 3 modules, 10 of 30 modules),
4 enrolments per learner (20,000 enrolments) with random progress.

    psql -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE kofo_courses_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_courses_bench \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kofo_courses_bench \
        .venv/bin/python bench/courses_bench.py [--runs 9]

The data is generated once (bulk_create) and reused on later runs. Prints queries and median
milliseconds for the dashboard, the catalogue, and course and module pages of a small
(3 modules) and a large (30 modules) course, as one learner with 4 enrolments sees them.
The query count must not differ between small and large; compare times as ratios.
"""

import argparse
import os
import random
import statistics
import sys
import time
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
from django.utils import timezone  # noqa: E402

from courses.models import (  # noqa: E402
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,  # noqa: E402
)
from home.models import HomePage  # noqa: E402
from home.site import ensure_site  # noqa: E402
from organisations.models import Organisation, OrganisationKind, Region  # noqa: E402

LEARNERS, COURSES, PER_LEARNER = 5_000, 20, 4
SMALL, LARGE = 3, 30
User = get_user_model()


def make_courses():
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = HomePage.objects.first().add_child(
            instance=CourseIndexPage(title="Fortbildungen", slug="fortbildungen")
        )
    courses = []
    for number in range(COURSES):
        size = SMALL if number < COURSES // 2 else LARGE
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"Bench-Kurs {number:02d} ({size} Module)",
                slug=f"cbench-{number}",
                summary="Kooperation von Jugendhilfe, Agentur für Arbeit und Jobcenter",
            )
        )
        modules = [
            course.add_child(instance=ModulePage(title=f"Modul {m + 1}", slug=f"modul-{m + 1}"))
            for m in range(size)
        ]
        courses.append((course, modules))
    return courses


def generate():
    if User.objects.filter(email__startswith="cbench-").exists():
        return
    rng = random.Random(2026)
    started = time.perf_counter()
    with transaction.atomic():
        ensure_site()
        region = Region.objects.create(name="Bench-Region Kurse")
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Kurs-Bench {label}", kind=kind, region=region)
                for kind, label in OrganisationKind.choices
            ]
        )
        password = make_password("bench-password")
        users = User.objects.bulk_create(
            [
                User(
                    email=f"cbench-{n}@example.org",
                    first_name="Bench",
                    last_name=f"Lernende {n:05d}",
                    organisation=organisations[n % len(organisations)],
                    password=password,
                )
                for n in range(LEARNERS)
            ],
            batch_size=2000,
        )
        courses = make_courses()
        today = timezone.localdate()
        enrolments, completions = [], []
        for user in users:
            # Learner 0 is the one whose pages are timed: one small and one large course each
            # in progress, plus one not started and one completed.
            chosen = (
                [courses[0], courses[10], courses[1], courses[11]]
                if user is users[0]
                else rng.sample(courses, PER_LEARNER)
            )
            for index, (course, modules) in enumerate(chosen):
                if user is users[0]:
                    done = [1, 2, 0, len(modules)][index]
                else:
                    done = rng.randint(0, len(modules))
                enrolments.append(
                    Enrolment(
                        user=user,
                        course=course,
                        due_date=today + timedelta(days=rng.randint(-60, 120)),
                        completed_at=timezone.now() if done == len(modules) else None,
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


def timed(client, url, runs):
    client.get(url)  # warm caches (site root paths, catalogue link) as a running site has them
    times, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    generate()
    learner = User.objects.get(email="cbench-0@example.org")
    small = CoursePage.objects.get(slug="cbench-0")
    large = CoursePage.objects.get(slug="cbench-10")
    client = Client()
    client.force_login(learner)
    pages = [
        ("dashboard (4 enrolments)", "/"),
        (f"catalogue ({COURSES} courses)", small.get_parent().url),
        (f"course page, {SMALL} modules", small.url),
        (f"course page, {LARGE} modules", large.url),
        (f"module page, {SMALL} modules", list(small.modules())[1].url),
        (f"module page, {LARGE} modules", list(large.modules())[1].url),
    ]
    print(
        f"database: {connection.vendor}; {Enrolment.objects.count()} enrolments, "
        f"{ModuleCompletion.objects.count()} completions; median of {args.runs} runs"
    )
    print(f"{'page':<28} {'queries':>7} {'ms':>8}")
    for label, url in pages:
        queries, ms = timed(client, url, args.runs)
        print(f"{label:<28} {queries:>7} {ms:>8.1f}")


if __name__ == "__main__":
    main()
