"""First pixels (issue 11): before plotly.js has drawn anything, the page shows its first screen as
static HTML with a server-rendered picture of the very map; the live page replaces it without a
shift, the picture stays until the countries are drawn, and the table's bundle waits for the map."""

from __future__ import annotations

import re
import urllib.request

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 30_000
BOX = "(e) => [e.getBoundingClientRect()].map(r => [r.left, r.top, r.width, r.height].map(Math.round))[0]"
PROBES = """
window.__shifts = [];
new PerformanceObserver(l => l.getEntries().forEach(e => e.hadRecentInput || window.__shifts.push(e.value)))
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => { window.__pixels = e.renderTime || e.loadTime; }))
  .observe({type: 'element', buffered: true});
new MutationObserver((_, o) => {
  if (document.querySelector('.choroplethlocation')) { window.__map = performance.now(); o.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def pictured(live_server):
    """The landing view's picture made once (the served app renders it at start, in the background)."""
    with urllib.request.urlopen(live_server.url + "/first-pixels/map.webp", timeout=120) as response:
        assert response.headers["Content-Type"] == "image/webp"
        assert len(response.read()) > 10_000
    return live_server


def test_the_first_screen_shows_the_map_picture_where_the_map_will_be(browser, pictured):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    # the first screen on its own: no script but the one that fits the map's box
    page.route("**/*.js*", lambda r: r.continue_() if "dashboard_fit" in r.request.url else r.abort())
    page.goto(pictured.url + "/")
    picture = page.wait_for_selector(".first-screen img.first-pixels", timeout=TIMEOUT)
    page.wait_for_function("() => document.querySelector('.first-screen img.first-pixels').complete")
    assert page.evaluate("() => document.querySelector('.first-screen img.first-pixels').naturalWidth") > 1000
    static_box = page.eval_on_selector(".first-screen .map-wrap", BOX)
    title = page.inner_text(".first-screen .map-title")
    assert title == "Needle and syringe programmes · 2023 update · World"
    assert picture.is_visible()
    context.close()

    # the live page: the same box, in the same place, once plotly.js has drawn
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(pictured.url + "/")
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    page.wait_for_selector("#map-wrap.is-drawn", timeout=TIMEOUT)
    assert page.locator(".first-screen").count() == 0
    live_box = page.eval_on_selector("#map-wrap", BOX)
    assert all(abs(a - b) <= 2 for a, b in zip(static_box, live_box, strict=True)), (static_box, live_box)
    assert page.locator("#map-wrap img.first-pixels").is_hidden()  # the drawing replaced the picture
    assert errors == []
    context.close()


def test_the_picture_is_painted_before_the_map_and_nothing_shifts(browser, pictured):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.add_init_script(PROBES)
    page.goto(pictured.url + "/")
    page.wait_for_selector("#map-wrap.is-drawn", timeout=TIMEOUT)
    page.wait_for_timeout(500)
    pixels, drawn, shifts = page.evaluate("[window.__pixels, window.__map, window.__shifts]")
    assert pixels is not None and pixels < drawn
    assert sum(shifts) < 0.05, shifts  # "good" cumulative layout shift is under 0.1
    context.close()


def test_the_table_bundle_is_not_in_the_page_and_loads_when_needed(page, live_server):
    p = page.page
    response = p.goto(live_server.url + "/")
    html = response.text()
    assert re.search(r'<script src="[^"]*dash_ag_grid', html) is None  # not parsed before the map
    assert re.search(r'data-grid-src="[^"]*/dash_ag_grid/dash_ag_grid[^"]*\.js"', html)
    p.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    p.locator(".table-section h2").scroll_into_view_if_needed()
    p.wait_for_selector(".atlas-grid .ag-row", timeout=TIMEOUT)
    assert p.locator(".atlas-grid .ag-row").count() >= 10
    assert page.console_errors == [] and page.external_requests == []


def test_focus_on_the_waiting_table_moves_into_it_when_it_loads(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held = []  # the table's bundle is held back until focus is on the stand-in
    page.route("**/dash_ag_grid/dash_ag_grid*.js", lambda route: held.append(route))
    page.goto(live_server.url + "/")
    page.wait_for_selector(".grid-pending", timeout=TIMEOUT)
    page.focus(".grid-pending")
    page.wait_for_timeout(200)
    assert held, "the bundle was asked for"
    held[0].continue_()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.atlas-grid .ag-header')",
        timeout=TIMEOUT,
    )
    context.close()
