"""Debian's Chromium for the browser tests, driven by Playwright, with every request off the machine refused."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Past hammer.js's double-tap interval (300 ms): two clicks this far apart are two clicks.
DOUBLE_TAP_MS = 350
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


class Visit:
    """One page load with every request, console message and dialog recorded (off-machine requests refused)."""

    def __init__(self, browser, path: Path, viewport: tuple[int, int] = (1400, 900)):
        self.refused: list[str] = []
        self.failed: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        self.page.route("**/*", lambda route: local_only(route, self.refused))
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on("console", lambda message: self.console.append((message.type, message.text)))
        self.page.on("pageerror", lambda error: self.console.append(("pageerror", str(error))))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def problems(self) -> dict:
        return {
            "refused": self.refused,
            "failed": self.failed,
            "console": [m for m in self.console if m[0] in ("error", "warning", "pageerror")],
            "dialogs": self.dialogs,
        }

    def line_midpoint(self, index: int, scale: float | None = 2) -> dict | None:
        """A drawn line's midpoint (half way along it, bent or straight) on the page, in whole
        pixels as a mouse reports it, if a click there selects that line (the page's own hit
        rule, ``tipgraph.objectAt``, which its click handler runs). ``scale``: zoom to it on the
        midpoint first; None: the view as it is (the midpoint must be on the canvas).

        The point is rounded on the page, not on the canvas, so that the point checked is the one
        clicked when the canvas sits at a fractional offset."""
        box = self.page.locator("#network canvas").bounding_box()
        return self.page.evaluate(
            """([i, left, top, width, height, scale]) => {
                      const net = tipgraph.network, m = net.body.edges[i].edgeType.getPoint(0.5);
                      if (scale !== null) net.moveTo({position: m, scale: scale, animation: false});
                      const exact = net.canvasToDOM(m);
                      const page = {x: Math.round(left + exact.x), y: Math.round(top + exact.y)};
                      const dom = {x: page.x - left, y: page.y - top};
                      if (dom.x < 1 || dom.y < 1 || dom.x > width - 1 || dom.y > height - 1) return null;
                      const hit = tipgraph.objectAt(dom);
                      const onTop = document.elementFromPoint(page.x, page.y);
                      if (!onTop || onTop.tagName !== "CANVAS") return null;  // a tooltip or pane covers it
                      return hit !== null && hit.edge === i ? page : null; }""",
            [index, box["x"], box["y"], box["width"], box["height"], scale],
        )

    def click_line(self, index: int, scale: float | None = 2) -> bool:
        """A real mouse click on the middle of a drawn line, if nothing else is there."""
        # the pointer leaves the last line first, as a hand does: its tooltip (a page element above the
        # canvas) would otherwise take a click that lands on it
        box = self.page.locator("#network canvas").bounding_box()
        self.page.mouse.move(box["x"] + 2, box["y"] + 2)
        point = self.line_midpoint(index, scale)
        if point is None:
            return False
        self.page.mouse.click(point["x"], point["y"])
        # vis-network (hammer.js) takes two taps within 300 ms and 10 px for a double tap, and
        # sends no click for the second: in a fitted view the next line's midpoint is that close.
        self.page.wait_for_timeout(DOUBLE_TAP_MS)
        return True
