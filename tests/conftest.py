import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests judge results, never speed: on a shared, busy machine (load ~12) Hypothesis'
# per-example deadline (200 ms) and its "input generation is slow" health check failed
# tests whose code was right.
hypothesis_settings.register_profile(
    "kofo", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("kofo")


def _on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


# The longest tests start first, so that with several workers (pytest-xdist) none of them is
# left running alone at the end. Order only; a stable sort keeps the rest as collected.
_LONG_FIRST = (
    "tests/test_fuzz_crawler.py",
    "tests/test_two_hosts.py",
    "tests/home/test_sqlite_concurrency.py",
    "tests/e2e/",
)


def _long_first_rank(item):
    path = item.nodeid
    for rank, prefix in enumerate(_LONG_FIRST):
        if path.startswith(prefix):
            return rank
    return len(_LONG_FIRST)


# tryfirst: this hook runs before pytest-django's own (also tryfirst; conftest hooks are called
# before plugin hooks), whose stable sort then still puts the transactional tests (browser,
# live server) after the others: they flush the database, including the home page the data
# migrations create, which every later plain test of that worker would miss.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL: SQLite has no row locks, and two app hosts
    (tests/test_two_hosts.py) share a database over the network.

    On SQLite they are deselected (not skipped) with a note; CI runs the suite a second time
    on PostgreSQL, where they run. In CI a PostgreSQL run must contain them.
    """
    items.sort(key=_long_first_rank)
    if _on_postgres():
        return
    locking = [item for item in items if item.get_closest_marker("postgres")]
    if locking:
        config.hook.pytest_deselected(items=locking)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config._kofo_deselected_postgres = len(locking)


def pytest_report_header(config):
    database = "PostgreSQL" if _on_postgres() else "SQLite"
    return f"KoFo test database: {database}"


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_kofo_deselected_postgres", 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only tests (row locking, two app hosts) deselected on SQLite; "
            "they run with DATABASE_URL=postgres://… (CI runs both)."
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counters live in the cache; each test starts without any."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _german(settings):
    """Tests read the German UI, as our users do.

    Also for code that runs outside a request (services, validators): the language a request
    of an earlier test activated in this thread must not leak into the next test.
    """
    from django.utils import translation

    settings.LANGUAGE_CODE = "de"
    with translation.override("de"):
        yield


@pytest.fixture
def demo(db):
    """The full demo data set, as `make run` loads it."""
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
