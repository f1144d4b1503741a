"""Static map images (PNG/SVG) for slides and print: the figure for a view, dressed for export.

``map_for_view`` and ``export_figure`` are pure (data in, figure out); the words come from
:class:`dashboard.views.describe.View`, and ``dashboard.web.render`` turns a figure into bytes.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.core.i18n import rtl_lines
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import View
from dashboard.views.figures import FONT, LEGEND_SWATCH, RegionView, legend_heading, map_figure

CHAR_WIDTH = 0.6  # average glyph width per pixel of font size (DejaVu Sans, Cyrillic); errs wide


@dataclass(frozen=True)
class Preset:
    """Image size: layout pixels times ``scale`` gives the pixels of the PNG."""

    width: int
    height: int
    scale: int = 1

    @property
    def pixels(self) -> tuple[int, int]:
        return self.width * self.scale, self.height * self.scale


PRESETS: dict[str, Preset] = {
    "slide": Preset(1920, 1080),
    "square": Preset(1080, 1080),
    "a4": Preset(1754, 1240, 2),  # A4 landscape at 300 dpi: 3508 x 2480 px
}


@dataclass(frozen=True)
class ExportTexts:
    """Words baked into an exported map (already translated)."""

    title: str
    subtitle: str
    source: str
    url: str
    disclaimer: str
    rtl: bool = False  # right-to-left language: text blocks and legend align to the right
    legend_title: str = ""  # the map's legend title, parts joined by " · " (rewrapped for the image)


def map_for_view(dataset: Dataset, state: ViewState, height: int | None = 520) -> go.Figure:
    """The dashboard's map for a view, before export dressing (which widens a region to its size)."""
    data = View(dataset, state).map_data
    return map_figure(data, state.region, dataset.countries["region"], height, aspect=None)


def texts_for_view(dataset: Dataset, state: ViewState, url: str) -> ExportTexts:
    """The words an exported image of the view carries, with ``url`` (the view's address) under the map."""
    view = View(dataset, state)
    return ExportTexts(
        view.title, view.subtitle, view.source_line, url, view.disclaimer, view.rtl, view.legend_title
    )


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels at font ``size`` (plotly text never wraps itself)."""
    chars = max(20, int(width / (size * CHAR_WIDTH)))
    return textwrap.wrap(text, chars) or [""]


def legend_rows(labels: list[str], size: float, width: float) -> int:
    """How many rows plotly's horizontal legend takes for ``labels`` in ``width`` pixels."""
    rows, used = 1, 0.0
    for label in labels:
        item = LEGEND_SWATCH + 40 + len(label) * size * CHAR_WIDTH  # swatch, gaps, text
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def export_figure(fig: go.Figure, texts: ExportTexts, preset: Preset) -> go.Figure:
    """A copy of ``fig`` sized for ``preset`` with title, legend, source, URL and disclaimer on it.

    Text sizes follow the image (``f``: 1 for a 1920x1080 slide) and long lines wrap, so every
    preset keeps the same composition: title block on top, the map, then legend and source lines
    stacked up from the bottom edge. Positions are computed in pixels, then given to plotly as
    fractions of the height. The legend hangs from its bottom edge just above the source line, so
    an underestimate of its height takes room from the map, never covers the source.
    """
    width, height = preset.width, preset.height
    f = min(height / 1080, width / 1400)
    side = round(48 * f)
    usable = width - 2 * side
    out = go.Figure(fig)
    out.update_traces(marker_size=round(11 * f), selector={"type": "scattergeo", "showlegend": False})

    start, anchor = (1, "right") if texts.rtl else (0, "left")
    bidi = rtl_lines if texts.rtl else str

    def put(lines: list[str], top_px: float, size: float, colour: str) -> None:
        out.add_annotation(
            text=bidi("<br>".join(html.escape(line, quote=False) for line in lines)),
            x=start,
            xref="paper",
            xanchor=anchor,
            y=1 - top_px / height,
            yref="paper",
            yanchor="top",
            showarrow=False,
            align=anchor,
            font={"size": round(size * f), "color": colour},
        )

    title_lines = wrap(texts.title, 42 * f, usable)
    put(title_lines, 32 * f, 42, "#111111")
    y = 32 * f + len(title_lines) * 42 * f * 1.3 + 12 * f
    subtitle_lines = wrap(texts.subtitle, 22 * f, usable)
    put(subtitle_lines, y, 22, "#333333")
    map_top = y + len(subtitle_lines) * 22 * f * 1.35 + 20 * f

    footer = [
        (wrap(texts.source, 20 * f, usable), 20, "#333333", 6),
        (wrap(texts.url, 18 * f, usable), 18, "#555555", 8),
        (wrap(texts.disclaimer, 16 * f, usable), 16, "#666666", 0),
    ]
    bottom = height - 28 * f
    tops = []
    for lines, size, colour, gap in reversed(footer):
        bottom -= len(lines) * size * f * 1.35
        tops.append((lines, bottom, size, colour))
        bottom -= gap * f
    for lines, top, size, colour in tops:
        put(lines, top, size, colour)

    heading_size, item_size = round(20 * f), round(22 * f)
    heading = legend_heading(texts.legend_title, max(20, int(usable / (heading_size * CHAR_WIDTH))))
    labels = [str(trace.name) for trace in fig.data if trace.showlegend]
    legend_bottom = bottom - 22 * f
    legend_height = (
        len(heading.split("<br>")) * heading_size * 1.3
        + legend_rows(labels, item_size, usable) * item_size * 1.7
        + 12 * f
    )
    map_bottom = legend_bottom - legend_height - 16 * f
    if texts.rtl:  # plotly starts every legend-title line at the left: a heading that ends right instead
        out.add_annotation(
            text=bidi(f"<b>{heading}</b>"),
            x=start,
            xref="paper",
            xanchor=anchor,
            y=1 - (legend_bottom - legend_height) / height,
            yref="paper",
            yanchor="top",
            showarrow=False,
            align=anchor,
            font={"size": heading_size},
        )
    out.update_geos(domain={"x": [0, 1], "y": [1 - map_bottom / height, 1 - map_top / height]})
    geo = out.layout.geo
    if geo.lonaxis.range:  # a region: its fitted view grown to fill this image's map area
        view = RegionView(tuple(geo.lonaxis.range), tuple(geo.lataxis.range)).widened(
            usable / (map_bottom - map_top)
        )
        out.update_geos(lonaxis_range=list(view.lon), lataxis_range=list(view.lat))
    out.update_layout(
        width=width,
        height=height,
        margin={"l": side, "r": side, "t": 0, "b": 0, "autoexpand": False},
        paper_bgcolor="white",
        font={"family": FONT, "size": round(22 * f), "color": "#1f1f1f"},
        legend={
            "title": {"text": "" if texts.rtl else f"<b>{heading}</b>", "font": {"size": heading_size}},
            "y": 1 - legend_bottom / height,
            "yanchor": "bottom",
            "x": start,
            "xanchor": anchor,
            "font": {"size": item_size},
        },
    )
    return out
