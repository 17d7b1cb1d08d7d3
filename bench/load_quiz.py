"""Load test of the quiz path: many learners taking a 16-question Lernkontrolle at once.

It starts no server: point ``--url`` at a running KoFo (gunicorn + PostgreSQL for figures
that mean anything; bench/README.md gives the exact commands).

    # 1. data, once, against the server's database (same settings and DATABASE_URL as it):
    .venv/bin/python bench/load_quiz.py --prepare --learners 2000
    # 2. steps of simultaneous learners (each loops: open quiz, start, 16 x (GET, think,
    #    POST), confirm, submit, result); think time in seconds:
    .venv/bin/python bench/load_quiz.py --url http://127.0.0.1:8100 --steps 100,200,400,800 \
        --think 10 --duration 60
    # 3. synchronized start: K learners log in and start within 5 s:
    .venv/bin/python bench/load_quiz.py --url http://127.0.0.1:8100 --spike 100 --within 5

Why asyncio + httpx and not locust: one process with one event loop holds thousands of
simulated learners at a few MB and little CPU (the generator shares the 2 cores with the
server under test), there is no web UI or gevent monkey-patching to set up, and the whole
scenario is the readable coroutine ``take_quiz`` below. Each learner has its own cookies;
all share one connection pool.

Figures are per HTTP request (a redirect is its own request): req/s over the measuring
window, latency percentiles in ms, errors (status >= 400, timeouts, broken connections).
"""

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import time
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "var" / "load_quiz.json"
PASSWORD = "bench-password"
EMAIL = "load-{n}@example.org"
HELD_P95_MS = 300

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="(answer-\d+)" id="[^"]*" value="([^"]+)"')


# --- data ---------------------------------------------------------------------------------------


def prepare(args):
    """Course with one module using a published 16-question quiz; N enrolled learners."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from courses.models import CoursePage, Enrolment, ModulePage
    from quizzes.models import Navigation, QuestionKind, Quiz
    from tests.factories import OrganisationFactory, make_course
    from tests.quizzes.factories import make_quiz

    User = get_user_model()
    with transaction.atomic():
        quiz = Quiz.objects.filter(title="Lasttest-Lernkontrolle").first()
        if quiz is None:
            quiz = make_quiz(
                questions=args.questions,
                kinds=(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE),
                title="Lasttest-Lernkontrolle",
                navigation=Navigation.ONE_PER_PAGE,
                max_attempts=0,
            )
        course = CoursePage.objects.filter(slug="lasttest").first()
        if course is None:
            course = make_course(modules=1, title="Lasttest", slug="lasttest")
            module = ModulePage.objects.child_of(course).get()
            module.quiz = quiz
            module.save_revision().publish()
        organisation = OrganisationFactory(name="Jobcenter Lasttest")
        have = set(User.objects.filter(email__startswith="load-").values_list("email", flat=True))
        password = make_password(PASSWORD)  # the configured hasher: logins pay its real cost
        User.objects.bulk_create(
            [
                User(
                    email=EMAIL.format(n=n),
                    first_name="Last",
                    last_name=f"Test {n:05d}",
                    organisation=organisation,
                    password=password,
                )
                for n in range(args.learners)
                if EMAIL.format(n=n) not in have
            ],
            batch_size=2000,
        )
        learners = User.objects.filter(email__startswith="load-")
        enrolled = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
        Enrolment.objects.bulk_create(
            [
                Enrolment(user_id=pk, course=course, organisation=organisation)
                for pk in learners.values_list("pk", flat=True)
                if pk not in enrolled
            ],
            batch_size=2000,
        )
    STATE.parent.mkdir(exist_ok=True)
    STATE.write_text(json.dumps({"quiz": quiz.pk, "learners": learners.count()}))
    print(f"quiz {quiz.pk} ({args.questions} questions), {learners.count()} learners -> {STATE}")


# --- one simulated learner ----------------------------------------------------------------------


class NoCookies(DefaultCookiePolicy):
    """The shared client keeps no cookies: each learner carries its own (see Learner)."""

    def set_ok(self, cookie, request):
        return False


class Failed(Exception):
    pass


class Learner:
    """One browser: its own cookies (also the Secure ones, sent over plain http to the
    app server behind the TLS proxy), timing every request into ``record``."""

    def __init__(self, client, n, record):
        self.client, self.n, self.record = client, n, record
        self.cookies = {}

    async def request(self, label, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Referer"] = str(self.client.base_url) + path
        started = time.perf_counter()
        try:
            response = await self.client.request(method, path, data=data, headers=headers)
            ok = response.status_code < 400
        except Exception as error:  # timeouts, refused or dropped connections
            self.record(label, started, time.perf_counter(), False)
            raise Failed(f"{label}: {error!r}") from None
        self.record(label, started, time.perf_counter(), ok)
        for header in response.headers.get_list("set-cookie"):
            name, _sep, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in rest.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        if not ok:
            raise Failed(f"{label}: HTTP {response.status_code} {path}")
        return response

    async def follow(self, label, response):
        """GET the redirect target of ``response`` (one request, timed on its own)."""
        if response.status_code not in (301, 302, 303):
            raise Failed(f"expected a redirect, got {response.status_code}")
        return await self.request(label, "GET", response.headers["location"])

    async def login(self):
        page = await self.request("login GET", "GET", "/konto/anmelden/")
        token = CSRF.search(page.text).group(1)
        data = {"csrfmiddlewaretoken": token, "username": EMAIL.format(n=self.n)}
        data["password"] = PASSWORD
        response = await self.request("login POST", "POST", "/konto/anmelden/", data)
        if response.status_code != 302:
            raise Failed("login refused")

    async def start(self, quiz):
        """Open the quiz page and start (or resume): returns the first question page."""
        page = await self.request("quiz page", "GET", f"/lernkontrollen/{quiz}/")
        token = CSRF.search(page.text).group(1)
        response = await self.request(
            "start POST", "POST", f"/lernkontrollen/{quiz}/", {"csrfmiddlewaretoken": token}
        )
        # Older KoFo redirected through the attempt's entry ("take"); now straight to the
        # question. Follow whatever comes, one timed request per hop.
        while response.status_code in (301, 302, 303):
            label = "question GET" if "/frage/" in response.headers["location"] else "take"
            response = await self.follow(label, response)
        return response

    async def take_quiz(self, quiz, think):
        page = await self.start(quiz)
        while "/frage/" in str(page.url):
            choices = CHOICE.findall(page.text)
            token = CSRF.search(page.text).group(1)
            data = {"csrfmiddlewaretoken": token, "action": "next"}
            if 'value="review"' in page.text and 'value="next"' not in page.text:
                data["action"] = "review"
            if choices:
                name, value = random.choice(choices)
                data[name] = value
            await asyncio.sleep(think * random.uniform(0.5, 1.5))
            path = page.url.raw_path.decode()
            response = await self.request("answer POST", "POST", path, data)
            page = await self.follow("question GET", response)
        # The confirmation page ("Prüfen und abgeben").
        token = CSRF.search(page.text).group(1)
        await asyncio.sleep(think * random.uniform(0.5, 1.5))
        submit = page.url.raw_path.decode().replace("/pruefen/", "/abgeben/")
        response = await self.request("submit POST", "POST", submit, {"csrfmiddlewaretoken": token})
        await self.follow("result", response)
        await asyncio.sleep(think * random.uniform(0.5, 1.5))


# --- steps and spike ----------------------------------------------------------------------------


class Recorder:
    """Collects (label, start, end, ok) of requests that end inside the measuring window."""

    def __init__(self):
        self.window = (0.0, float("inf"))
        self.rows = []

    def __call__(self, label, started, ended, ok):
        if self.window[0] <= ended <= self.window[1]:
            self.rows.append((label, started, ended, ok))

    def summary(self, rows=None):
        rows = self.rows if rows is None else rows
        latencies = sorted((end - start) * 1000 for _l, start, end, _ok in rows)
        errors = sum(1 for row in rows if not row[3])
        if len(latencies) < 2:
            return {"requests": len(latencies), "errors": errors}
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        return {
            "requests": len(latencies),
            "errors": errors,
            "p50": cuts[49],
            "p95": cuts[94],
            "p99": cuts[98],
        }


def make_client(url, connections):
    import httpx

    return httpx.AsyncClient(
        base_url=url,
        cookies=CookieJar(policy=NoCookies()),
        follow_redirects=False,
        timeout=httpx.Timeout(30.0),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


async def log_in_all(client, learners, parallel):
    """Log everyone in before the steps (at most ``parallel`` at a time): the steps measure
    the quiz mix; the login spike is measured on its own (``--spike``)."""
    gate = asyncio.Semaphore(parallel)

    async def one(learner):
        async with gate:
            for attempt in range(3):  # a busy shared machine may time one out; not measured
                try:
                    return await learner.login()
                except Failed as error:
                    print(f"  learner {learner.n}: {error} (try {attempt + 1})", file=sys.stderr)
            raise Failed(f"learner {learner.n} could not log in")

    await asyncio.gather(*(one(learner) for learner in learners))


async def looping(learner, quiz, think, stop):
    while time.perf_counter() < stop:
        try:
            await learner.take_quiz(quiz, think)
        except Failed as error:
            print(f"  learner {learner.n}: {error}", file=sys.stderr)
            await asyncio.sleep(think)


async def staggered(learner, quiz, args, stop):
    await asyncio.sleep(random.uniform(0, args.ramp))
    await looping(learner, quiz, args.think, stop)


async def run_steps(args, quiz):
    record = Recorder()
    async with make_client(args.url, args.connections) as client:
        everyone = [Learner(client, n, record) for n in range(max(args.steps))]
        started = time.perf_counter()
        await log_in_all(client, everyone, args.login_parallel)
        print(f"logged in {len(everyone)} learners in {time.perf_counter() - started:.0f} s")
        print(f"think {args.think} s, ramp {args.ramp} s, measuring {args.duration} s per step")
        print("| learners | req/s | p50 ms | p95 ms | p99 ms | requests | errors |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        held = None
        for count in args.steps:
            now = time.perf_counter()
            stop = now + args.ramp + args.duration
            record.rows, record.window = [], (now + args.ramp, stop)

            tasks = [
                asyncio.create_task(staggered(lr, quiz, args, stop)) for lr in everyone[:count]
            ]
            await asyncio.sleep(stop - time.perf_counter())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            s = record.summary()
            rate = s["requests"] / args.duration
            print(
                f"| {count} | {rate:.1f} | {s.get('p50', 0):.0f} | {s.get('p95', 0):.0f} | "
                f"{s.get('p99', 0):.0f} | {s['requests']} | {s['errors']} |",
                flush=True,
            )
            if s["errors"] == 0 and s.get("p95", 1e9) < HELD_P95_MS:
                held = count
            await asyncio.sleep(args.pause)
        print(f"highest step held (p95 < {HELD_P95_MS} ms, 0 errors): {held or 'none'}")


async def run_spike(args, quiz):
    """K fresh learners (not logged in) each log in and start at a random moment within
    ``within`` seconds, as a room does at 9:00."""
    record = Recorder()
    async with make_client(args.url, args.connections) as client:
        offset = args.spike_offset
        learners = [Learner(client, offset + n, record) for n in range(args.spike)]

        async def one(learner):
            await asyncio.sleep(random.uniform(0, args.within))
            begun = time.perf_counter()
            try:
                await learner.login()
                await learner.start(quiz)
            except Failed as error:
                print(f"  learner {learner.n}: {error}", file=sys.stderr)
                return None
            return (time.perf_counter() - begun) * 1000

        totals = await asyncio.gather(*(one(learner) for learner in learners))
    print(f"synchronized start: {args.spike} learners within {args.within} s")
    print("| request | p50 ms | p95 ms | p99 ms | requests | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label in ("login GET", "login POST", "quiz page", "start POST", "take", "question GET"):
        s = record.summary([row for row in record.rows if row[0] == label])
        print(
            f"| {label} | {s.get('p50', 0):.0f} | {s.get('p95', 0):.0f} | {s.get('p99', 0):.0f} "
            f"| {s['requests']} | {s['errors']} |"
        )
    s = record.summary()
    print(
        f"| all | {s.get('p50', 0):.0f} | {s.get('p95', 0):.0f} | {s.get('p99', 0):.0f} "
        f"| {s['requests']} | {s['errors']} |"
    )
    done = sorted(t for t in totals if t is not None)
    if len(done) > 1:
        cuts = statistics.quantiles(done, n=100, method="inclusive")
        print(
            f"login + start, whole sequence per learner (6 requests): p50 {cuts[49]:.0f} ms, "
            f"p95 {cuts[94]:.0f} ms, failed {len(totals) - len(done)}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help="build the data and exit")
    parser.add_argument("--learners", type=int, default=2000, help="with --prepare")
    parser.add_argument("--questions", type=int, default=16, help="with --prepare")
    parser.add_argument("--url", default="http://127.0.0.1:8100")
    parser.add_argument("--quiz", type=int, help="quiz id (default: from --prepare)")
    parser.add_argument("--steps", default="100,200,400,800,1600")
    parser.add_argument("--think", type=float, default=10.0, help="seconds, mean")
    parser.add_argument("--ramp", type=float, help="seconds to stagger starts (default 2x think)")
    parser.add_argument("--duration", type=float, default=60.0, help="measuring seconds/step")
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between steps")
    parser.add_argument("--connections", type=int, default=400, help="client connection pool")
    parser.add_argument("--login-parallel", type=int, default=4)
    parser.add_argument("--spike", type=int, default=0, help="K learners starting together")
    parser.add_argument("--within", type=float, default=5.0, help="seconds, with --spike")
    parser.add_argument(
        "--spike-offset", type=int, default=0, help="first learner number of the spike"
    )
    args = parser.parse_args()
    if args.prepare:
        return prepare(args)
    quiz = args.quiz or json.loads(STATE.read_text())["quiz"]
    if args.spike:
        return asyncio.run(run_spike(args, quiz))
    args.steps = [int(step) for step in args.steps.split(",")]
    args.ramp = args.think * 2 if args.ramp is None else args.ramp
    asyncio.run(run_steps(args, quiz))


if __name__ == "__main__":
    main()
