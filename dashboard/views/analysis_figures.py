"""Pure ``go.Figure`` builders for the trend, changes and regions views (and their export dressing).

Only ``scatter`` traces: the dashboard and ``/embed`` load plotly.js's geo bundle (choropleth,
scattergeo, scatter), not the 4.8 MB full one. Bars are drawn as thick line segments, one trace
per category with ``None`` between segments. Colours are the fixed Okabe-Ito ones of
:mod:`dashboard.core.indicators`; a trend's two series use its blue and vermillion.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.core.i18n import country_names
from dashboard.core.indicators import (
    CHANGE_COLOURS,
    GAINED,
    LOST,
    MAP_INDICATORS,
    NO,
    STATUS_COLOURS,
    STATUS_LABELS,
    UNKNOWN,
    YES,
)
from dashboard.core.regions import REGIONS
from dashboard.views import analysis, images
from dashboard.views.describe import CHANGE_KIND_LABELS, NAMED, PUBLISHED_TOTAL, AnalysisView
from dashboard.views.figures import FONT

PUBLISHED_COLOUR = STATUS_COLOURS[YES]  # Okabe-Ito blue
NAMED_COLOUR = "#D55E00"  # Okabe-Ito vermillion: apart from blue for every common colour-vision type
LABELS = 0.2  # of an exported chart's width, for the region names
PANEL = "panel"  # name of the per-panel heading annotations (moved with the plot area on export)


def _base(fig: go.Figure, height: int | None, rtl: bool) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 13, "color": "#1f1f1f"},
        legend={"orientation": "h", "y": -0.12, "x": 1 if rtl else 0, "xanchor": "right" if rtl else "left"},
        hovermode="closest",
    )
    fig.update_xaxes(showgrid=False, zeroline=False, fixedrange=True, automargin=True)
    fig.update_yaxes(gridcolor="#e6e6e6", zeroline=False, fixedrange=True, automargin=True)
    return fig


def _panels(labels: list[str], shared_y: bool = True) -> go.Figure:
    fig = make_subplots(rows=1, cols=len(labels), shared_yaxes=shared_y, horizontal_spacing=0.04)
    for n, label in enumerate(labels, start=1):
        domain = fig.layout[f"xaxis{n if n > 1 else ''}"].domain
        fig.add_annotation(
            text=f"<b>{label}</b>",
            name=PANEL,
            x=(domain[0] + domain[1]) / 2,
            xref="paper",
            y=1,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
        )
    return fig


def trend_figure(view: AnalysisView, height: int | None = 420) -> go.Figure:
    """Per indicator (one panel each), per edition: HRI's published total and the named count."""
    t = view.t
    trend = view.trend
    indicators = list(dict.fromkeys(trend["indicator"]))
    fig = _panels([view.label_of(i) for i in indicators])
    for n, indicator in enumerate(indicators, start=1):
        rows = trend[trend["indicator"] == indicator]
        x = [view.edition_labels[e] for e in rows["edition"]]
        published = [None if pd.isna(v) else int(v) for v in rows["published"]]
        listed: list[int | None] = [int(v) for v in rows["listed"]]
        series = [(PUBLISHED_TOTAL, published, PUBLISHED_COLOUR, "solid", "top center")]
        series.append((NAMED, listed, NAMED_COLOUR, "dash", "bottom center"))
        for name, values, colour, dash, position in series:
            if all(v is None for v in values):
                continue
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=values,
                    name=t(name),
                    legendgroup=name,
                    showlegend=n == 1,
                    mode="lines+markers+text",
                    text=[view.number(v) if v is not None else "" for v in values],
                    textposition=position,
                    line={"color": colour, "dash": dash, "width": 3},
                    marker={"color": colour, "size": 9, "symbol": "circle" if dash == "solid" else "diamond"},
                    hovertemplate="%{x}: %{y}<extra>" + t(name) + "</extra>",
                    cliponaxis=False,
                ),
                row=1,
                col=n,
            )
    fig.update_yaxes(rangemode="tozero", title_text=t("Countries"), row=1, col=1)
    return _base(fig, height, view.rtl)


def _segments(rows: list[tuple[str, float, float]]) -> tuple[list, list]:
    """x and y of horizontal segments (label, start, end), ``None`` between them."""
    xs: list[float | None] = []
    ys: list[str | None] = []
    for label, start, end in rows:
        if end != start:
            xs += [start, end, None]
            ys += [label, label, None]
    return xs, ys


def _bar_width(height: int | None, count: int) -> float:
    return max(6.0, min(26.0, 0.55 * (height or 420) * 0.8 / max(count, 1)))


def regions_figure(view: AnalysisView, height: int | None = 460) -> go.Figure:
    """Per indicator a panel; per HRI region a bar of its countries: yes, no, then not known."""
    t = view.t
    table = view.regions
    regions = [t(str(r)) for r in table["region"]]
    indicators = list(analysis.REGION_INDICATORS)
    fig = _panels([t(MAP_INDICATORS[i].short) for i in indicators])
    width = _bar_width(height, len(regions))
    for n, indicator in enumerate(indicators, start=1):
        yes, no, unknown = (table[f"{indicator}_{s}"].astype(int).tolist() for s in (YES, NO, UNKNOWN))
        starts = {YES: [0] * len(yes), NO: yes, UNKNOWN: [a + b for a, b in zip(yes, no)]}
        counts = {YES: yes, NO: no, UNKNOWN: unknown}
        for status in (YES, NO, UNKNOWN):
            xs, ys = _segments([(r, s, s + c) for r, s, c in zip(regions, starts[status], counts[status])])
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    name=t(STATUS_LABELS[status]),
                    legendgroup=status,
                    showlegend=n == 1,
                    mode="lines",
                    line={"color": STATUS_COLOURS[status], "width": width},
                    marker={"color": STATUS_COLOURS[status]},
                    hoverinfo="skip",
                ),
                row=1,
                col=n,
            )
        fig.add_trace(  # the yes count at the end of each bar, and a hover per region
            go.Scatter(
                x=yes,
                y=regions,
                mode="text",
                text=[view.number(v) for v in yes],
                textposition="middle right",
                showlegend=False,
                customdata=list(zip(no, unknown)),
                hovertemplate="%{y}: "
                + t("Yes")
                + " %{x}, "
                + t("No")
                + " %{customdata[0]}, "
                + t("Not known")
                + " %{customdata[1]}<extra></extra>",
            ),
            row=1,
            col=n,
        )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=regions, showgrid=False)
    fig.update_xaxes(rangemode="tozero", showticklabels=False)
    return _base(fig, height, view.rtl)


def changes_figure(view: AnalysisView, height: int | None = 460) -> go.Figure:
    """Per indicator a panel; per HRI region the named countries that gained (right) and lost (left)."""
    t = view.t
    changes = view.changes
    indicators = list(analysis.view_indicators(view.state))
    fig = _panels([view.label_of(i) for i in indicators], shared_y=True)
    regions = [t(label) for label in REGIONS.values()]
    names = country_names(view.dataset.countries["country"], view.state.lang)
    width = _bar_width(height, len(regions))
    for n, indicator in enumerate(indicators, start=1):
        rows = changes[changes["indicator"] == indicator]
        for kind, sign, colour, position in (
            (GAINED, 1, CHANGE_COLOURS[GAINED], "middle right"),
            (LOST, -1, CHANGE_COLOURS[LOST], "middle left"),
        ):
            moved = rows[rows["change"] == kind]
            per = {t(str(r)): list(g["iso3"]) for r, g in moved.groupby("region", sort=False)}
            counts = [len(per.get(r, [])) for r in regions]
            xs, ys = _segments([(r, 0, sign * c) for r, c in zip(regions, counts)])
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    name=t(CHANGE_KIND_LABELS[kind]),
                    legendgroup=kind,
                    showlegend=n == 1,
                    mode="lines",
                    line={"color": colour, "width": width},
                    marker={"color": colour},
                    hoverinfo="skip",
                ),
                row=1,
                col=n,
            )
            shown = [(r, c) for r, c in zip(regions, counts) if c]
            fig.add_trace(
                go.Scatter(
                    x=[sign * c for _, c in shown],
                    y=[r for r, _ in shown],
                    mode="text",
                    text=[", ".join(names[i] for i in per[r]) for r, _ in shown],
                    textposition=position,
                    showlegend=False,
                    hoverinfo="text",
                    cliponaxis=False,
                ),
                row=1,
                col=n,
            )
        fig.add_trace(  # every region keeps its row, changed or not
            go.Scatter(
                x=[0] * len(regions),
                y=regions,
                mode="markers",
                marker={"size": 1, "color": "#888"},
                showlegend=False,
                hoverinfo="skip",
            ),
            row=1,
            col=n,
        )
        most = max([1, *rows["region"].value_counts().tolist()])
        fig.update_xaxes(range=[-most * 3, most * 3], row=1, col=n)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=regions, showgrid=False)
    fig.update_xaxes(showticklabels=False, zeroline=True, zerolinecolor="#888")
    return _base(fig, height, view.rtl)


FIGURES = {"trend": trend_figure, "changes": changes_figure, "regions": regions_figure}


def view_figure(view: AnalysisView, height: int | None = 440) -> go.Figure:
    return FIGURES[view.state.view](view, height)


def export_texts(view: AnalysisView, url: str) -> images.ExportTexts:
    return images.ExportTexts(
        view.view_title,
        view.view_subtitle,
        view.view_source_line,
        url,
        view.disclaimer,
        view.rtl,
        view.t("Countries"),
    )


def export_view_figure(view: AnalysisView, url: str, preset: images.Preset) -> go.Figure:
    """The view's figure dressed like the map's images (title, legend, source, URL), by
    :func:`dashboard.views.images.export_figure`; the charts are moved into the band it leaves for
    the map (its ``geo`` domain), and the geo subplot is dropped."""
    fig = view_figure(view, round(preset.height * 0.6))
    fig.update_traces(showlegend=False, selector={"mode": "text"})
    for trace in fig.data:
        trace.showlegend = bool(trace.showlegend)
    out = images.export_figure(fig, export_texts(view, url), preset)
    low, high = out.layout.geo.domain.y
    left, right = out.layout.geo.domain.x
    f = min(preset.height / 1080, preset.width / 1400)
    top = high - round(30 * f) / preset.height  # room for the panel headings above the charts
    start = left + (LABELS * (right - left) if view.state.view != "trend" else 0)  # region names

    def across(x: float) -> float:
        return start + (right - start) * x

    for axis in [k for k in out.layout if k.startswith("xaxis")]:
        a, b = out.layout[axis].domain
        out.layout[axis].domain = [across(a), across(b)]
    for axis in [k for k in out.layout if k.startswith("yaxis")]:
        out.layout[axis].domain = [low, top]
        out.layout[axis].tickfont = {"size": round(18 * f)}
    for annotation in out.layout.annotations:
        if annotation.name == PANEL:
            annotation.update(x=across(annotation.x), y=top, font={"size": round(22 * f)})
    out.update_traces(textfont_size=round(18 * f), selector={"mode": "text"})
    out.update_traces(textfont_size=round(18 * f), selector={"mode": "lines+markers+text"})
    out.update_traces(marker_size=round(12 * f), selector={"mode": "lines+markers+text"})
    out.update_layout(geo=None)
    return out
