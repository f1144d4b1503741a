"""The first screen (issue 11): map and legend visible without scrolling on a laptop and a
projector, the map starting on a phone's first screen; in English and Russian (the longest)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 20_000


@pytest.mark.parametrize(
    ("width", "height", "lang"), [(1366, 768, "en"), (1280, 720, "ru"), (390, 844, "en")]
)
def test_map_and_legend_on_the_first_screen(page, live_server, width, height, lang):
    p = page.page
    p.set_viewport_size({"width": width, "height": height})
    p.goto(f"{live_server.url}/?lang={lang}")
    p.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    p.wait_for_timeout(300)
    graph = p.locator("#map-wrap").bounding_box()
    legend = p.locator("#map-legend").bounding_box()
    cards = p.locator(".cards").bounding_box()
    assert graph and legend and cards
    if width >= 1000:
        assert graph["y"] + graph["height"] <= height  # the whole map
        assert legend["y"] + legend["height"] <= height  # and its legend
        assert cards["y"] + cards["height"] <= graph["y"]  # the headline counts above it
        assert graph["height"] >= 380
    else:
        assert graph["y"] < height * 0.75  # the map starts on the first screen
    assert page.console_errors == []
