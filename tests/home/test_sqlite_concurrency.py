"""SQLite, the `make run` default, under a class of learners saving at the same moment.

A real server (``manage.py runserver``, as `make run` starts it) on a database FILE, 16
threads released together by a barrier, each autosaving one answer. Without WAL, BEGIN
IMMEDIATE and a busy timeout about half of them failed with "database is locked" (HTTP 500)
and the answer was lost.
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 16
CSRF = "k" * 32  # an unmasked CSRF secret: cookie and header carry the same value
READY_WITHIN = 120  # seconds; a bound on waiting for the server, not a timing assumption
PORT_ATTEMPTS = 5


def _environment(database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
    }


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server, base, log):
    """True once the server answers; False if it stopped because another process took its
    port between ``_free_port`` and its bind (the caller tries another port)."""
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5)  # noqa: S310
            return True
        except urllib.error.HTTPError:
            return True  # it answers: any status will do
        except OSError:
            try:  # waiting on the process doubles as the pause between polls
                server.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue
            output = log.read_text(errors="replace")
            if "port is already in use" in output:
                return False
            pytest.fail("runserver stopped: " + output[-2000:])
    pytest.fail(f"runserver did not answer within {READY_WITHIN} s")


def _autosave(base, person, barrier):
    request = urllib.request.Request(  # noqa: S310 (a local http URL)
        f"{base}/lernkontrollen/versuch/{person['attempt']}/frage/1/speichern/",
        data=f"answer-0={person['choice']}".encode(),
        headers={
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={person['session']}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        },
        method="POST",
    )
    barrier.wait()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")[:200]


@pytest.fixture
def sqlite_site(tmp_path):
    database = tmp_path / "kofo.sqlite3"
    env = _environment(database)
    built = subprocess.run(
        [sys.executable, "-m", "tests.home.sqlite_site", str(PEOPLE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    people = json.loads(built.stdout.decode().strip().splitlines()[-1])
    # A free port, and another one if a parallel test run (pytest-xdist) takes it first.
    for _attempt in range(PORT_ATTEMPTS):
        port = _free_port()
        log = tmp_path / f"runserver-{port}.log"
        # A file, not a pipe: a full pipe nobody reads would stall the server mid-request.
        with log.open("wb") as output:
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            if _wait_until_serving(server, base, log):
                yield base, people, database
                return
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)
    pytest.fail(f"no free port for runserver in {PORT_ATTEMPTS} attempts")


def test_sixteen_simultaneous_autosaves_on_a_sqlite_file_all_succeed(sqlite_site):
    base, people, database = sqlite_site
    barrier = threading.Barrier(PEOPLE)
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(lambda person: _autosave(base, person, barrier), people))
    assert [status for status, _body in results] == [200] * PEOPLE, results
    assert all(body["saved"] for _status, body in results)
    with sqlite3.connect(database) as connection:
        (journal,) = connection.execute("PRAGMA journal_mode").fetchone()
        saved = connection.execute(
            "SELECT COUNT(*) FROM quizzes_response r JOIN quizzes_attempt a ON a.id = r.attempt_id"
            " WHERE r.position = 0 AND r.saved_at IS NOT NULL"
        ).fetchone()[0]
    assert journal == "wal"
    assert saved == PEOPLE
