"""The "never an HTTP 500" crawler: every URL the project defines, per role, hostile input.

It enumerates the URL patterns (tests/fuzz/urls.py: learner site, the project's admin views,
the page tree with its sub-routes), fills path parameters with existing, foreign, zero and
30-digit ids, and sends for each role GETs with hostile query strings and POSTs with hostile
bodies (tests/fuzz/payloads.py). Any 500 fails the test with method, URL, role, payload and
the exception. It also fails on any page that makes a browser fetch from another host.

Deterministic (``random.Random`` with a fixed seed); runs on SQLite and PostgreSQL.
"""

import re
import tempfile
import time

from django.apps import apps
from django.test import TestCase, override_settings
from django.urls import reverse

from tests.fuzz import payloads
from tests.fuzz import urls as fuzz_urls
from tests.fuzz.crawler import Crawler
from tests.fuzz.world import ROLES, build_world

# Every fault the crawler found is guarded at our boundary, none is left out: Draftail's
# unreadable rich text (lms/richtext.py), modelcluster's inline rows without an id
# (lms/formsets.py), Wagtail's snippet routes that take any text as an id and its chooser
# "create" without a form (lms/snippets.py), referenced snippets and people (lms/deletion.py).


def _ids():
    """Primary keys of every model of ours and Wagtail's page model, smallest first."""
    ids = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:50])
        if pks and all(isinstance(pk, int) for pk in pks):
            ids[model] = pks
    return ids


class FuzzCrawlerTest(TestCase):
    """One world (built once for the class, rolled back after it), one client per role.

    The budget per URL pattern and role: the normal URL (GET), a hostile query string (GET),
    and for views that take a POST an empty body, a body with NUL and a 30-digit id, and one
    with a 100,000-character value and arrays (tests/fuzz/crawler.py); each other fill of the
    path (foreign, last, 0 and 30-digit ids, hostile strings) once with GET, the 30-digit one
    also with a POST.
    """

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        # Uploads and certificate PDFs of this run go to a folder of its own (pytest-xdist).
        cls.media = tempfile.TemporaryDirectory(prefix="kofo-fuzz-media-")
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media.name))
        cls.addClassCleanup(cls.media.cleanup)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.filler = fuzz_urls.Filler(cls.world, _ids())
        cls.routes, cls.excluded = fuzz_urls.routes()
        cls.route_urls = {route: cls.filler.urls(route) for route in cls.routes}
        cls.page_urls = fuzz_urls.page_urls(cls.world, cls.filler)

    def crawl(self, role):
        started, cpu = time.monotonic(), time.process_time()
        crawler = Crawler(role=role, user=self.world.users[role])
        for route, urls in self.route_urls.items():
            for index, url in enumerate(urls):
                if index == 0:
                    crawler.crawl(url, posts=route.accepts_post)
                else:
                    # Other fills: foreign, last, 0 and 30-digit ids, hostile strings.
                    crawler.send("GET", url)
                    if route.accepts_post and fuzz_urls.HUGE_ID in url:
                        crawler.send("POST", url, {"id": fuzz_urls.HUGE_ID, "q": "\x00"})
        for url in self.page_urls:
            crawler.crawl(url)
        crawler.seconds = (time.monotonic() - started, time.process_time() - cpu)
        return crawler

    def assert_clean(self, crawler):
        wall, cpu = getattr(crawler, "seconds", (0, 0))
        print(  # the figures the report quotes (pytest -s shows them)
            f"\nfuzz {crawler.role}: {crawler.requests} requests, {len(self.routes)} routes "
            f"+ {len(self.page_urls)} page URLs ({len(self.excluded)} Wagtail core routes "
            f"excluded), {len(crawler.faults)} faults, {wall:.1f} s ({cpu:.1f} s CPU)"
        )
        if crawler.faults:
            # One example per kind of fault (same exception at the same place), then the list.
            kinds = {}
            for fault in crawler.faults:
                kinds.setdefault(fault.kind, fault)
            report = "\n\n".join(str(fault) for fault in kinds.values())
            self.fail(
                f"{len(crawler.faults)} server errors ({len(kinds)} kinds) in "
                f"{crawler.requests} requests as {crawler.role}:\n\n{report}"
            )
        self.assertEqual(crawler.external, set(), "pages load from other hosts")

    def test_anonymous(self):
        self.assert_clean(self.crawl("anonymous"))

    def test_learner(self):
        self.assert_clean(self.crawl("learner"))

    def test_trainer(self):
        self.assert_clean(self.crawl("trainer"))

    def test_manager(self):
        self.assert_clean(self.crawl("manager"))

    def test_administration_member(self):
        self.assert_clean(self.crawl("administration"))

    def test_superuser(self):
        self.assert_clean(self.crawl("superuser"))

    def test_csrf_is_enforced_on_forms(self):
        """As in production: a POST without the token is refused (403, not 500); with the
        token, hostile bodies still never produce a 500."""
        forms = {
            "learner": ["/konto/profil/", "/konto/passwort/aendern/"],
            "superuser": [
                reverse("reports:assign"),
                reverse("courses_enrolments:add"),
                reverse("organisation:add"),
                reverse("managerscope:add"),
            ],
        }
        for role, urls in forms.items():
            crawler = Crawler(role=role, user=self.world.users[role], csrf=True)
            for url in urls:
                refused = crawler.send("POST", url, {"first_name": "\x00"})
                self.assertEqual(refused.status_code, 403, url)
                page = crawler.send("GET", url)
                token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)
                body = payloads.scalar_body(crawler.rng, payloads.field_names(page.content))
                body["csrfmiddlewaretoken"] = token.group(1).decode()
                self.assertNotEqual(crawler.send("POST", url, body).status_code, 403, url)
            self.assert_clean(crawler)

    def test_every_role_is_crawled(self):
        self.assertEqual(set(ROLES), set(self.world.users))
        # Every route gets at least its normal URL, so every pattern x role is crawled.
        unfilled = [route.name for route, urls in self.route_urls.items() if not urls]
        self.assertEqual(unfilled, [])
        names = {route.name for route in self.routes}
        # The enumeration finds the project's admin views without a list of them.
        for expected in ("reports:completion", "courses_enrolments:index", "quizzes_admin:mark"):
            self.assertIn(expected, names)
        self.assertNotIn("wagtailadmin_error_test", names)
