"""Static map images (PNG/SVG) for slides and print: the figure for a view, dressed for export.

``map_for_view`` and ``export_figure`` are pure (data in, figure out); the words come from
:class:`dashboard.views.describe.View`, and ``dashboard.web.render`` turns a figure into bytes.

Every text block is laid out from *measured* widths: :func:`text_width` asks the font file that
Chromium draws the image with (DejaVu Sans, named in the figure's font family) through Pillow
(HarfBuzz shaping via raqm, so Arabic is measured joined, as drawn). The legend is not plotly's
(plotly clips a label at its ``entrywidth`` and cannot flow right to left): each item is a swatch
(a layout shape) and a label (an annotation) placed here, in rows that never run past the image.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go
from PIL import ImageFont

from dashboard.core.i18n import rtl_lines
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import View
from dashboard.views.figures import RegionView, map_figure

EXPORT_FONT = "DejaVu Sans"  # the family measured below; Chromium draws the image with the same file
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}  # found by Pillow in the font dirs
LINE = 1.3  # plotly's line height for multi-line text, in font sizes
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
EXPORT_RESOLUTION = 110  # world_110m.json: the simplified geometry made for images (the page keeps 50m)


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


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILES[bold], size)


@lru_cache(maxsize=4096)
def text_width(text: str, size: int, bold: bool = False) -> float:
    """The advance width in pixels of one line of ``text`` at font ``size`` px (shaped, as drawn)."""
    plain = text.translate(BIDI_MARKS)
    return float(_font(size, bold).getlength(plain)) if plain else 0.0


def wrap(text: str, size: int, width: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` (split at spaces) that each measure at most ``width`` pixels at ``size``.

    A single word wider than ``width`` keeps a line of its own (it is never cut).
    """
    lines: list[str] = []
    for word in (w for w in text.split(" ") if w):  # at plain spaces only: a no-break space holds
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def wrap_parts(title: str, size: int, width: float, bold: bool = True) -> list[str]:
    """A legend title's lines: its " · " parts side by side while they fit, each wrapped if longer."""
    lines: list[str] = []
    for part in title.split(" · "):
        if lines and text_width(f"{lines[-1]} · {part}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines.extend(wrap(part, size, width, bold))
    return lines or [""]


@dataclass(frozen=True)
class Box:
    """A rectangle in image pixels, y downwards."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    swatch: Box
    text: Box  # the label's measured box
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Legend:
    heading: tuple[str, ...]
    heading_box: Box
    items: tuple[LegendItem, ...]
    heading_size: int
    item_size: int

    @property
    def box(self) -> Box:
        boxes = [self.heading_box] + [b for i in self.items for b in (i.swatch, i.text)]
        return Box(
            min(b.left for b in boxes),
            min(b.top for b in boxes),
            max(b.right for b in boxes),
            max(b.bottom for b in boxes),
        )


def legend_layout(
    title: str,
    entries: list[tuple[str, str]],
    left: float,
    right: float,
    top: float,
    f: float,
    rtl: bool = False,
) -> Legend:
    """The legend between ``left`` and ``right`` from ``top`` (pixels): heading lines, then items.

    ``entries`` are (label, colour) in reading order. Items flow in rows, each as wide as its
    measured label plus its swatch; a row that is full starts the next. Right to left, the first
    item sits at the right edge, its swatch right of its label, and rows fill leftwards.
    """
    heading_size, item_size = round(20 * f), round(22 * f)
    usable = right - left
    heading = wrap_parts(title, heading_size, usable) if title else []
    heading_bottom = top + len(heading) * heading_size * LINE
    swatch = round(item_size * 0.9)
    gap, spacing = 0.45 * item_size, 1.5 * item_size  # swatch to label; item to item
    row_height = item_size * LINE
    items: list[LegendItem] = []
    x, y = 0.0, heading_bottom + 0.5 * item_size  # x: distance from the starting edge
    row_lines = 1
    for label, colour in entries:
        lines = wrap(label, item_size, usable - swatch - gap)
        text_w = max(text_width(line, item_size) for line in lines)
        width = swatch + gap + text_w
        if x and x + width > usable:
            x, y = 0.0, y + row_lines * row_height + 0.35 * item_size
            row_lines = 1
        row_lines = max(row_lines, len(lines))
        height = len(lines) * row_height
        mid = y + row_height / 2
        sw_top = mid - swatch / 2
        if rtl:
            sw = Box(right - x - swatch, sw_top, right - x, sw_top + swatch)
            text = Box(sw.left - gap - text_w, y, sw.left - gap, y + height)
        else:
            sw = Box(left + x, sw_top, left + x + swatch, sw_top + swatch)
            text = Box(sw.right + gap, y, sw.right + gap + text_w, y + height)
        items.append(LegendItem(label, colour, sw, text, tuple(lines)))
        x += width + spacing
    heading_w = max((text_width(line, heading_size, True) for line in heading), default=0.0)
    heading_box = (
        Box(right - heading_w, top, right, heading_bottom)
        if rtl
        else Box(left, top, left + heading_w, heading_bottom)
    )
    return Legend(tuple(heading), heading_box, tuple(items), heading_size, item_size)


def legend_entries(fig: go.Figure) -> list[tuple[str, str]]:
    """(label, colour) of each legend item of a map figure, in its order."""
    out = []
    for trace in fig.data:
        if trace.showlegend is False:
            continue
        colour = trace.colorscale[0][1] if isinstance(trace, go.Choropleth) else trace.marker.color
        out.append((str(trace.name).translate(BIDI_MARKS), str(colour)))
    return out


def export_figure(fig: go.Figure, texts: ExportTexts, preset: Preset) -> go.Figure:
    """A copy of ``fig`` sized for ``preset`` with title, legend, source, URL and disclaimer on it.

    Text sizes follow the image (``f``: 1 for a 1920x1080 slide) and lines wrap at their measured
    width, so every preset keeps the same composition: title block on top, the map, then the
    legend and the source lines stacked up from the bottom edge. Positions are computed in pixels
    of the image (no margins: paper = image), then given to plotly as fractions.
    """
    width, height = preset.width, preset.height
    f = min(height / 1080, width / 1400)
    side = round(48 * f)
    usable = width - 2 * side
    entries = legend_entries(fig)
    out = go.Figure(fig)
    out.update_traces(marker_size=round(11 * f), selector={"type": "scattergeo", "showlegend": False})

    start, anchor = (width - side, "right") if texts.rtl else (side, "left")
    bidi = rtl_lines if texts.rtl else str
    notes: list[dict] = []  # annotations and shapes are set once at the end (plotly re-validates
    shapes: list[dict] = []  # the whole tuple on each add_annotation: quadratic, ~1 s per image)

    def put(
        lines: list[str] | tuple[str, ...], x_px: float, top_px: float, size: int, colour: str, **kw
    ) -> None:
        escaped = [html.escape(line, quote=False) for line in lines]
        if kw.pop("bold", False):
            escaped = [f"<b>{line}</b>" for line in escaped]
        notes.append(
            dict(
                text=bidi("<br>".join(escaped)),
                x=x_px / width,
                xref="paper",
                xanchor=kw.pop("xanchor", anchor),
                y=1 - top_px / height,
                yref="paper",
                yanchor="top",
                showarrow=False,
                align=kw.pop("align", anchor),
                borderpad=0,
                font={"size": size, "color": colour, "family": EXPORT_FONT},
                **kw,
            )
        )

    title_size, subtitle_size = round(42 * f), round(22 * f)
    title_lines = wrap(texts.title, title_size, usable)
    put(title_lines, start, 32 * f, title_size, "#111111")
    y = 32 * f + len(title_lines) * title_size * LINE + 12 * f
    subtitle_lines = wrap(texts.subtitle, subtitle_size, usable)
    put(subtitle_lines, start, y, subtitle_size, "#333333")
    map_top = y + len(subtitle_lines) * subtitle_size * LINE + 20 * f

    footer = [
        (texts.source, round(20 * f), "#333333", 6),
        (texts.url, round(18 * f), "#555555", 8),
        (texts.disclaimer, round(16 * f), "#666666", 0),
    ]
    bottom = height - 28 * f
    for text, size, colour, gap in reversed(footer):
        lines = wrap(text, size, usable)
        bottom -= len(lines) * size * LINE
        put(lines, start, bottom, size, colour)
        bottom -= gap * f

    # the legend's height does not depend on where it starts: lay it out once at 0, then move it
    probe = legend_layout(texts.legend_title, entries, side, width - side, 0, f, texts.rtl)
    legend_top = bottom - 22 * f - probe.box.bottom
    legend = legend_layout(texts.legend_title, entries, side, width - side, legend_top, f, texts.rtl)
    if legend.heading:
        put(legend.heading, start, legend_top, legend.heading_size, "#1f1f1f", bold=True)
    for n, item in enumerate(legend.items):
        sw = item.swatch
        shapes.append(
            dict(
                type="rect",
                xref="paper",
                yref="paper",
                x0=sw.left / width,
                x1=sw.right / width,
                y0=1 - sw.bottom / height,
                y1=1 - sw.top / height,
                fillcolor=item.colour,
                line={"color": "#555555", "width": max(1, round(f))},
                layer="above",
                name=f"legend-swatch-{n}",
            )
        )
        x = item.text.right if texts.rtl else item.text.left
        put(item.lines, x, item.text.top, legend.item_size, "#1f1f1f", name=f"legend-item-{n}")
    map_bottom = legend_top - 16 * f

    out.update_geos(
        domain={"x": [side / width, 1 - side / width], "y": [1 - map_bottom / height, 1 - map_top / height]},
        resolution=EXPORT_RESOLUTION,
    )
    geo = out.layout.geo
    if geo.lonaxis.range:  # a region: its fitted view grown to fill this image's map area
        view = RegionView(tuple(geo.lonaxis.range), tuple(geo.lataxis.range)).widened(
            usable / (map_bottom - map_top)
        )
        out.update_geos(lonaxis_range=list(view.lon), lataxis_range=list(view.lat))
    out.update_layout(
        width=width,
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "autoexpand": False},
        paper_bgcolor="white",
        font={"family": EXPORT_FONT, "size": round(22 * f), "color": "#1f1f1f"},
        showlegend=False,
        annotations=[*out.layout.annotations, *notes],
        shapes=[*out.layout.shapes, *shapes],
    )
    return out
