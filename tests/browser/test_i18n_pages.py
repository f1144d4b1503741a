"""Languages in real headless Chromium: French texts and names, Arabic right-to-left, the switcher.

Every test also checks that the page logged no console error and sent no request off the server.
"""

from __future__ import annotations

import pytest

from dashboard.core.indicators import INDICATORS
from dashboard.dataset.counts import headline_counts

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


def open_page(page, live_server, path: str):
    """Go to ``path`` and wait until the map is drawn, the cards filled and the table has rows."""
    page.page.goto(live_server.url + path)
    page.page.wait_for_selector("#map .choroplethlocation", timeout=TIMEOUT)
    page.page.wait_for_function("() => document.querySelector('#card-nsp .card-number') !== null")
    page.page.wait_for_selector(".atlas-grid .ag-row", timeout=TIMEOUT)
    return page.page


def assert_clean(page) -> None:
    assert page.console_errors == []
    assert page.external_requests == []


def test_french_page_shows_french_labels_and_country_names(page, live_server, dataset):
    counts = headline_counts(dataset, "2023", "world")
    p = open_page(page, live_server, "/?lang=fr&country=DEU")
    assert p.get_attribute("html", "lang") == "fr" and p.get_attribute("html", "dir") == "ltr"
    assert p.title().endswith(" – Atlas de la réduction des risques")  # the tab names the view first
    assert p.locator("header h1").inner_text() == "Atlas de la réduction des risques"
    numbers = [str(counts[i]["count"]) for i in INDICATORS]  # below 1000: same digits in French
    assert p.locator(".card-number").all_inner_texts() == numbers
    assert p.locator("#card-nsp .card-title").inner_text() == "Programmes d'échange de seringues"
    # text_content: ag-grid's rows are content-visibility:auto, so innerText skips them off screen
    assert "Allemagne" in p.locator(".atlas-grid").text_content()
    assert "Europe occidentale" in p.locator(".atlas-grid").text_content()
    assert p.locator("#country-panel h2").inner_text() == "Allemagne"
    assert p.input_value("#control-country") == "Allemagne"
    assert p.inner_text("#map-summary").startswith(
        f"GSHR 2023 (mise à jour)\u00a0: selon HRI, {counts['nsp']['count']} pays"
    )
    assert "Oui" in p.text_content("#map-legend")
    assert p.get_attribute(".table-search input", "placeholder") == "Pays, région ou statut"
    assert_clean(page)


def test_arabic_page_is_right_to_left(page, live_server):
    p = open_page(page, live_server, "/?lang=ar")
    assert p.get_attribute("html", "lang") == "ar" and p.get_attribute("html", "dir") == "rtl"
    first, second = (p.locator(".card").nth(n).bounding_box() for n in (0, 1))
    assert first["x"] > second["x"]  # the first card sits at the right
    heading = p.locator("header h1").bounding_box()
    languages = p.locator("nav.languages").bounding_box()
    assert heading["x"] > languages["x"]  # title at the right, switcher at the left
    assert p.locator("#card-nsp .card-title").inner_text() == "برامج الإبر والمحاقن"
    assert "ألمانيا" in p.locator(".atlas-grid").inner_text()
    assert p.locator(".atlas-grid .ag-rtl").count() == 1
    assert_clean(page)


def test_switching_language_keeps_the_view(page, live_server):
    p = open_page(page, live_server, "/?indicator=dcr&lang=es")
    assert p.get_attribute("nav.languages a[lang=es]", "aria-current") == "true"
    p.click("nav.languages a[lang=fr]")
    p.wait_for_url("**lang=fr**", timeout=TIMEOUT)
    p.wait_for_selector("#map .choroplethlocation", timeout=TIMEOUT)
    assert "indicator=dcr" in p.url
    assert p.get_attribute("html", "lang") == "fr"
    assert p.input_value("#control-indicator") == "dcr"
    p.wait_for_function(
        "() => document.getElementById('map-title').innerText.startsWith('Salles de consommation')",
        timeout=TIMEOUT,
    )
    # A control changed after the switch keeps the language in the URL and in the links.
    p.select_option("#control-edition", "2024")
    p.wait_for_url("**edition=2024**", timeout=TIMEOUT)
    assert "lang=fr" in p.url
    p.wait_for_function(
        "() => document.querySelector('nav.languages a[lang=ru]').getAttribute('href')"
        " === '/?indicator=dcr&edition=2024&lang=ru'",
        timeout=TIMEOUT,
    )
    assert_clean(page)
