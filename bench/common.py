"""What the bench scripts share: Django set-up, bulk data generation and timing.

Importing this module sets up Django (dev settings unless DJANGO_SETTINGS_MODULE is set),
so a script imports it before any model.
"""

import os
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
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from courses.models import CourseIndexPage, Enrolment, ModuleCompletion  # noqa: E402
from home.models import HomePage  # noqa: E402

User = get_user_model()


def serve_like_production():
    """Requests through the test client, with the settings a production site has."""
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False


def catalogue():
    page = CourseIndexPage.objects.first()
    if page is None:
        page = HomePage.objects.first().add_child(
            instance=CourseIndexPage(title="Fortbildungen", slug="fortbildungen")
        )
    return page


def bulk_learners(*, prefix, count, organisations, last_name):
    password = make_password("bench-password")
    return User.objects.bulk_create(
        [
            User(
                email=f"{prefix}-{n}@example.org",
                first_name="Bench",
                last_name=f"{last_name} {n:05d}",
                organisation=organisations[n % len(organisations)],
                password=password,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )


class Progress:
    """Collects enrolments with ``done`` modules completed, then stores them in bulk."""

    def __init__(self, rng):
        self.rng, self.today = rng, timezone.localdate()
        self.enrolments, self.completions = [], []

    def add(self, *, user, course, modules, done):
        self.enrolments.append(
            Enrolment(
                user=user,
                course=course,
                organisation_id=user.organisation_id,
                due_date=self.today + timedelta(days=self.rng.randint(-60, 120)),
                completed_at=timezone.now() if done == len(modules) else None,
            )
        )
        self.completions.extend(
            ModuleCompletion(
                user=user, module=module, via="manual", organisation_id=user.organisation_id
            )
            for module in modules[:done]
        )

    def store(self):
        Enrolment.objects.bulk_create(self.enrolments, batch_size=5000)
        ModuleCompletion.objects.bulk_create(self.completions, batch_size=5000)


def analyse_and_report(*, learners, progress, started):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    print(
        f"generated {learners} learners, {len(progress.enrolments)} enrolments, "
        f"{len(progress.completions)} completions in {time.perf_counter() - started:.0f} s"
    )


def timed(client, url, runs, params=None, warm=False):
    """(queries, median ms) of ``runs`` GET requests; streamed bodies are read to the end."""
    if warm:
        client.get(url, params)  # warm caches (site root paths, …) as a running site has them
    times, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times)
