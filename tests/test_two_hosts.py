"""Two app hosts behind one proxy: a learner's requests alternate between them and nothing
notices (issue 13, item 5; README "Betrieb mit mehreren Servern").

Real processes, production settings: two gunicorn instances on two ports share the test's
PostgreSQL database, a Redis database of their own (sessions, throttles, cached permissions)
and an S3-compatible bucket (moto's server) for media and certificate PDFs; ``db_worker``
issues the certificate as in production. Each request goes to the other host than the one
before, with the headers the TLS proxy adds (Host, X-Forwarded-Proto, X-Forwarded-For).

PostgreSQL only (marked ``postgres``; on SQLite the conftest deselects it with a note): two
servers in two processes share a database over the network, which is what this test is about.
"""

import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from django.conf import settings
from django.db import connection

from accounts.hashers import KofoArgon2PasswordHasher
from certificates.models import Certificate
from courses import services as courses
from courses.models import CompletionRule, ModulePage
from home.site import ensure_site
from quizzes.models import Attempt, AttemptStatus, QuestionKind
from tests.factories import UserFactory, make_course
from tests.quizzes.factories import correct_answer, make_quiz

# One worker runs them all (make test: --dist loadgroup): the servers boot once.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("two_hosts"),
]

HOST = "kofo.test"
ORIGIN = f"https://{HOST}"
CLIENT_ADDRESS = "203.0.113.7"  # as the proxy reports it (X-Forwarded-For)
# A Redis database number of this test's own, flushed before and after.
REDIS_URL = os.environ.get("KOFO_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
BUCKET = "kofo-zwei-server"
PASSWORD = "Zwei-Server-Passwort-2026"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BIN = Path(sys.executable).parent
# Generous bound for a gunicorn to boot Django on a busy 2-core machine.
BOOT_SECONDS = 120


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def bucket():
    """moto's S3 server on a free port with one empty bucket; stopped after the module."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-central-1",
        aws_access_key_id="kofo-test",
        aws_secret_access_key="kofo-test-secret",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    yield SimpleNamespace(endpoint=endpoint, client=client)
    server.stop()


@pytest.fixture(scope="module")
def redis_db():
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    yield server
    server.flushdb()


def _database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def host_env(django_db_setup, bucket, redis_db, tmp_path_factory):
    """The environment of every app host: production settings, shared services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="two-hosts-" + "x" * 60,
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=ORIGIN,
        SITE_URL=ORIGIN,
        DATABASE_URL=_database_url(),
        TRUSTED_PROXY_COUNT="1",
        REDIS_URL=REDIS_URL,
        KOFO_S3_BUCKET=BUCKET,
        KOFO_S3_ENDPOINT_URL=bucket.endpoint,
        KOFO_S3_REGION="eu-central-1",
        KOFO_S3_ACCESS_KEY_ID="kofo-test",
        KOFO_S3_SECRET_ACCESS_KEY="kofo-test-secret",
        STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
    )
    _manage(_own_disk(env, tmp_path_factory, "collectstatic"), "collectstatic", "--noinput", "-v0")
    return env


def _own_disk(env, tmp_path_factory, name):
    """``env`` with a media folder and a file cache of this machine's own: what one machine
    writes there, no other sees (the test asserts that nothing lands there)."""
    machine = tmp_path_factory.mktemp(name)
    return env | {"MEDIA_ROOT": str(machine / "media"), "CACHE_DIR": str(machine / "cache")}


def _local_files(env):
    """Files a machine wrote to its media folder or the private folder beside it."""
    media = Path(env["MEDIA_ROOT"])
    return [p for root in (media, media.with_name("media-private")) for p in root.rglob("*")]


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _wait_until_healthy(process, url, log):
    """Poll ``/healthz`` until 200; waiting on the process between tries, so a host that
    exits (a settings error) fails the test at once with its log."""
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"gunicorn at {url} exited:\n{log.read_text()}")
    pytest.fail(f"gunicorn at {url} not healthy after {BOOT_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def hosts(host_env, tmp_path_factory):
    """Two gunicorn instances (one worker, four threads each) on two free ports."""
    logs = tmp_path_factory.mktemp("gunicorn")
    started = []
    for name in ("a", "b"):
        port = _free_port()
        log = logs / f"{name}.log"
        env = _own_disk(host_env, tmp_path_factory, f"host-{name}")
        process = subprocess.Popen(
            [BIN / "gunicorn", "lms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "1", "--threads", "4", "--timeout", "120"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        started.append(
            SimpleNamespace(url=f"http://127.0.0.1:{port}", process=process, log=log, env=env)
        )
    try:
        for host in started:
            _wait_until_healthy(host.process, host.url, host.log)
        yield started
    finally:
        for host in started:
            host.process.terminate()
            host.process.wait(timeout=60)


@pytest.fixture
def site(hosts, redis_db):
    """The page tree a fresh (flushed) database lacks; a cache without the last test's keys."""
    redis_db.flushdb()
    ensure_site()


class Browser:
    """One person's browser behind the proxy; every request goes to the other host.

    Keeps its cookies itself: they are ``Secure`` (the proxy speaks HTTPS to the browser),
    and the hosts are reached over plain HTTP here, as from the proxy.
    """

    def __init__(self, hosts):
        self.hosts, self.turn, self.cookies = hosts, 0, {}

    def request(self, method, path, data=None):
        host = self.hosts[self.turn % len(self.hosts)]
        self.turn += 1
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": CLIENT_ADDRESS,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            headers["Origin"] = ORIGIN
        response = httpx.request(method, host.url + path, data=data, headers=headers, timeout=60)
        for header in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        assert response.status_code < 500, f"{host.url}{path}: {response.text[:2000]}"
        return response

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, page, path, data=None):
        """POST ``data`` with the CSRF token of ``page`` (rendered by the other host)."""
        token = CSRF.search(page.text).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **(data or {})})

    def log_in(self, email, password):
        page = self.get("/konto/anmelden/")
        return self.post_form(page, "/konto/anmelden/", {"username": email, "password": password})


def _learner(email):
    learner = UserFactory(email=email, first_name="Zoë", last_name="Zweiserver")
    # The production hasher (the test settings hash with MD5, which production cannot read).
    hasher = KofoArgon2PasswordHasher()
    learner.password = hasher.encode(PASSWORD, hasher.salt())
    learner.save(update_fields=["password"])
    return learner


def test_one_learner_alternating_hosts_logs_in_passes_and_downloads_the_certificate(
    hosts, host_env, bucket, site, tmp_path_factory
):
    quiz = make_quiz(
        questions=3,
        kinds=(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE),
        title="Lernkontrolle Kooperation",
    )
    course = make_course(modules=1, title="Zusammenarbeit über Rechtskreise")
    module = ModulePage.objects.child_of(course).get()
    module.quiz, module.completion_rule = quiz, CompletionRule.QUIZ
    module.save_revision().publish()
    learner = _learner("zoe.zweiserver@example.org")
    courses.enrolment_create(user=learner, course=course)
    browser = Browser(hosts)

    assert browser.log_in(learner.email, PASSWORD).status_code == 302
    assert "Zoë" in browser.get("/konto/profil/").text  # the session, read by the other host

    start = f"/lernkontrollen/{quiz.pk}/"
    response = browser.post_form(browser.get(start), start)
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    for position in range(3):
        assert response.status_code == 302
        page = browser.get(response.headers["location"])
        assert f"/frage/{position + 1}/" in str(page.url)
        answer = correct_answer(attempt.questions[position])
        action = "review" if position == 2 else "next"
        data = {f"answer-{position}": answer, "action": action}
        response = browser.post_form(page, page.url.path, data)
    confirm = browser.get(response.headers["location"])
    assert "/pruefen/" in str(confirm.url)
    submitted = browser.post_form(confirm, confirm.url.path.replace("/pruefen/", "/abgeben/"))
    assert (
        '<p class="result-score">Bestanden</p>' in browser.get(submitted.headers["location"]).text
    )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PASSED

    # The passed quiz completed the course; the certificate task waits in the database for
    # the worker, which may run on any machine: it writes the PDF to the bucket.
    assert not Certificate.objects.exists()
    worker = _own_disk(host_env, tmp_path_factory, "worker")
    _manage(worker, "db_worker", "--batch", "--no-startup-delay", "-v0")
    certificate = Certificate.objects.get(enrolment__user=learner)
    stored = bucket.client.get_object(Bucket=BUCKET, Key=f"private/{certificate.pdf.name}")
    pdf = stored["Body"].read()
    assert pdf.startswith(b"%PDF")
    grants = bucket.client.get_object_acl(Bucket=BUCKET, Key=f"private/{certificate.pdf.name}")
    assert not [g for g in grants["Grants"] if "AllUsers" in g["Grantee"].get("URI", "")]

    mine = browser.get("/bescheinigungen/").text
    download = re.search(r'href="(/bescheinigungen/\d+/herunterladen/)"', mine).group(1)
    response = browser.get(download)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == pdf
    assert browser.get(download).content == pdf  # and from the other host

    # Someone else gets nothing, from either host; logging out on one host ends the session
    # on both.
    stranger = Browser(hosts)
    assert [stranger.get(download).status_code for _ in hosts] == [302, 302]
    page = browser.get("/konto/profil/")
    assert browser.post_form(page, "/konto/abmelden/").status_code == 302
    for _ in hosts:
        response = browser.get(download)
        assert response.status_code == 302 and "/konto/anmelden/" in response.headers["location"]
    # Nothing of it on any machine's own disk.
    assert [_local_files(machine.env) for machine in [*hosts, SimpleNamespace(env=worker)]] == [
        [],
        [],
        [],
    ]


def test_wrong_passwords_spread_over_both_hosts_lock_the_login_on_both(hosts, site):
    learner = _learner("max.sperre@example.org")
    browser = Browser(hosts)
    for attempt in range(1, settings.AXES_FAILURE_LIMIT):
        response = browser.log_in(learner.email, "falsches-Passwort")
        assert response.status_code == 200, attempt
        assert "Passwort ist falsch" in response.text
    response = browser.log_in(learner.email, "falsches-Passwort")
    assert response.status_code == 429
    # Now locked on both hosts, even with the right password.
    for _ in hosts:
        response = browser.log_in(learner.email, PASSWORD)
        assert response.status_code == 429
        assert "Anmeldung vorübergehend gesperrt" in response.text


def test_both_hosts_report_healthy(hosts):
    for host in hosts:
        response = httpx.get(f"{host.url}/healthz", timeout=30)
        assert (response.status_code, response.text) == (200, "ok\n")
        assert "set-cookie" not in response.headers
