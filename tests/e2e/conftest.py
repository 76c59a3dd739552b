"""Real-browser fixtures: the app served on loopback, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
# Quiet, offline Chromium: this machine has no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


# When the browser moves on while a static file is still downloading, Werkzeug's test
# server drops the connection without closing the file it was sending, and Python warns
# when the file is collected. That is the test server's leak, not the app's.
_DROPPED_DOWNLOAD_WARNINGS = (
    pytest.mark.filterwarnings("ignore:unclosed file:ResourceWarning"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"
    ),
)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.get_closest_marker("browser"):
            for mark in _DROPPED_DOWNLOAD_WARNINGS:
                item.add_marker(mark)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """A headless Chromium; missing is a skip locally and a failure in CI."""
    path = _chromium_path()
    if path is None:
        message = f"Chromium not found at {CHROMIUM}: browser tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI requires them)", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test app served over HTTP on a free loopback port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """A fresh browser context and page per test; closed before the server stops."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    tab = context.new_page()
    # A blocked script or style (CSP) or a failing asset shows up as a console error.
    errors: list[str] = []
    tab.on(
        "console",
        lambda message: (
            message.type == "error" and errors.append(f"{message.text} at {message.location}")
        ),
    )
    tab.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    yield tab
    context.close()
    assert errors == [], f"browser console errors: {errors}"


@pytest.fixture
def browser_sign_in(live_server):
    """Sign a person in through the login page of the live server."""
    from tests.conftest import PASSWORD

    def _sign_in(page, user) -> None:
        page.goto(f"{live_server}/login")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server}/")

    return _sign_in
