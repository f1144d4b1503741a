"""What the browser sees: first-load weight, time to the map, bytes per map update.

Headless Chromium (the one the browser tests use), a fresh context (empty cache) per load. Sizes
are the encoded (on-the-wire, compressed) body sizes Chromium reports, and the decoded sizes.
Also collects the callback requests the page made, for ``bench.latency`` to replay.

Two times per load, both in ms since navigation start:

- *interactive map*: the first country shape plotly.js puts in the page (the map can be used);
- *first pixels*: when the browser painted the map's first picture (Element Timing on the
  ``img.first-pixels`` of the static first screen), None when the page had no picture.

:func:`paint_ratios` interleaves cold loads of the Atlas with cold loads of the floor,
``bench.bare_page`` (the same plotly.js bundle and geometry drawing the same figure, nothing
else), so both are measured under the same conditions, and gives each time as a ratio to it.

    python -m bench.page http://127.0.0.1:8072/ [http://127.0.0.1:8074/]
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
MAP_SELECTOR = ".choroplethlocation"
UPDATE_PATH = "/_dash-update-component"
# Records when the first country shape appears, in ms since navigation start.
# Also records when the map's first picture was painted (Element Timing), if the page has one.
PAINT_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('SELECTOR')) { window.__mapPaint = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.identifier === 'first-pixels') { window.__firstPixels = e.renderTime || e.loadTime; }
  }
}).observe({type: 'element', buffered: true});
""".replace("SELECTOR", MAP_SELECTOR)


@dataclass
class Transfer:
    url: str
    encoded: int  # bytes on the wire (body, as sent: compressed when the server compressed it)
    decoded: int  # bytes after decompression
    post_data: str | None = None


@dataclass
class Load:
    """One page load, from navigation until the map is drawn and the network is quiet."""

    paint_ms: float
    transfers: list[Transfer] = field(default_factory=list)
    first_pixels_ms: float | None = None

    @property
    def encoded(self) -> int:
        return sum(t.encoded for t in self.transfers)

    @property
    def decoded(self) -> int:
        return sum(t.decoded for t in self.transfers)

    @property
    def duplicates(self) -> list[str]:
        """Scripts, styles or geometry fetched more than once (callbacks may repeat)."""
        counts = Counter(t.url for t in self.transfers if UPDATE_PATH not in t.url)
        return [url for url, n in counts.items() if n > 1]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Recorder:
    """Collects finished requests of a page, and knows when the network has gone quiet."""

    def __init__(self, page: Page) -> None:
        self.transfers: list[Transfer] = []
        self.in_flight = 0
        self.last_change = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, _: Request) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def _failed(self, _: Request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def _finished(self, request: Request) -> None:
        response = request.response()
        body = response.body() if response and response.status != 304 else b""
        self.transfers.append(
            Transfer(request.url, request.sizes()["responseBodySize"], len(body), request.post_data)
        )
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def wait_quiet(self, page: Page, quiet_s: float = 0.5, limit_s: float = 20) -> None:
        """Wait until no request has been pending for ``quiet_s`` seconds (at most ``limit_s``)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            if self.in_flight <= 0 and time.monotonic() - self.last_change >= quiet_s:
                return
        raise TimeoutError("the page kept making requests")

    def take(self) -> list[Transfer]:
        taken, self.transfers = self.transfers, []
        return taken


def first_load(browser: Browser, url: str) -> Load:
    """Load ``url`` with an empty cache; time to the first country shape, and every transfer."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(PAINT_PROBE)
        recorder = Recorder(page)
        page.goto(url)
        page.wait_for_selector(MAP_SELECTOR, state="attached", timeout=20_000)
        recorder.wait_quiet(page)
        paint, pixels = page.evaluate("[window.__mapPaint, window.__firstPixels ?? null]")
        return Load(paint, recorder.take(), pixels)
    finally:
        context.close()


def pick(page: Page, param: str, value: str) -> None:
    """Choose ``value`` for a query parameter the way a person does: its select."""
    page.select_option(f"#control-{param}", value)


def switch_updates(browser: Browser, url: str, choices: list[tuple[str, str]]) -> list[list[Transfer]]:
    """After the first load, pick each (parameter, value) in turn; the transfers each one caused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        recorder = Recorder(page)
        page.goto(url)
        page.wait_for_selector(MAP_SELECTOR, state="attached", timeout=20_000)
        recorder.wait_quiet(page)
        recorder.take()
        updates = []
        for param, value in choices:
            # wait for the switch's own callback, not just a quiet network: on a busy machine the
            # page can look quiet before the select's URL change has reached Dash
            with page.expect_response(lambda r: UPDATE_PATH in r.url, timeout=20_000):
                pick(page, param, value)
            recorder.wait_quiet(page)
            updates.append(recorder.take())
        return updates
    finally:
        context.close()


INDICATOR_SWITCHES = [("indicator", v) for v in ("oat", "dcr", "policy", "services", "nsp")]
EDITION_SWITCHES = [("edition", v) for v in ("2020", "2022", "2024", "2023")]


@dataclass
class PageFigures:
    first_load_encoded: int
    first_load_decoded: int
    requests: int
    duplicates: list[str]
    paint_ms: list[float]
    update_encoded: list[int]  # per switch: all callback responses it caused
    update_decoded: list[int]
    geometry_in_updates: bool
    callback_bodies: list[str]


def measure(url: str, loads: int = 5) -> PageFigures:
    """``loads`` cold loads (the first warms the server and is not timed), then 9 switches."""
    with chromium() as browser:
        first_load(browser, url)  # warm-up: server imports, OS caches
        runs = [first_load(browser, url) for _ in range(loads)]
        updates = switch_updates(browser, url, INDICATOR_SWITCHES + EDITION_SWITCHES)
    calls = [t for update in updates for t in update if UPDATE_PATH in t.url]
    bodies = [t.post_data for t in calls if t.post_data]
    bodies += [t.post_data for run in runs[:1] for t in run.transfers if UPDATE_PATH in t.url and t.post_data]
    last = runs[-1]
    return PageFigures(
        first_load_encoded=last.encoded,
        first_load_decoded=last.decoded,
        requests=len(last.transfers),
        duplicates=last.duplicates,
        paint_ms=[r.paint_ms for r in runs],
        update_encoded=[sum(t.encoded for t in u) for u in updates],
        update_decoded=[sum(t.decoded for t in u) for u in updates],
        geometry_in_updates=any("world_50m" in t.url or "topojson" in t.url for u in updates for t in u),
        callback_bodies=bodies,
    )


@dataclass
class PaintRatios:
    """Medians of interleaved cold loads, and the Atlas's times as ratios to the floor's paint."""

    floor_ms: list[float]  # the bare plotly.js page: first country shape
    interactive_ms: list[float]  # the Atlas: first country shape
    first_pixels_ms: list[float | None]  # the Atlas: its map's picture painted (None: no picture)

    @property
    def floor(self) -> float:
        return statistics.median(self.floor_ms)

    @property
    def interactive(self) -> float:
        return statistics.median(self.interactive_ms)

    @property
    def first_pixels(self) -> float | None:
        painted = [t for t in self.first_pixels_ms if t is not None]
        return statistics.median(painted) if len(painted) == len(self.first_pixels_ms) else None

    @property
    def interactive_ratio(self) -> float:
        return self.interactive / self.floor

    @property
    def first_pixels_ratio(self) -> float | None:
        return None if self.first_pixels is None else self.first_pixels / self.floor


def paint_ratios(
    atlas_url: str, floor_url: str, loads: int = 5, browser: Browser | None = None
) -> PaintRatios:
    """``loads`` cold loads of each page, alternating (Atlas, floor, Atlas, ...) after one warm-up
    of each, so a busy moment of the machine falls on both."""
    with contextlib.ExitStack() as stack:
        browser = browser or stack.enter_context(chromium())
        first_load(browser, atlas_url), first_load(browser, floor_url)  # warm-up: imports, OS caches
        atlas, floor = [], []
        for _ in range(loads):
            atlas.append(first_load(browser, atlas_url))
            floor.append(first_load(browser, floor_url))
    return PaintRatios(
        [f.paint_ms for f in floor], [a.paint_ms for a in atlas], [a.first_pixels_ms for a in atlas]
    )


def main(argv: list[str]) -> int:
    url = argv[0] if argv else "http://127.0.0.1:8070/"
    figures = measure(url)
    print(f"first load: {figures.first_load_encoded / 1e6:.2f} MB on the wire")
    print(f"  ({figures.first_load_decoded / 1e6:.2f} MB decoded, {figures.requests} requests)")
    print(f"duplicates: {figures.duplicates or 'none'}")
    print(f"first map paint: median {statistics.median(figures.paint_ms):.0f} ms of {figures.paint_ms}")
    print(f"bytes per update (encoded): {figures.update_encoded}")
    print(f"bytes per update (decoded): {figures.update_decoded}")
    print(f"geometry re-sent on update: {figures.geometry_in_updates}")
    if len(argv) > 1:
        ratios = paint_ratios(url, argv[1])
        print(f"floor (bare plotly.js page): median {ratios.floor:.0f} ms of {ratios.floor_ms}")
        print(
            f"interactive map: median {ratios.interactive:.0f} ms = {ratios.interactive_ratio:.2f}x the floor"
        )
        if ratios.first_pixels is not None:
            pixels, ratio = ratios.first_pixels, ratios.first_pixels_ratio
            print(f"first pixels: median {pixels:.0f} ms = {ratio:.2f}x the floor")
        else:
            print(f"first pixels: not on every load {ratios.first_pixels_ms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
