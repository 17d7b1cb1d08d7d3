"""Certificate figures: render one PDF, issue many, download a stored one.

Run from the project root:
    .venv/bin/python bench/certificates_bench.py            # 1,000 issues (a few minutes)
    .venv/bin/python bench/certificates_bench.py --issue 200
Uses a throw-away SQLite test database and temporary file storage (or DATABASE_URL).
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def median_ms(action, runs):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--issue", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="kofo-bench-"))
    settings.MEDIA_ROOT = scratch / "media"
    settings.KOFO_PRIVATE_ROOT = scratch / "private"
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.pdf import render_pdf
    from certificates.services import certificate_issue
    from courses.models import Enrolment
    from home.site import ensure_site
    from tests.factories import UserFactory, make_course

    ensure_site()
    course = make_course(modules=5, title="Berufsrückkehr begleiten: Kooperation")
    users = UserFactory.create_batch(args.issue)
    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, completed_at=now) for user in users
    )
    enrolments = list(Enrolment.objects.select_related("user", "course"))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for enrolment in enrolments:
        certificate_issue(enrolment=enrolment)
    issue_seconds = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert Certificate.objects.count() == args.issue

    first = Certificate.objects.earliest("pk")
    render = median_ms(lambda: render_pdf(snapshot=first), args.runs)

    client = Client()
    client.force_login(first.holder)
    url = f"/bescheinigungen/{first.pk}/herunterladen/"

    def download():
        response = client.get(url)
        b"".join(response.streaming_content)
        response.close()

    download_ms = median_ms(download, args.runs)
    size_kb = first.pdf.size / 1024

    print(f"database: {connection.vendor}")
    print(f"render one certificate: median {render:.0f} ms over {args.runs} (PDF {size_kb:.0f} KB)")
    print(
        f"issue {args.issue} certificates: {issue_seconds:.1f} s "
        f"({issue_seconds * 1000 / args.issue:.0f} ms each, PDF + e-mail), "
        f"peak RSS {rss_after / 1024:.0f} MB (before {rss_before / 1024:.0f} MB)"
    )
    print(f"download a stored certificate: median {download_ms:.1f} ms over {args.runs}")
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
