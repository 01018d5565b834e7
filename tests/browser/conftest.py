"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server, each page
checked with axe-core.

Playwright cannot download its own browsers on these machines, so the system `chromium` is launched by path.
Without it the journeys skip locally, with the reason, and fail in CI (CI=true): a journey that silently never
runs would be a test that cannot fail.
"""

from __future__ import annotations

import os

# Playwright's sync API keeps an event loop running in this thread; Django would otherwise refuse database
# access from it. Set before any test touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import shutil
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from playwright.sync_api import expect

from tests.browser.support import AXE_SCRIPT

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS_DIR = Path(os.environ.get("BROWSER_ARTIFACTS", Path(tempfile.gettempdir()) / "inspectorate-browser"))


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}: CI runs every browser journey, so this is a failure, not a skip.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        _missing("Chromium is not installed (`make system-packages` installs Debian's chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not AXE_SCRIPT.exists():
        _missing(f"axe-core is not installed at {AXE_SCRIPT} (`make install` runs npm ci)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser tab on the live server; relative paths (`page.goto("/schools/")`) go there."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    # Generous waits: CI runs every test worker at once on two cores, and the first PDF or page can take seconds.
    # A journey that is wrong still fails, only later; nothing here measures speed.
    tab.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS_DIR / f"{request.node.name}.png"
        tab.screenshot(path=str(shot), full_page=True)
        print(f"Screenshot of the failing page: {shot}")
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.report_call = report  # type: ignore[attr-defined]
    return report
