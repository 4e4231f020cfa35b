"""Debian's chromium for the browser tests (tests/serve/test_browser.py, tests/report/test_report_browser.py):
launched headless through playwright, and a page opened with its console errors collected."""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def chromium_missing() -> bool:
    return shutil.which("chromium") is None and not CHROMIUM.exists()


@contextmanager
def launch_chromium():
    """Headless chromium (the test skips where playwright is not installed)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str):
    """A new page at ``url``: the page, the console errors it logs (a list that grows) and the response."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    return page, errors, response
