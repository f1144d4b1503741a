"""The first screen (issue 11): the map and its legend visible without scrolling on a laptop, a
projector and a phone, in English and Russian (the longest); the view tabs on one line; and no text
of the first screen cut: card titles, the country box's placeholder and (on a laptop or a
projector) the selects' values."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 20_000

# What the first screen cuts: a card title wider or taller than its box or running out of its
# card; a select narrower than the same select sized to its shown value; the country box's
# placeholder overflowing a copy of the box at the same width (datalist arrow included).
CUT = """() => {
  const live = s => [...document.querySelectorAll(s)].filter(e => !e.closest('.first-screen'));
  const cut = [];
  for (const title of live('.card-title')) {
    const card = title.closest('.card').getBoundingClientRect(), box = title.getBoundingClientRect();
    if (title.scrollWidth > title.clientWidth || title.scrollHeight > title.clientHeight + 1
        || box.right > card.right + 0.5 || box.left < card.left - 0.5 || box.bottom > card.bottom + 0.5) {
      cut.push('card title: ' + title.textContent);
    }
  }
  const sizer = document.createElement('div');
  sizer.className = 'country-pick';
  sizer.style.cssText = 'position:absolute;inset-block-start:0;inset-inline-start:0;'
    + 'visibility:hidden;inline-size:max-content';
  document.body.appendChild(sizer);
  for (const select of live('select.select')) {
    const copy = select.cloneNode(false);
    copy.removeAttribute('id');
    copy.appendChild(select.options[select.selectedIndex].cloneNode(true));
    copy.style.inlineSize = 'max-content';
    sizer.appendChild(copy);
    if (copy.getBoundingClientRect().width > select.getBoundingClientRect().width + 0.5) {
      cut.push('select: ' + select.options[select.selectedIndex].text);
    }
  }
  for (const input of live('.country-pick input')) {
    const copy = input.cloneNode(false);
    copy.removeAttribute('id');
    copy.className = '';
    copy.value = input.placeholder;
    copy.style.inlineSize = input.getBoundingClientRect().width + 'px';
    sizer.appendChild(copy);
    if (copy.scrollWidth > copy.clientWidth) { cut.push('placeholder: ' + input.placeholder); }
  }
  sizer.remove();
  return cut;
}"""


def open_first_screen(page, live_server, width: int, height: int, lang: str, query: str = ""):
    p = page.page
    p.set_viewport_size({"width": width, "height": height})
    p.goto(f"{live_server.url}/?lang={lang}{query}")
    p.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    p.wait_for_selector("#map-wrap.is-drawn", timeout=TIMEOUT)
    p.wait_for_timeout(300)
    return p


def bottom(box) -> float:
    return box["y"] + box["height"]


LAPTOP, PROJECTOR, PHONE = (1366, 768), (1280, 720), (390, 844)


def screens(langs: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """(width, height, lang) for each viewport and each of its languages ("en ru")."""
    return [(*size, lang) for size, names in langs.items() for lang in names.split()]


@pytest.mark.parametrize(
    ("width", "height", "lang"),
    screens({LAPTOP: "en ru", PROJECTOR: "ru fr", PHONE: "en ru ar"}),
)
def test_map_and_legend_on_the_first_screen(page, live_server, width, height, lang):
    p = open_first_screen(page, live_server, width, height, lang)
    graph = p.locator("#map-wrap").bounding_box()
    legend = p.locator("#map-legend").bounding_box()
    cards = p.locator(".cards").bounding_box()
    reset = p.locator("#map-zoom-reset").bounding_box()
    assert graph and legend and cards and reset
    assert bottom(graph) <= height  # the whole map
    assert bottom(legend) <= height  # and its legend
    assert bottom(reset) <= bottom(graph)  # with its zoom buttons
    assert bottom(cards) <= graph["y"]  # the headline counts above it
    tabs = p.evaluate(
        "() => [...document.querySelectorAll('#react-entry-point .view-tab')]"
        ".map(t => t.getBoundingClientRect().top)"
    )
    assert len(tabs) == 4 and max(tabs) - min(tabs) < 1  # the view tabs on one line
    assert p.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    if width >= 1000:
        assert graph["height"] >= 380
    else:
        assert graph["height"] >= 260
        assert legend["y"] >= bottom(graph)  # the legend under the map, not over it
        assert legend["y"] - bottom(graph) <= 12  # and right under it
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("width", "height", "lang"),
    screens({LAPTOP: "en ru", PROJECTOR: "fr es ar", PHONE: "en ru fr"}),
)
def test_no_text_cut_on_the_first_screen(page, live_server, width, height, lang):
    p = open_first_screen(page, live_server, width, height, lang)
    cut = p.evaluate(CUT)
    if (
        width < 600
    ):  # a phone's half-width select may cut a long edition's name (the map's title has it whole)
        cut = [text for text in cut if not text.startswith("select: ")]
    assert cut == []
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_shown_layers_card_is_in_view_in_the_phones_card_row(page, live_server, lang):
    """On a phone the cards scroll sideways: the card of the layer shown is scrolled into view,
    on load and after a switch (right to left too)."""
    p = open_first_screen(page, live_server, *PHONE, lang, "&indicator=policy")
    inside = (
        "() => { const row = document.querySelector('#react-entry-point .cards').getBoundingClientRect();"
        " const card = document.querySelector('#react-entry-point .card.is-shown').getBoundingClientRect();"
        " return card.left >= row.left - 1 && card.right <= row.right + 1; }"
    )
    assert p.evaluate(inside)
    p.select_option('select[data-param="indicator"]', "nsp")
    p.wait_for_selector("#react-entry-point #card-nsp.is-shown", timeout=TIMEOUT)
    p.wait_for_function(inside, timeout=TIMEOUT)
