"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Every page a test visits goes through ``visit``/``check_page``, which runs axe-core (WCAG 2.0
and 2.1, levels A and AA) and writes a screenshot to test-artifacts/screenshots/.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from home.site import ensure_site

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KOFO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Bounds, not expectations: Playwright's actions and ``expect`` poll until the page is right
# and return at once when it is. A busy machine (both cores taken by other test runs) makes a
# page take many seconds; only a page that never gets right should fail, so the bounds are
# generous (expect's own default is 5 s, which a loaded machine exceeded).
TIMEOUT_MS = 60_000
expect.set_options(timeout=TIMEOUT_MS)
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Debian's Chromium is missing at {CHROMIUM}. Install it with "
            "`apt-get install -y chromium` (make test does this when run as root)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    # The live server needs a transactional database, which is flushed after each test;
    # put back what the migrations created.
    ensure_site()
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    # Chromium reports every Content-Security-Policy violation on the console ("Refused to
    # load/execute … because it violates the following Content Security Policy directive").
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert violations == [], "CSP violations:\n" + "\n".join(violations)


_SETTLE_JS = """() => Promise.all(
    document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime <= 3000)
        .map(a => a.finished.catch(() => null))
)"""


def check_page(page, name):
    """Screenshot the current page and fail on any axe-core WCAG A/AA violation."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Check the page as it settles, not mid-transition: Wagtail's messages fade their colour
    # in, and axe measured the half-faded green (4.09:1) on some runs. Waits for the end of
    # the short CSS transitions and animations (up to 3 s long: fades, slides); a spinner's
    # infinite one and the help badge's 25-second "ping" are not what axe should wait for.
    page.evaluate(_SETTLE_JS)
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
    page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def visit(page, path, name):
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    check_page(page, name)
    return response


@pytest.fixture
def login(page, live_server):
    """``login(user)`` logs the browser in by giving it a real session cookie."""

    def _login(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return _login
