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
import random
import time

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

from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage
from home.site import ensure_site
from organisations.models import Organisation, OrganisationKind, Region

LEARNERS, COURSES, PER_LEARNER = 5_000, 20, 4
SMALL, LARGE = 3, 30


def make_courses():
    index = catalogue()
    courses = []
    for number in range(COURSES):
        size = SMALL if number < COURSES // 2 else LARGE
        course = index.add_child(
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
        users = bulk_learners(
            prefix="cbench", count=LEARNERS, organisations=organisations, last_name="Lernende"
        )
        courses = make_courses()
        progress = Progress(rng)
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
                progress.add(user=user, course=course, modules=modules, done=done)
        progress.store()
    analyse_and_report(learners=len(users), progress=progress, started=started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    serve_like_production()
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
        queries, ms = timed(client, url, args.runs, warm=True)
        print(f"{label:<28} {queries:>7} {ms:>8.1f}")


if __name__ == "__main__":
    main()
