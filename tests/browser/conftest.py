"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

These never skip: without Chromium they fail, saying how to get it (`make test`
installs it when it can).
"""

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM_ARGS = [
    "--no-sandbox",  # the test machines run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No calls home: the machines have no network beyond package registries.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    candidate = os.environ.get("CHROMIUM") or "chromium"
    found = candidate if os.path.isfile(candidate) else shutil.which(candidate)
    if not found:
        pytest.fail(
            f"Chromium not found ({candidate!r}): install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM=/path/to/chromium",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread for as long as the
    # browser lives; the ORM calls the tests make around it (building data, checking
    # results, flushing the database) are still synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def new_page(browser, live_server, **options):
    """A browser context of its own (another reader, a colleague at the desk) on the live
    server, and its page, collecting console errors and CSP violations."""
    context = browser.new_context(base_url=live_server.url, locale="th-TH", **options)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    # Requests still under way: the story form sends its autosave as the page is left.
    context.pending = set()
    context.on("request", lambda request: context.pending.add(request))
    context.on("requestfinished", lambda request: context.pending.discard(request))
    context.on("requestfailed", lambda request: context.pending.discard(request))
    return context, tab


def leave_quietly(context, seconds: float = 5) -> None:
    """Leave the context's pages and wait for what leaving sends (the story form's
    autosave) to be answered: a request the live server still handles while the test's
    database is emptied would deadlock with the emptying."""
    for open_tab in context.pages:
        open_tab.goto("about:blank")
    waiter = context.pages[0] if context.pages else context.new_page()
    for _ in range(int(seconds / 0.05)):
        if not context.pending:
            break
        waiter.wait_for_timeout(50)  # lets Playwright deliver the requests' events


class _ServerRequests:
    """The requests the live server is handling, counted by Django's request signals
    (sent in the server's threads as a request starts and once its response is sent)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0
        self.last_change = time.monotonic()

    def started(self, **kwargs):
        with self.lock:
            self.in_flight += 1
            self.last_change = time.monotonic()

    def finished(self, **kwargs):
        with self.lock:
            self.in_flight = max(0, self.in_flight - 1)
            self.last_change = time.monotonic()

    def wait_until_idle(self, quiet: float = 0.3, timeout: float = 30) -> None:
        """Return once no request has been under way for `quiet` seconds. A keepalive
        request (the autosave sent as a story form is left) outlives its page and even
        its browser context, so the browser side cannot tell when it has been answered."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                idle_for = time.monotonic() - self.last_change
                if self.in_flight == 0 and idle_for >= quiet:
                    return
            time.sleep(0.05)
        pytest.fail(f"the live server still handled {self.in_flight} request(s) after {timeout} s")


server_requests = _ServerRequests()
request_started.connect(server_requests.started, dispatch_uid="tests-browser-started")
request_finished.connect(server_requests.finished, dispatch_uid="tests-browser-finished")


@pytest.fixture(autouse=True)
def _live_server_idle_before_flush(transactional_db, live_server):
    """Each browser test ends only when the live server has answered every request: a
    request still handled while the test's database is emptied deadlocks with the
    emptying (the flush fails, and the next test finds the last one's rows). Depending
    on transactional_db puts this teardown before the flush, after every page's."""
    yield
    server_requests.wait_until_idle()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server, collecting CSP violations and errors."""
    context, tab = new_page(browser, live_server)
    yield tab
    leave_quietly(context)
    context.close()


def csp_violations(page) -> list[str]:
    return [text for text in page.console_errors if "Content Security Policy" in text]


def assert_accessible(page) -> None:
    """axe-core finds no violations on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{axe_report(results.response)}"


def axe_report(response: dict) -> str:
    """Each violation with the elements it names and what axe says is wrong with them."""
    lines = []
    for violation in response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = node["failureSummary"].replace("\n", " ")
            lines.append(f"  {node['target']} {node['html'][:160]}\n    {summary[:300]}")
    return "\n".join(lines)


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def log_in(page, username: str, next_url: str = "/admin/") -> None:
    """Log in at the desk as `username` (the factories' test password), from a clean
    slate (no earlier user's cookies), and wait for `next_url`."""
    page.context.clear_cookies()
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")
