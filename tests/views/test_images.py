"""Map images: the pure export figure, PNG size per preset, a valid SVG with countries, 503s."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from dashboard.core.config import ROOT
from dashboard.core.state import ViewState
from dashboard.dataset.load import load_dataset
from dashboard.views import images
from dashboard.views.describe import View
from dashboard.web import render
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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
    assert fig.layout.showlegend is not False
    geo = fig.layout.geo.domain.y
    assert 0 < geo[0] < geo[1] < 1


@pytest.mark.parametrize("preset", list(images.PRESETS))
@pytest.mark.parametrize(
    "state",
    [ViewState(indicator="services", compare="2020", lang="ru"), ViewState(region="caribbean", lang="ar")],
)
def test_export_legend_is_complete_and_sits_between_map_and_source(dataset, preset, state):
    """The legend hangs above the source line (it grew down into it before) and keeps every category."""
    texts = images.texts_for_view(dataset, state, "https://atlas.example/")
    fig = images.export_figure(images.map_for_view(dataset, state), texts, images.PRESETS[preset])
    source = next(a for a in fig.layout.annotations if "Harm Reduction International" in a.text)
    legend = fig.layout.legend
    assert legend.yanchor == "bottom" and source.yanchor == "top"
    assert source.y < legend.y < fig.layout.geo.domain.y[0]  # source, then legend, then the map
    data = View(dataset, state).map_data
    assert len([tr for tr in fig.data if tr.showlegend]) == len(data.categories)
    width = images.PRESETS[preset].width - 2 * fig.layout.margin.l
    heading = legend.title if state.lang != "ar" else legend_heading_note(fig)
    longest = max(len(line) for line in heading.text.replace("<b>", "").split("<br>"))
    assert longest * heading.font.size * images.CHAR_WIDTH <= width * 1.05


def legend_heading_note(fig):
    """The annotation that stands in for the legend title in a right-to-left export."""
    return next(a for a in fig.layout.annotations if a.text.startswith("\u202b<b>"))


def test_arabic_export_legend_heading_is_right_aligned(dataset):
    """plotly starts each legend-title line at the left: in Arabic the heading is a right-aligned note."""
    state = ViewState(lang="ar")
    texts = images.texts_for_view(dataset, state, "https://atlas.example/")
    fig = images.export_figure(images.map_for_view(dataset, state), texts, images.PRESETS["slide"])
    assert not fig.layout.legend.title.text
    note = legend_heading_note(fig)
    assert (note.x, note.xanchor, note.align) == (1, "right", "right")
    assert "<br>" in note.text  # several lines, each ending at the right edge
    assert fig.layout.legend.y < note.y < fig.layout.geo.domain.y[0]  # between the map and the items
    english = images.export_figure(
        images.map_for_view(dataset, ViewState()),
        images.texts_for_view(dataset, ViewState(), "https://atlas.example/"),
        images.PRESETS["slide"],
    )
    assert english.layout.legend.title.text.startswith("<b>Needle and syringe programmes")


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
