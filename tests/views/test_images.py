"""Map images: the pure export figure, its measured legend layout, PNG size per preset, valid SVG, 503s.

The legend of every view (indicator x compare x preset x language) is checked here on its
measured layout; tests/browser/test_image_legends.py checks the same in the rendered SVGs.
"""

from __future__ import annotations

import itertools
import struct
import xml.etree.ElementTree as ET

import pytest
from PIL import ImageFont

from dashboard.core.config import ROOT
from dashboard.core.i18n import LANGUAGES
from dashboard.core.state import ViewState
from dashboard.dataset.load import load_dataset
from dashboard.views import images
from dashboard.views.describe import View
from dashboard.web import render
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
INDICATORS = ["nsp", "oat", "dcr", "policy", "naloxone", "services", "prison_nsp", "prison_oat"]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk (the first chunk of every PNG)."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def mini():
    return create_app(MINI).server.test_client()


@pytest.fixture(scope="module")
def renders(mini):
    """One render per preset and format, shared by the tests (each costs ~0.5-3 s)."""
    out = {}
    for name in images.PRESETS:
        out[("png", name)] = mini.get(f"/api/v1/map.png?preset={name}&region=western-europe")
    out[("svg", "slide")] = mini.get("/api/v1/map.svg?indicator=dcr")
    return out


def annotation(fig, name: str):
    return next(a for a in fig.layout.annotations if a.name == name)


def test_export_figure_bakes_in_texts_and_size():
    dataset = load_dataset(MINI)
    state = ViewState(indicator="oat", region="eurasia")
    texts = images.texts_for_view(dataset, state, "https://atlas.example/?indicator=oat&region=eurasia")
    fig = images.export_figure(images.map_for_view(dataset, state), texts, images.PRESETS["square"])
    assert (fig.layout.width, fig.layout.height) == (1080, 1080)
    written = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    assert texts.title == "Opioid agonist therapy · 2023 update · Eurasia"
    assert (
        "Source: Harm Reduction International, Global State of Harm Reduction 2023 update to key data"
        in written
    )
    assert "https://atlas.example/?indicator=oat&amp;region=eurasia" in written
    assert "do not imply any opinion" in written
    assert fig.layout.showlegend is False  # the legend is drawn by export_figure, not plotly
    labels = [annotation(fig, f"legend-item-{n}").text for n in range(3)]
    assert labels == ["Yes", "No", "Not known"]
    assert len(fig.layout.shapes) == 3  # one swatch per item
    assert fig.layout.geo.resolution == 110  # the simplified geometry made for images
    geo = fig.layout.geo.domain.y
    assert 0 < geo[0] < geo[1] < 1


def test_text_width_is_the_fonts_measure_not_a_guess():
    font = ImageFont.truetype("DejaVuSans.ttf", 22)
    assert images.text_width("Not known", 22) == pytest.approx(font.getlength("Not known"))
    assert images.text_width("iiii", 22) < 0.5 * images.text_width("WWWW", 22)  # glyphs differ
    assert images.text_width("Not known", 44) == pytest.approx(
        2 * images.text_width("Not known", 22), rel=0.02
    )
    arabic = "غير معروف"
    basic = ImageFont.truetype("DejaVuSans.ttf", 22, layout_engine=ImageFont.Layout.BASIC)
    assert images.text_width(arabic, 22) < basic.getlength(arabic)  # joined letters, as Chromium shapes them
    assert images.text_width(f"\u202b{arabic}\u202c", 22) == images.text_width(arabic, 22)


def test_wrap_keeps_every_word_and_fits_the_measured_width():
    text = "Доступные услуги: изменения между GSHR 2020 и GSHR 2024 · ПОШ список неполный"
    lines = images.wrap(text, 22, 300)
    assert " ".join(lines) == text and len(lines) > 1
    assert all(images.text_width(line, 22) <= 300 for line in lines)
    assert images.wrap_parts("A · B · C", 20, 2000) == ["A · B · C"]
    assert images.wrap_parts("Alpha beta · Gamma", 20, images.text_width("Alpha beta", 20, True) + 1) == [
        "Alpha beta",
        "Gamma",
    ]


def legend_for(dataset, state: ViewState, preset: str):
    fig = images.export_figure(
        images.map_for_view(dataset, state),
        images.texts_for_view(dataset, state, "https://atlas.example/"),
        images.PRESETS[preset],
    )
    return fig


def check_layout(legend: images.Legend, entries, preset: images.Preset, side: float) -> None:
    boxes = [legend.heading_box] + [b for item in legend.items for b in (item.swatch, item.text)]
    for box in boxes:  # inside the image's side margins
        assert side - 0.5 <= box.left <= box.right <= preset.width - side + 0.5, box
        assert 0 <= box.top < box.bottom <= preset.height
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    assert [" ".join(item.lines) for item in legend.items] == [label for label, _ in entries]  # whole


@pytest.mark.parametrize("preset", list(images.PRESETS))
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_legend_is_whole_apart_and_inside_for_every_view(dataset, preset, lang):
    """The matrix: every indicator, with and without a comparison, laid out from measured text."""
    size = images.PRESETS[preset]
    f = min(size.height / 1080, size.width / 1400)
    side = round(48 * f)
    for indicator, comparing in itertools.product(INDICATORS, [False, True]):
        compare = ("2022" if indicator.startswith("prison") else "2020") if comparing else None
        state = ViewState(indicator=indicator, edition="2024", compare=compare, lang=lang)
        view = View(dataset, state)
        data = view.map_data
        entries = [(data.labels[c], data.colours[c]) for c in data.categories]
        legend = images.legend_layout(
            view.legend_title, entries, side, size.width - side, 700 * f, f, view.rtl
        )
        check_layout(legend, entries, size, side)
        assert legend.box.bottom - legend.box.top < 0.22 * size.height  # never squeezes the map to a strip


@pytest.mark.parametrize(
    ("query", "preset"),
    [
        ({"indicator": "policy", "edition": "2024", "lang": "ar"}, "slide"),
        ({"indicator": "policy", "edition": "2024", "lang": "ar"}, "a4"),
        ({"indicator": "policy", "edition": "2024"}, "square"),
        ({"indicator": "services", "lang": "fr"}, "square"),
        ({"indicator": "policy", "edition": "2024", "compare": "2020"}, "square"),
        ({"indicator": "services", "edition": "2024", "compare": "2020", "lang": "ru"}, "slide"),
    ],
)
def test_the_issue_views_have_whole_labels_and_a_large_map(dataset, query, preset):
    state = ViewState(**query)
    fig = legend_for(dataset, state, preset)
    size = images.PRESETS[preset]
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("legend-item-")]
    data = View(dataset, state).map_data
    expected = [data.labels[c] for c in data.categories]
    assert [a.text.replace("<br>", " ").translate(images.BIDI_MARKS) for a in labels] == expected
    geo = fig.layout.geo.domain.y
    assert geo[1] - geo[0] > 0.5  # the map keeps more than half of the image's height
    for a in labels:
        x = a.x * size.width
        width = images.text_width(a.text.translate(images.BIDI_MARKS), a.font.size)
        left, right = (x - width, x) if a.xanchor == "right" else (x, x + width)
        assert 0 < left < right < size.width


def test_arabic_legend_runs_right_to_left_and_keeps_not_known_whole(dataset):
    state = ViewState(indicator="policy", edition="2024", lang="ar")
    fig = legend_for(dataset, state, "slide")
    swatches = list(fig.layout.shapes)
    assert [s.x0 for s in swatches] == sorted((s.x0 for s in swatches), reverse=True)  # first item rightmost
    items = [annotation(fig, f"legend-item-{n}") for n in range(len(swatches))]
    for swatch, item in zip(swatches, items, strict=True):
        assert item.xanchor == "right" and item.x < swatch.x0  # the label reads leftwards from its swatch
    assert items[-1].text == "\u202bغير معروف\u202c"  # "not known", never cut to "known"
    assert {a.xanchor for a in fig.layout.annotations} == {"right"}
    english = legend_for(dataset, ViewState(indicator="policy", edition="2024"), "slide")
    assert [s.x0 for s in english.layout.shapes] == sorted(s.x0 for s in english.layout.shapes)


def test_alt_text_counts_statuses():
    dataset = load_dataset(MINI)
    assert View(dataset, ViewState(indicator="policy")).alt_text == (
        "Map: National policy support · 2023 update · World. Countries — Yes: 2, No: 1, Not known: 1."
    )


@pytest.mark.parametrize("preset", list(images.PRESETS))
def test_png_size_per_preset(renders, preset):
    response = renders[("png", preset)]
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "image/png"
    assert png_size(response.get_data()) == images.PRESETS[preset].pixels
    assert {"slide": (1920, 1080), "square": (1080, 1080), "a4": (3508, 2480)}[preset] == images.PRESETS[
        preset
    ].pixels


def test_svg_is_valid_and_draws_countries_from_local_geometry(renders):
    response = renders[("svg", "slide")]
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    paths = [
        p for p in root.iter("{http://www.w3.org/2000/svg}path") if "choroplethlocation" in p.get("class", "")
    ]
    assert len(paths) >= 3  # DEU, FRA, UKR drawn (MLT is a marker): geometry loaded without the CDN
    text = "".join(root.itertext())
    assert "Drug consumption rooms · 2023 update · World" in text
    assert "Source: Harm Reduction International" in text


def test_images_are_cached_per_view(mini, renders):
    again = mini.get("/api/v1/map.png?preset=slide&region=western-europe")
    assert again.get_data() == renders[("png", "slide")].get_data()
    assert again.headers["ETag"] == renders[("png", "slide")].headers["ETag"]


def test_503_when_chromium_is_missing(monkeypatch):
    monkeypatch.setattr(render, "RENDERER", render.Renderer())
    monkeypatch.setattr(render, "get_browser_path", lambda names: None)
    client = create_app(MINI).server.test_client()
    response = client.get("/api/v1/map.png")
    assert response.status_code == 503
    assert "Chromium" in response.get_json()["error"]
    assert "Retry-After" not in response.headers  # retrying will not install Chromium
