"""The early map (issue 11): plotly.js draws the view's map before Dash has booted, laid exactly over
the map's box (assets/dashboard_early.js); a click on it opens the country once Dash is there, and
the layer goes when the live map has drawn. Dash's renderer is held back here, so the early map is
seen on its own, however fast or slow the machine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 30_000
BOX = "(e) => [e.getBoundingClientRect()].map(r => [r.left, r.top, r.width, r.height].map(Math.round))[0]"
# the centre of a country's shape on the early map (plotly binds each shape to its location)
CENTRE = """(iso) => {
  const shape = [...document.querySelectorAll('.early-map .choroplethlocation')]
    .find(p => p.__data__ && p.__data__.loc === iso);
  if (!shape) return null;
  const r = shape.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


def held_renderer(page) -> list:
    """Hold Dash's renderer script until the test lets it go (``held[0].continue_()``)."""
    held: list = []
    page.route("**/dash_renderer*", lambda route: held.append(route))
    return held


def test_the_map_is_drawn_and_usable_before_dash_boots(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    held = held_renderer(page)
    page.goto(live_server.url + "/?indicator=oat", wait_until="commit")
    page.wait_for_selector(".early-map .choroplethlocation", state="attached", timeout=TIMEOUT)
    assert page.locator("#react-entry-point #map").count() == 0, "Dash should not have drawn yet"
    # exactly over the first screen's map box, and the same view as the page's
    assert page.eval_on_selector(".early-map", BOX) == page.eval_on_selector(
        '.first-screen [data-id="map"]', BOX
    )
    assert page.locator(".early-map .choroplethlocation").count() > 150
    assert page.get_attribute(".early-map", "aria-hidden") == "true"
    # hover labels work on it
    brazil = page.evaluate(CENTRE, "BRA")
    assert brazil is not None
    page.mouse.move(*brazil)
    page.wait_for_selector(".early-map .hoverlayer .hovertext", timeout=5_000)
    assert "Brazil" in page.text_content(".early-map .hoverlayer")
    # a click is kept until Dash is there, then opens the country
    page.mouse.click(*brazil)
    page.wait_for_timeout(200)
    assert held, "the renderer should still be held"
    held[0].continue_()
    page.wait_for_selector("#react-entry-point #map .choroplethlocation", state="attached", timeout=TIMEOUT)
    page.wait_for_function("() => location.search.includes('country=BRA')", timeout=TIMEOUT)
    page.wait_for_function("() => !document.querySelector('.early-map')", timeout=TIMEOUT)
    heading = page.locator("#panel-heading")
    heading.wait_for(timeout=TIMEOUT)
    assert heading.inner_text() == "Brazil"
    assert "indicator=oat" in page.url
    assert not errors
    context.close()


def test_the_early_map_follows_the_live_page_and_goes_once_the_live_map_is_drawn(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/?lang=ar")
    page.wait_for_selector("#map-wrap.is-drawn", timeout=TIMEOUT)
    page.wait_for_function("() => !document.querySelector('.early-map')", timeout=TIMEOUT)
    assert page.locator(".choroplethlocation").count() == page.locator("#map .choroplethlocation").count()
    context.close()
