"""``/embed`` opened on its own: light script, no console error, no dot cut off at the map's edges."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DRAWN = "#hra-map[data-drawn=true]"
# Each small state's dot, and the box plotly clips the map to (the whole SVG: no margins).
DOTS = """() => {
  const box = document.querySelector('#hra-map .main-svg').getBoundingClientRect();
  const dots = [...document.querySelectorAll('#hra-map .scattergeo path.point')];
  return {count: dots.length, outside: dots.map(d => d.getBoundingClientRect())
    .filter(r => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(r => [r.left, r.right])};
}"""


@pytest.mark.parametrize("width", [390, 1100])
def test_embed_loads_the_geo_bundle_with_no_console_error_and_whole_dots(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    scripts: list[str] = []
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
        page.goto(live_server.url + "/embed")
        page.wait_for_selector(DRAWN, timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert errors == []  # no /favicon.ico 404 either
        assert [s.removeprefix(live_server.url) for s in scripts] == [
            "/embed/plotly-geo.min.js",
            "/embed/embed.js",
        ]
        dots = page.evaluate(DOTS)
        assert dots["count"] > 30 and dots["outside"] == []
    finally:
        context.close()
