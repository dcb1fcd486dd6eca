"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's
live server, with axe-core checking every page for WCAG 2.1 A/AA.

Fixtures
  browser   (session)  one headless Chromium for the whole run
  page      (function) a fresh context (no cookies), locale nb-NO, base_url = the live server,
                       so ``page.goto("/start/")`` works; fails the test if the page threw a
                       JavaScript error or a /static/ file failed to load
  visit, login, assert_no_axe_violations
                       the functions in ``helpers`` as fixtures, for tests that prefer that to
                       ``from .helpers import ...``

Screenshots of failed tests go to test-artifacts/browser/ (ignored by git).
Never run ``playwright install``: the tests use /usr/bin/chromium.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest

from . import helpers

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
# thread with a running loop unless told that this is deliberate. The test code and the live
# server thread never share a connection, so it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NORMEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def pytest_collection_modifyitems(items):
    # Everything under tests/browser/ is a browser test, marked or not.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        locale="nb-NO",
        timezone_id="Europe/Oslo",
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()

    js_errors = []
    broken_assets = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    # The policy is enforced in the tests: a page that needs an inline script or style fails.
    page.on("console", lambda msg: js_errors.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    page.on(
        "response",
        lambda r: broken_assets.append(f"{r.status} {r.url}")
        if "/static/" in r.url and r.status >= 400
        else None,
    )
    page.on("requestfailed", lambda r: broken_assets.append(f"failed {r.url}")
            if "/static/" in r.url else None)

    yield page

    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        # A screenshot is a bonus; failing to take one must not hide the real failure.
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    assert not js_errors, "JavaScript errors on the page:\n" + "\n".join(js_errors)
    assert not broken_assets, "static files that did not load:\n" + "\n".join(broken_assets)


@pytest.fixture
def visit():
    return helpers.visit


@pytest.fixture
def login():
    return helpers.login


@pytest.fixture
def assert_no_axe_violations():
    return helpers.assert_no_axe_violations
