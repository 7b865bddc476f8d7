"""Debian's Chromium for the browser tests, driven by Playwright, with every request off the machine refused."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is in the test extras: pip install -e '.[test]'"
)


@pytest.fixture(scope="module", name="browser")
def browser_fixture():
    """A headless Chromium for the module's tests (request it as ``browser``)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def local_only(route, refused: list[str]) -> None:
    """Let a page load its own file, data and blob URLs; refuse (and note) anything else."""
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        refused.append(route.request.url)
        route.abort()
