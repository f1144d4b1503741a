"""The dashboard in real headless Chromium: load, switch, compare, click, restore, history, hostile URLs.

Every test also checks that the page logged no console error and sent no request off the server.
"""

from __future__ import annotations

import json
import re

import pytest

from dashboard.core.indicators import INDICATORS
from dashboard.dataset.counts import headline_counts

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


def open_page(page, live_server, path: str = "/"):
    """Go to ``path`` and wait until the map is drawn and the cards are filled."""
    page.page.goto(live_server.url + path)
    page.page.wait_for_selector("#map .choroplethlocation", timeout=TIMEOUT)
    page.page.wait_for_function("() => document.querySelector('#card-nsp .card-number') !== null")
    return page.page


def card_numbers(p) -> list[str]:
    return p.locator(".card-number").all_inner_texts()


def expected_numbers(dataset, edition: str = "2023", region: str = "world") -> list[str]:
    """What the cards must show, from the shipped data (HRI's real numbers: tests/test_shipped_data.py)."""
    counts = headline_counts(dataset, edition, region)
    return [str(counts[i]["count"]) for i in INDICATORS]


def wait_title(p, text: str) -> None:
    p.wait_for_function(
        "t => document.getElementById('map-title').innerText.includes(t)", arg=text, timeout=TIMEOUT
    )


def assert_clean(page) -> None:
    assert page.console_errors == []
    assert page.external_requests == []


def press(p, param: str, value: str) -> None:
    """Choose ``value`` in the select that sets ``param``."""
    p.select_option(f"#control-{param}", value)


def test_load_shows_world_map_cards_and_summary(page, live_server, dataset):
    p = open_page(page, live_server)
    nsp = headline_counts(dataset, "2023", "world")["nsp"]
    assert p.locator("#map .choroplethlocation").count() >= 190
    assert card_numbers(p)[:4] == expected_numbers(dataset)[:4]  # the mission's four, first
    assert f"{nsp['listed']} with a source" in p.inner_text("#card-nsp")
    assert f"list incomplete: {nsp['listed']} of {nsp['published']} with a source" in p.text_content(
        "#map-legend"
    )
    summary = p.inner_text("#map-summary")
    assert summary.startswith(
        f"In the 2023 update, {nsp['count']} countries have needle and syringe programmes"
    )
    assert p.get_attribute("#map-summary", "aria-live") == "polite"
    assert p.get_attribute("#map-wrap", "role") == "img"
    assert "Needle and syringe programmes" in p.get_attribute("#map-wrap", "aria-label")
    assert p.locator("header h1").inner_text() == "Harm Reduction Atlas"
    assert "do not imply any opinion" in p.inner_text("footer.site-footer")
    p.wait_for_selector(".ag-row", timeout=TIMEOUT)  # the table's script loads after the map
    assert p.locator(".ag-row").count() > 5  # the table is filled
    assert_clean(page)


def test_switch_indicator_edition_region_and_compare(page, live_server, dataset):
    p = open_page(page, live_server)
    updates: list[int] = []
    p.on(
        "response",
        lambda r: (
            updates.append(len(r.body())) if "_dash-update-component" in r.url and r.status == 200 else None
        ),
    )
    press(p, "indicator", "dcr")
    wait_title(p, "Drug consumption rooms · 2023 update")
    assert "indicator=dcr" in p.url
    assert p.input_value("#control-indicator") == "dcr"

    press(p, "edition", "2024")
    wait_title(p, "GSHR 2024")
    p.wait_for_function(
        "n => document.querySelector('#card-dcr .card-number').innerText === n",
        arg=str(headline_counts(dataset, "2024", "world")["dcr"]["count"]),
    )

    press(p, "region", "latin-america")
    wait_title(p, "Latin America")
    assert "region=latin-america" in p.url
    assert "Latin America" in p.inner_text("#map-summary")

    press(p, "compare", "2020")
    wait_title(p, "what changed from GSHR 2020 to GSHR 2024")
    assert "compare=2020" in p.url
    assert "Unchanged" in p.text_content("#map-legend")
    # switching sends data, not geometry: every callback response stays small
    assert updates and max(updates) <= 30_000
    assert_clean(page)


def test_figure_update_is_under_15_kb(page, live_server):
    p = open_page(page, live_server)
    sizes: list[int] = []

    def on_response(response):
        if "_dash-update-component" in response.url and response.status == 200:
            body = response.body()
            payload = json.loads(body)
            if "map" in payload.get("response", {}):
                sizes.append(len(json.dumps(payload["response"]["map"]["figure"]).encode()))

    p.on("response", on_response)
    press(p, "indicator", "services")
    wait_title(p, "Services available")
    p.wait_for_timeout(300)
    assert sizes and max(sizes) <= 15 * 1024
    assert_clean(page)


def test_click_a_country_opens_its_panel_and_close(page, live_server):
    p = open_page(page, live_server)
    assert p.locator("#country-panel").is_hidden()
    # dispatch the click plotly would send for Colombia's shape
    p.evaluate(
        """() => {
        const gd = document.querySelector('#map .js-plotly-plot');
        const trace = gd.data.findIndex(t => t.type === 'choropleth' && t.locations.includes('COL'));
        const i = gd.data[trace].locations.indexOf('COL');
        gd.emit('plotly_click', {points: [{curveNumber: trace, pointNumber: i, location: 'COL',
                                           customdata: 'COL', data: gd.data[trace]}]});
    }"""
    )
    p.wait_for_selector("#country-panel h2:has-text('Colombia')", timeout=TIMEOUT)
    assert "country=COL" in p.url
    panel = p.inner_text("#country-panel")
    assert "Needle and syringe programmes in prisons" in panel and "What changed" in panel
    link = p.locator("#country-panel a.source-link").first
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    p.click("#country-panel-close")
    p.wait_for_selector("#country-panel", state="hidden", timeout=TIMEOUT)
    assert "country=" not in p.url
    assert_clean(page)


def test_marker_click_and_country_finder(page, live_server):
    p = open_page(page, live_server)
    p.evaluate(
        """() => {
        const gd = document.querySelector('#map .js-plotly-plot');
        const trace = gd.data.findIndex(t => t.type === 'scattergeo' && t.customdata.includes('MLT'));
        const i = gd.data[trace].customdata.indexOf('MLT');
        gd.emit('plotly_click', {points: [{curveNumber: trace, pointNumber: i, customdata: 'MLT',
                                           data: gd.data[trace]}]});
    }"""
    )
    p.wait_for_selector("#country-panel h2:has-text('Malta')", timeout=TIMEOUT)
    p.fill("#control-country", "Kosovo")
    p.wait_for_selector("#country-panel h2:has-text('Kosovo')", timeout=TIMEOUT)
    assert "country=XKX" in p.url
    p.fill("#control-country", "Atlantis")
    p.wait_for_selector("#country-status:has-text('No country called')", timeout=TIMEOUT)
    assert_clean(page)


def test_country_from_url_and_table_row(page, live_server):
    p = open_page(page, live_server, "/?country=COL")
    p.wait_for_selector("#country-panel h2:has-text('Colombia')", timeout=TIMEOUT)
    assert p.input_value("#control-country") == "Colombia"
    p.fill("#table-search", "Argentina")
    p.wait_for_function("() => document.querySelectorAll('.ag-center-cols-container .ag-row').length === 1")
    p.locator(".ag-center-cols-container .ag-row .ag-cell").first.click()
    p.wait_for_selector("#country-panel h2:has-text('Argentina')", timeout=TIMEOUT)
    assert "country=ARG" in p.url
    assert_clean(page)


def test_restore_from_url(page, live_server, dataset):
    p = open_page(page, live_server, "/?indicator=dcr&edition=2024")
    wait_title(p, "Drug consumption rooms · GSHR 2024")
    dcr = headline_counts(dataset, "2024", "world")["dcr"]["count"]
    assert card_numbers(p)[2] == str(dcr)
    assert p.input_value("#control-indicator") == "dcr"
    assert p.input_value("#control-edition") == "2024"
    assert f"{dcr} countries have drug consumption rooms" in p.inner_text("#map-summary")
    assert p.locator("#view-notes li").count() == 0
    assert_clean(page)


def test_garbage_parameters_show_default_view_with_a_note(page, live_server, dataset):
    p = open_page(page, live_server, "/?edition=bogus&indicator=<script>alert(1)</script>")
    wait_title(p, "Needle and syringe programmes · 2023 update · World")
    assert card_numbers(p) == expected_numbers(dataset)
    notes = p.inner_text("#view-notes")
    assert "Unknown edition 'bogus'" in notes and "Unknown indicator" in notes
    assert "<script>" in notes  # shown as text, escaped, never run
    assert p.locator("#view-notes script").count() == 0
    assert_clean(page)


def test_back_and_forward(page, live_server):
    p = open_page(page, live_server)
    press(p, "indicator", "oat")
    wait_title(p, "Opioid agonist therapy")
    press(p, "edition", "2022")
    wait_title(p, "Opioid agonist therapy · GSHR 2022")
    p.go_back()
    wait_title(p, "Opioid agonist therapy · 2023 update")
    # the buttons follow the URL in their own callback, alongside the map (not before it)
    p.wait_for_function("() => document.getElementById('control-edition').value === '2023'", timeout=TIMEOUT)
    p.go_back()
    wait_title(p, "Needle and syringe programmes · 2023 update")
    p.go_forward()
    wait_title(p, "Opioid agonist therapy · 2023 update")
    assert re.search(r"indicator=oat", p.url) and "edition=" not in p.url
    assert_clean(page)


def test_small_screen_is_usable(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(live_server.url + "/")
    p.wait_for_selector("#map .choroplethlocation", timeout=TIMEOUT)
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    context.close()


@pytest.mark.parametrize(
    ("path", "items"),
    [
        ("/?region=caribbean", ["Yes", "No", "Not known", "Not covered by the data"]),
        (
            "/?indicator=services&compare=2020",
            [
                "More services",
                "Fewer services",
                "Same number of services",
                "Not known",
                "Not covered by the data",
            ],
        ),
    ],
)
def test_legend_keeps_every_category_with_no_country_in_it(page, live_server, path, items):
    p = open_page(page, live_server, path)
    assert p.locator("#map-legend .legend-item").all_text_contents() == items
    assert_clean(page)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_legend_title_is_not_clipped_on_a_phone(browser, live_server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        p = context.new_page()
        p.goto(live_server.url + f"/?indicator=services&compare=2020&lang={lang}")
        p.wait_for_selector("#map-legend", timeout=TIMEOUT)
        box = p.evaluate("document.querySelector('#map .main-svg').getBoundingClientRect().toJSON()")
        title = "#map-legend"
        lines = p.evaluate(
            f"[...document.querySelectorAll('{title}, {title} tspan')]"
            ".map(e => e.getBoundingClientRect().toJSON())"
        )
        assert lines and all(box["left"] <= r["left"] and r["right"] <= box["right"] + 0.5 for r in lines)
    finally:
        context.close()


def test_geometry_is_fetched_once_from_the_preload(page, live_server):
    geometry: list[str] = []
    page.page.on("request", lambda r: geometry.append(r.url) if "world_50m" in r.url else None)
    p = open_page(page, live_server)
    p.wait_for_load_state("networkidle")
    assert len(geometry) == 1
    assert p.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('world_50m'))"
        ".map(e => e.initiatorType)"
    ) == ["link"]
    assert_clean(page)


def test_naloxone_layer_with_and_without_hris_count(page, live_server, dataset):
    """2024: HRI's count, fewer with a source; 2023: HRI published no count, so those are a partial list."""
    naloxone = headline_counts(dataset, "2024", "world")["naloxone"]
    listed, published = naloxone["listed"], naloxone["published"]
    assert published is not None and listed < published  # the case this test is about
    p = open_page(page, live_server, "/?indicator=naloxone&edition=2024")
    wait_title(p, "Take-home naloxone")
    legend = p.text_content("#map-legend")
    assert f"list incomplete: {listed} of {published} with a source" in legend
    card = p.inner_text("#card-naloxone")
    assert str(published) in card and f"{listed} with a source" in card
    p.goto(live_server.url + "/?indicator=naloxone&edition=2023")
    p.wait_for_function(
        "() => (document.querySelector('#map-legend') || {}).textContent?.includes('partial list')",
        timeout=TIMEOUT,
    )
    partial = headline_counts(dataset, "2023", "world")["naloxone"]
    assert partial["published"] is None
    legend = p.text_content("#map-legend")
    assert f"partial list: {partial['listed']} with a source" in legend and "Not known" in legend
    assert "HRI's count for this edition is not in the data" in p.inner_text("#card-naloxone")
    summary = p.inner_text("#map-summary")
    assert f"has a source for {partial['listed']} countries with take-home naloxone" in summary
    assert f"not known: {partial['unknown']}" in summary
    assert_clean(page)


def test_prison_layers(page, live_server):
    p = open_page(page, live_server, "/?indicator=prison_oat&edition=2022")
    wait_title(p, "Opioid agonist therapy in prisons")
    assert "partial list: 15 with a source" in p.text_content("#map-legend")
    assert_clean(page)
