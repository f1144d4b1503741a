"""Static map images (PNG/SVG) for slides and print: the figure for a view, dressed for export.

``map_for_view`` and ``export_figure`` are pure (data in, figure out); :class:`Renderer` turns a
figure into bytes with kaleido and the system Chromium, kept warm in one background event loop so
only the first image pays the ~3 s browser start. Geometry comes from ``assets/geo`` as a file URL
(kaleido's ``topojson`` option), and MathJax is off, so rendering never touches the network.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.core.i18n import N_, Translate, country_names, format_number, is_rtl, rtl_lines, translator
from dashboard.core.indicators import MAP_INDICATORS, STATUS_LABELS, STATUSES
from dashboard.core.regions import WORLD, region_label
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.figures import (
    FONT,
    LEGEND_SWATCH,
    MapData,
    RegionView,
    legend_heading,
    map_figure,
    view_map_data,
)

CHAR_WIDTH = 0.6  # average glyph width per pixel of font size (DejaVu Sans, Cyrillic); errs wide
FORMATS = ("png", "svg")
DISCLAIMER = N_(
    "The boundaries and names shown do not imply any opinion on the legal status of any country"
    " or territory, or on the delimitation of its borders."
)


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
    disclaimer: str = DISCLAIMER
    rtl: bool = False  # right-to-left language: text blocks and legend align to the right
    legend_title: str = ""  # the map's legend title, parts joined by " · " (rewrapped for the image)


def view_data(dataset: Dataset, state: ViewState, t: Translate) -> MapData:
    """The dashboard's map data for a view (same categories, colours, legend title and names)."""
    editions = [e for e in (state.edition, state.compare) if e]
    return view_map_data(
        {e: dataset.wide(e) for e in editions},
        dataset.published,
        dataset.edition_labels,
        state.indicator,
        state.edition,
        state.compare,
        t,
        country_names(dataset.countries["country"], state.lang),
        is_rtl(state.lang),
        state.region,
        dataset.countries["region"],
    )


def map_for_view(
    dataset: Dataset, state: ViewState, t: Translate | None = None, height: int | None = 520
) -> go.Figure:
    """The dashboard's map for a view, before export dressing (which widens a region to its size)."""
    t = t or translator(state.lang)
    data = view_data(dataset, state, t)
    return map_figure(data, state.region, dataset.countries["region"], height, aspect=None)


def _ordered(dataset: Dataset, a: str, b: str) -> tuple[str, str]:
    order = dataset.edition_ids
    return (a, b) if order.index(a) <= order.index(b) else (b, a)


def title(dataset: Dataset, state: ViewState, t: Translate) -> str:
    """Indicator, place and edition(s), e.g. "Needle and syringe programmes · World · 2023 update"."""
    label = t(MAP_INDICATORS[state.indicator].label)
    place = t(region_label(state.region))
    labels = {e: t(label) for e, label in dataset.edition_labels.items()}
    if state.compare:
        before, after = _ordered(dataset, state.compare, state.edition)
        change = t("change {before} → {after}").format(before=labels[before], after=labels[after])
        return f"{label} · {place} · {change}"
    return f"{label} · {place} · {labels[state.edition]}"


def source_line(dataset: Dataset, state: ViewState, t: Translate) -> str:
    editions = [state.edition] if not state.compare else list(_ordered(dataset, state.compare, state.edition))
    titles = "; ".join(t(dataset.edition_titles[e]) for e in editions)
    return t("Source: Harm Reduction International, {titles}").format(titles=titles)


def subtitle(state: ViewState, t: Translate) -> str:
    """What a "yes" means for the indicator (the legend says how complete the list is)."""
    return t(MAP_INDICATORS[state.indicator].definition)


def texts_for_view(dataset: Dataset, state: ViewState, url: str) -> ExportTexts:
    t = translator(state.lang)
    return ExportTexts(
        title(dataset, state, t),
        subtitle(state, t),
        source_line(dataset, state, t),
        url,
        t(DISCLAIMER),
        is_rtl(state.lang),
        view_data(dataset, state, t).legend_title,
    )


def alt_text(dataset: Dataset, state: ViewState) -> str:
    """A one-sentence description of the image for screen readers and ``alt`` attributes."""
    t = translator(state.lang)
    text = t("Map: {title}.").format(title=title(dataset, state, t))
    if state.indicator in MAP_INDICATORS and state.indicator != "services" and not state.compare:
        frame = dataset.wide(state.edition)
        if state.region != WORLD:
            frame = frame[frame["region"] == state.region]
        counts = frame[state.indicator].value_counts()
        parts = [
            f"{t(STATUS_LABELS[s])}: {format_number(int(counts.get(s, 0)), state.lang)}" for s in STATUSES
        ]
        text += " " + t("Countries — {counts}.").format(counts=", ".join(parts))
    return text


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
