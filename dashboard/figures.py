"""Pure figure builders: data in, ``go.Figure`` out (no I/O, no app state).

The map is one choropleth trace per category (so the legend is categorical and colours stay fixed
per status) plus one marker trace per category for small states that would otherwise vanish at
world zoom. Geometry is not in the figure: plotly.js reads it once from ``topojsonURL``, so a view
change sends only locations, categories and hover text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.indicators import (
    CHANGE_CATEGORIES,
    CHANGE_COLOURS,
    CHANGE_LABELS,
    MAP_INDICATORS,
    SERVICE_CATEGORIES,
    SERVICE_COLOURS,
    SERVICE_IDS,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUSES,
    UNKNOWN,
    change_category,
    services_category,
)
from dashboard.regions import WORLD

Translate = Callable[[str], str]
LAND_COLOUR = "#F4F4F1"  # countries HRI does not report on: plain land, not a status
BORDER_COLOUR = "#FFFFFF"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"


def identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class MapData:
    """What a map shows per country: its category, and the legend for the categories."""

    frame: pd.DataFrame  # index iso3; columns country, lat, lon, small, category, hover
    categories: tuple[str, ...]
    colours: dict[str, str]
    labels: dict[str, str]
    legend_title: str


def _status_hover(frame: pd.DataFrame, indicator: str, t: Translate) -> list[str]:
    label = t(MAP_INDICATORS[indicator].label)
    return [
        f"<b>{name}</b><br>{label}: {t(STATUS_LABELS[s])}"
        for name, s in zip(frame["country"], frame[indicator])
    ]


def status_data(wide: pd.DataFrame, indicator: str, legend_title: str, t: Translate = identity) -> MapData:
    """Yes / no / not known for one indicator in one edition."""
    frame = wide[["country", "lat", "lon", "small"]].copy()
    frame["category"] = wide[indicator]
    frame["hover"] = _status_hover(wide, indicator, t)
    return MapData(frame, STATUSES, STATUS_COLOURS, {s: t(STATUS_LABELS[s]) for s in STATUSES}, legend_title)


def services_data(wide: pd.DataFrame, legend_title: str, t: Translate = identity) -> MapData:
    """How many of NSP, OAT and DCR are available (0-3), or not known."""
    frame = wide[["country", "lat", "lon", "small"]].copy()
    frame["category"] = [
        services_category(list(row)) for row in wide[list(SERVICE_IDS)].itertuples(index=False)
    ]
    parts = [[f"{MAP_INDICATORS[i].short}: {t(STATUS_LABELS[s])}" for s in wide[i]] for i in SERVICE_IDS]
    frame["hover"] = [
        f"<b>{name}</b><br>{t('Services available')}: {t(STATUS_LABELS[UNKNOWN]) if c == UNKNOWN else c}"
        f"<br>{' · '.join(p)}"
        for name, c, *p in zip(frame["country"], frame["category"], *parts)
    ]
    labels = {c: (t(STATUS_LABELS[UNKNOWN]) if c == UNKNOWN else f"{c} / 3") for c in SERVICE_CATEGORIES}
    return MapData(frame, SERVICE_CATEGORIES, SERVICE_COLOURS, labels, legend_title)


def change_data(
    before: pd.DataFrame,
    after: pd.DataFrame,
    indicator: str,
    editions: tuple[str, str],
    legend_title: str,
    t: Translate = identity,
) -> MapData:
    """Gained / lost / unchanged / not known between two editions (``before`` -> ``after``)."""
    if indicator == "services":
        old = [services_category(list(r)) for r in before[list(SERVICE_IDS)].itertuples(index=False)]
        new = [services_category(list(r)) for r in after[list(SERVICE_IDS)].itertuples(index=False)]
        status = {"0": "no"}
        old_s = [UNKNOWN if o == UNKNOWN else status.get(o, "yes") for o in old]
        new_s = [UNKNOWN if n == UNKNOWN else status.get(n, "yes") for n in new]
    else:
        old, new = list(before[indicator]), list(after[indicator])
        old_s, new_s = old, new
    frame = after[["country", "lat", "lon", "small"]].copy()
    frame["category"] = [change_category(o, n) for o, n in zip(old_s, new_s)]
    label = t(MAP_INDICATORS[indicator].label)

    def shown(value: str) -> str:
        return t(STATUS_LABELS[value]) if value in STATUS_LABELS else value

    frame["hover"] = [
        f"<b>{name}</b><br>{label}: {shown(o)} ({editions[0]}) → {shown(n)} ({editions[1]})"
        for name, o, n in zip(frame["country"], old, new)
    ]
    labels = {c: t(CHANGE_LABELS[c]) for c in CHANGE_CATEGORIES}
    return MapData(frame, CHANGE_CATEGORIES, CHANGE_COLOURS, labels, legend_title)


def map_figure(
    data: MapData, region: str = WORLD, regions: pd.Series | None = None, height: int = 520
) -> go.Figure:
    """The world (or one region's) choropleth with markers for small states.

    ``regions`` (iso3 -> region slug) is needed for a region view: only that region's countries are
    drawn and the map zooms to them; the rest of the world stays as plain land.
    """
    frame = data.frame
    if region != WORLD and regions is not None:
        frame = frame[regions.reindex(frame.index) == region]
    fig = go.Figure()
    for category in data.categories:
        rows = frame[frame["category"] == category]
        colour = data.colours[category]
        name = data.labels[category]
        fig.add_trace(
            go.Choropleth(
                locations=list(rows.index),
                z=[1] * len(rows),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
                hovertext=list(rows["hover"]),
                hoverinfo="text",
                customdata=list(rows.index),
                name=name,
                legendgroup=category,
                showlegend=True,
            )
        )
        small = rows[rows["small"]]
        fig.add_trace(
            go.Scattergeo(
                lat=list(small["lat"]),
                lon=list(small["lon"]),
                mode="markers",
                marker={"size": 8, "color": colour, "line": {"color": "#333333", "width": 0.8}},
                hovertext=list(small["hover"]),
                hoverinfo="text",
                customdata=list(small.index),
                name=name,
                legendgroup=category,
                showlegend=False,
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        resolution=50,
        showframe=False,
        showcoastlines=False,
        showcountries=False,
        showland=True,
        landcolor=LAND_COLOUR,
        showocean=False,
        showlakes=False,
        bgcolor="rgba(0,0,0,0)",
        lataxis_range=[-58, 85] if region == WORLD else None,
        fitbounds="locations" if region != WORLD else False,
    )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "size": 13, "color": "#1f1f1f"},
        legend={
            "title": {"text": data.legend_title},
            "orientation": "h",
            "yanchor": "top",
            "y": 0,
            "xanchor": "left",
            "x": 0,
            "itemclick": False,
            "itemdoubleclick": False,
        },
        dragmode=False,
        hoverlabel={"bgcolor": "white", "font": {"family": FONT}},
    )
    return fig
