"""Keyboard paths to and from the country panel, and layouts that fit: panel table, phone table, map.

Every test also checks that the page logged no console error and sent no request off the server.
"""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import TIMEOUT, assert_clean, open_page

pytestmark = pytest.mark.browser

ACTIVE_ID = "() => document.activeElement && document.activeElement.id"


def test_enter_or_space_on_a_table_row_opens_the_panel_and_escape_closes_it(page, live_server):
    p = open_page(page, live_server)
    p.wait_for_selector(".atlas-grid .ag-row", timeout=TIMEOUT)  # the table's script is loaded
    p.focus("#table-search")
    p.keyboard.press("Tab")  # into the grid (its header), then down to the first row
    p.keyboard.press("ArrowDown")
    p.wait_for_function("() => document.activeElement.closest('.ag-row') !== null", timeout=TIMEOUT)
    p.keyboard.press("Enter")
    p.wait_for_selector("#country-panel h2:has-text('Afghanistan')", timeout=TIMEOUT)
    p.wait_for_function(f"({ACTIVE_ID})() === 'panel-heading'", timeout=TIMEOUT)
    assert "country=AFG" in p.url
    p.keyboard.press("Escape")
    p.wait_for_selector("#country-panel", state="hidden", timeout=TIMEOUT)
    p.wait_for_function("() => document.activeElement.closest('.atlas-grid') !== null", timeout=TIMEOUT)
    p.keyboard.press("ArrowDown")
    p.keyboard.press(" ")
    p.wait_for_selector("#country-panel h2:has-text('Albania')", timeout=TIMEOUT)
    p.wait_for_function(f"({ACTIVE_ID})() === 'panel-heading'", timeout=TIMEOUT)
    p.click("#country-panel-close")  # the close button returns focus to the row
    p.wait_for_selector("#country-panel", state="hidden", timeout=TIMEOUT)
    assert p.evaluate("() => document.activeElement.closest('.atlas-grid') !== null")
    assert "table" in p.inner_text(".table-section").lower() and "press Enter" in p.inner_text(
        ".table-section"
    )
    assert_clean(page)


def test_panel_from_the_url_leaves_focus_alone_and_escape_closes_a_share_menu(page, live_server):
    p = open_page(page, live_server, "/?country=COL")
    p.wait_for_selector("#country-panel h2:has-text('Colombia')", timeout=TIMEOUT)
    p.wait_for_timeout(500)
    assert p.evaluate(ACTIVE_ID) != "panel-heading"
    p.click("#share-download summary")
    assert p.evaluate("() => document.getElementById('share-download').open")
    p.keyboard.press("Escape")
    assert not p.evaluate("() => document.getElementById('share-download').open")
    assert p.evaluate("() => document.activeElement.matches('#share-download summary')")
    assert not p.locator("#country-panel").is_hidden()  # the first Escape closed only the menu
    assert_clean(page)


@pytest.mark.parametrize(
    ("width", "path"),
    [(1366, "/?country=COL&edition=2024"), (1280, "/?lang=ru&country=COL"), (390, "/?lang=ru&country=COL")],
)
def test_country_panel_table_is_not_clipped(page, live_server, width, path):
    p = page.page
    p.set_viewport_size({"width": width, "height": 900})
    open_page(page, live_server, path)
    p.wait_for_selector("#country-panel table.facts", timeout=TIMEOUT)
    sizes = p.evaluate(
        """() => [...document.querySelectorAll('#country-panel, #country-panel .table-scroll')]
               .map(e => [e.scrollWidth, e.clientWidth])"""
    )
    for scroll, client in sizes:
        assert scroll <= client + 1, sizes
    edition_2024 = p.locator("#country-panel thead th").last.bounding_box()
    panel = p.locator("#country-panel").bounding_box()
    assert edition_2024["x"] + edition_2024["width"] <= panel["x"] + panel["width"]
    assert_clean(page)


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_phone_width_status_column_and_map_height(page, live_server, lang):
    p = page.page
    p.set_viewport_size({"width": 390, "height": 844})
    open_page(page, live_server, f"/?lang={lang}")
    p.wait_for_selector(".ag-header-cell[col-id=status]", timeout=TIMEOUT)
    assert p.locator(".ag-header-cell[col-id=status]").bounding_box()["width"] >= 110
    plot = p.evaluate("() => document.querySelector('#map .js-plotly-plot')._fullLayout._size.h")
    assert plot >= 260  # the map area itself, the legend under it aside
    assert_clean(page)
