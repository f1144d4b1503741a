"""Exported images, rendered by Chromium and measured by Chromium: every text of the image (title,
legend heading, each legend label, source lines) and every legend swatch is inside the image and
apart from every other, and each legend label is drawn whole.

The views are the five of issue 15 (where labels were cut or overprinted) and a sample across
indicators x presets x languages (small, for CI time); tests/views/test_images.py checks every
combination's layout.
"""

from __future__ import annotations

import itertools

import pytest

from dashboard.core.state import ViewState
from dashboard.views import images
from dashboard.web import render

pytestmark = pytest.mark.browser

ISSUE_VIEWS = [
    ({"indicator": "policy", "edition": "2024", "lang": "ar"}, "slide"),
    ({"indicator": "policy", "edition": "2024", "lang": "ar"}, "a4"),
    ({"indicator": "policy", "edition": "2024"}, "square"),
    ({"indicator": "services", "lang": "fr"}, "square"),
    ({"indicator": "policy", "edition": "2024", "compare": "2020"}, "square"),
    ({"indicator": "services", "edition": "2024", "compare": "2020", "lang": "ru"}, "slide"),
]
SAMPLE = [
    ({"indicator": "naloxone", "edition": "2024", "lang": "es"}, "a4"),
    ({"indicator": "prison_oat", "edition": "2024", "compare": "2022", "lang": "ar"}, "square"),
    ({"indicator": "dcr", "region": "western-europe", "lang": "ru"}, "square"),
    ({"indicator": "policy", "edition": "2024", "region": "caribbean", "lang": "ar"}, "slide"),
]

MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const svg = document.querySelector('svg');
  return {
    width: +svg.getAttribute('width'),
    height: +svg.getAttribute('height'),
    texts: [...document.querySelectorAll('g.annotation')].map((g) => {
      const text = g.querySelector('text');
      return {index: +g.getAttribute('data-index'), text: text.textContent, box: box(text)};
    }),
    swatches: [...document.querySelectorAll('.shapelayer path')].map(box),
  };
}"""


def overlap(a, b, slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def figure(dataset, query: dict, preset: str):
    state = ViewState(**query)
    return images.export_figure(
        images.map_for_view(dataset, state),
        images.texts_for_view(
            dataset, state, "https://atlas.example/?" + "&".join(f"{k}={v}" for k, v in query.items())
        ),
        images.PRESETS[preset],
    )


def test_rendered_legends_are_whole_apart_and_inside(browser, dataset):
    page = browser.new_page()
    problems: list[str] = []
    for query, preset in ISSUE_VIEWS + SAMPLE:
        fig = figure(dataset, query, preset)
        svg = render.RENDERER.render(fig, "svg", images.PRESETS[preset]).decode()
        assert len(svg) <= 1_500_000, (query, preset, len(svg))  # slide weight
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        found = page.evaluate(MEASURE)
        view = f"{query} {preset}"
        assert (found["width"], found["height"]) == images.PRESETS[preset].pixels
        names = {n: a.name or "" for n, a in enumerate(fig.layout.annotations)}
        labels = [t for t in found["texts"] if names[t["index"]].startswith("legend-item-")]
        assert len(labels) == len(found["swatches"]) == len(fig.layout.shapes) > 1
        for t in labels:
            expected = (
                fig.layout.annotations[t["index"]].text.replace("<br>", "").translate(images.BIDI_MARKS)
            )
            if t["text"].translate(images.BIDI_MARKS) != expected:
                problems.append(f"{view}: label drawn as {t['text']!r}, not {expected!r}")
        boxes = [(t["text"], t["box"]) for t in found["texts"]] + [("swatch", b) for b in found["swatches"]]
        for name, (left, top, right, bottom) in boxes:
            if left < 0 or top < 0 or right > found["width"] or bottom > found["height"]:
                problems.append(f"{view}: {name!r} runs out of the image {left, top, right, bottom}")
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            if overlap(box_a, box_b):
                problems.append(f"{view}: {a!r} overlaps {b!r}")
    page.close()
    assert problems == []


@pytest.mark.parametrize(("query", "preset"), [ISSUE_VIEWS[0], ISSUE_VIEWS[3], ISSUE_VIEWS[5]])
def test_issue_views_render_as_png(dataset, query, preset):
    data = render.RENDERER.render(figure(dataset, query, preset), "png", images.PRESETS[preset])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert tuple(int.from_bytes(data[i : i + 4], "big") for i in (16, 20)) == images.PRESETS[preset].pixels
