"""Silent fallbacks made visible (issue 11), in real headless Chromium: a comparison of the edition
with itself and a repeated parameter get a note on the page and in ``/embed``; the first value of a
repeated parameter is the one the map shows; a card's note is never cut, and the map stays on the
first screen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
# Card texts that overflow their box (cut with an ellipsis or clipped), and the map's box.
CUT = """() => [...document.querySelectorAll('.card-note, .card-unit')].filter(e => {
  const card = e.closest('.card').getBoundingClientRect(), box = e.getBoundingClientRect();
  return e.scrollWidth > e.clientWidth || box.right > card.right + 0.5 || box.bottom > card.bottom + 0.5;
}).map(e => e.textContent)"""


def open_page(page, live_server, path: str, width: int = 1366, height: int = 768):
    p = page.page
    p.set_viewport_size({"width": width, "height": height})
    p.goto(live_server.url + path)
    p.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    p.wait_for_function("() => document.querySelector('#card-nsp .card-number') !== null")
    return p


def notes(p) -> str:
    return p.inner_text("#view-notes")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "compare '2023' is the edition already shown: showing it without a comparison."),
        ("ru", "«compare» '2023' — это уже показанный выпуск: показано без сравнения."),
    ],
)
def test_comparing_the_edition_with_itself_is_a_note(page, live_server, lang, text):
    p = open_page(page, live_server, f"/?edition=2023&compare=2023&lang={lang}")
    assert notes(p) == text
    assert p.input_value("#control-compare") == "none"
    assert p.inner_text("#map-title").count("2023") == 1  # one edition shown, not "from 2023 to 2023"
    assert page.console_errors == []


def test_a_repeated_parameter_shows_the_first_value_with_a_note(page, live_server):
    p = open_page(page, live_server, "/?indicator=oat&indicator=dcr")
    assert notes(p) == "indicator was given more than once: using the first value, 'oat'."
    assert p.input_value("#control-indicator") == "oat"
    assert p.inner_text("#map-title").startswith("Opioid agonist therapy")
    assert "is-shown" in (p.get_attribute("#card-oat", "class") or "")
    # A change of another setting keeps only the value in use: the URL is clean, the note goes.
    p.select_option("#control-region", "eurasia")
    p.wait_for_function("() => location.search === '?indicator=oat&region=eurasia'", timeout=TIMEOUT)
    p.wait_for_function("() => document.getElementById('view-notes').innerText.trim() === ''")
    assert p.inner_text("#map-title").startswith("Opioid agonist therapy")
    assert page.console_errors == []


def test_embed_shows_the_notes(browser, live_server):
    context = browser.new_context(viewport={"width": 800, "height": 600})
    try:
        p = context.new_page()
        p.goto(live_server.url + "/embed?indicator=oat&indicator=dcr&compare=2023")
        p.wait_for_selector("#hra-map[data-drawn=true]", timeout=TIMEOUT)
        assert p.locator(".note").all_inner_texts() == [
            "indicator was given more than once: using the first value, 'oat'.",
            "compare '2023' is the edition already shown: showing it without a comparison.",
        ]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("width", "height", "lang"), [(1366, 768, "en"), (1366, 768, "ru"), (390, 844, "en"), (390, 844, "ru")]
)
def test_the_naloxone_card_note_is_whole_and_the_map_on_the_first_screen(
    page, live_server, width, height, lang
):
    p = open_page(page, live_server, f"/?indicator=naloxone&edition=2023&lang={lang}", width, height)
    p.wait_for_timeout(300)
    assert p.evaluate(CUT) == []
    graph = p.locator("#map-wrap").bounding_box()
    cards = p.locator(".cards").bounding_box()
    assert graph and cards
    if width >= 1000:
        assert graph["y"] + graph["height"] <= height and cards["y"] + cards["height"] <= graph["y"]
    else:
        assert graph["y"] < height * 0.75
    assert page.console_errors == []
