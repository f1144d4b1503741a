"""Pure figure builders: data in, ``go.Figure`` out (no I/O, no app state).

The map is one choropleth trace per category (so the legend is categorical and colours stay fixed
per status) plus one marker trace per category for small states that would otherwise vanish at
world zoom. Geometry is not in the figure: plotly.js reads it once from ``topojsonURL``, so a view
change sends only locations, categories and hover text. Hover text that is the same for a whole
category lives once in the trace's ``hovertemplate``, so an update stays a few kilobytes.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.i18n import Translate, country_names, is_rtl, rtl_lines
from dashboard.core.indicators import (
    CHANGE_CATEGORIES,
    CHANGE_COLOURS,
    CHANGE_LABELS,
    COUNT_CHANGE_CATEGORIES,
    COUNT_CHANGE_COLOURS,
    COUNT_CHANGE_LABELS,
    MAP_INDICATORS,
    SERVICE_CATEGORIES,
    SERVICE_COLOURS,
    SERVICE_IDS,
    SERVICES,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUSES,
    UNKNOWN,
    YES,
    change_category,
    count_change_category,
    services_categories,
)
from dashboard.core.regions import WORLD, region_rows
from dashboard.core.state import ViewState
from dashboard.dataset.load import EXTENT_COLUMNS, Dataset

Names = Mapping[str, str] | None  # ISO-3 -> country name in the view's language (None: the data's)
LAND_COLOUR = "#F4F4F1"  # countries HRI does not report on: plain land, not a status
BORDER_COLOUR = "#FFFFFF"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
WORLD_LATITUDES = [-58, 85]  # no Antarctica: HRI reports on no country there
MARKER_SIZE = 9
LEGEND_CHAR_PX = 7.5  # average width of a legend label character at 13 px, Cyrillic included
LEGEND_SWATCH = 12  # px, the size of plotly's legend square for a choropleth
LEGEND_CHARS = 34  # per legend-title line: fits a 390 px phone at 13 px, Cyrillic too (plotly never wraps)
# plotly clips the map to its box; at 96 % the world leaves 2 % each side (8 px at 390 px), so the
# dots at its edges (Tuvalu and Fiji at 179°E, Tonga at 175°W) are not cut in half.
WORLD_SCALE = 0.96
MAP_ASPECT = 2.6  # the dashboard's map area at desktop widths, legend aside
MIN_LATITUDE, MAX_LATITUDE = -80.0, 85.0
REGION_PAD = 4.0  # degrees of margin around a region's countries, at least


@dataclass(frozen=True)
class RegionView:
    """Where the map looks for a region: longitude and latitude ranges, and the meridian it faces.

    Ranges (rather than ``fitbounds``) because Oceania and Eurasia straddle the antimeridian:
    fitting the bounds of Kiribati, Samoa and Australia, or of Russia, would zoom out to the world.
    ``lon`` may run past 180 (e.g. ``(105, 215)``); the map is rotated to face ``centre``.
    """

    lon: tuple[float, float]
    lat: tuple[float, float]

    @property
    def centre(self) -> float:
        return (self.lon[0] + self.lon[1]) / 2

    def widened(self, aspect: float) -> RegionView:
        """The same view grown (never cropped) to a box ``aspect`` times as wide as high.

        plotly clips the land to the ranges' box and letterboxes it in the figure; matching the
        box to the figure's shape fills it, so the land does not end in a visible rectangle.
        """
        (west, east), (south, north) = self.lon, self.lat
        ratio = (east - west) * _x_scale((south + north) / 2) / (_y(north) - _y(south))
        if ratio < aspect:
            grow = min(360.0, (east - west) * aspect / ratio) / 2
            return RegionView((self.centre - grow, self.centre + grow), self.lat)
        grow = (north - south) * (ratio / aspect - 1) / 2
        south, north = south - grow, north + grow
        if north > MAX_LATITUDE:  # what cannot grow north grows south, and the other way round
            south, north = south - (north - MAX_LATITUDE), MAX_LATITUDE
        if south < MIN_LATITUDE:
            south, north = MIN_LATITUDE, min(MAX_LATITUDE, north + MIN_LATITUDE - south)
        return RegionView(self.lon, (south, north))


def _x_scale(lat: float) -> float:
    """Natural Earth's horizontal scale at a latitude (its polynomial in radians)."""
    f = math.radians(lat)
    return 0.8707 - 0.131979 * f**2 - 0.013791 * f**4 + 0.003971 * f**10 - 0.001529 * f**12


def _y(lat: float) -> float:
    """Natural Earth's vertical position of a latitude, in degrees-like units."""
    f = math.radians(lat)
    return math.degrees(
        f * (1.007226 + 0.015085 * f**2 - 0.044475 * f**6 + 0.028874 * f**8 - 0.005916 * f**10)
    )


def _wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180


def country_boxes(frame: pd.DataFrame) -> list[tuple[float, float, float, float]]:
    """Per country (west, south, east, north): its extent where the data has one, else its centre
    as a point box."""
    # empty cells ("" after Dataset.wide's fill, or NaN) mean "no extent"
    extents = frame.reindex(columns=list(EXTENT_COLUMNS)).apply(pd.to_numeric, errors="coerce")
    boxes = []
    for lat, lon, *box in zip(frame["lat"], frame["lon"], *(extents[c] for c in EXTENT_COLUMNS)):
        known = not any(pd.isna(b) for b in box)
        boxes.append(tuple(box) if known else (lon, lat, lon, lat))
    return boxes


def region_view(frame: pd.DataFrame) -> RegionView:
    """The view that holds every country of ``frame`` (index ISO-3; columns lat, lon and, for large
    countries, ``extent_west`` … ``extent_north``), with a margin.

    Large countries count with their extent (computed from the geometry by the data build), the
    others with their centre. The longitude range leaves out the widest empty arc between them,
    so a region across the antimeridian (Oceania, Eurasia with Russia's far east) stays in one piece.
    """
    lats, lons = [], []
    for west, south, east, north in country_boxes(frame):
        lats += [south, north]
        lons += [west, east]
    ordered = sorted(_wrap(x) for x in lons)
    gaps = [(b - a, n + 1) for n, (a, b) in enumerate(zip(ordered, ordered[1:]))]
    gaps.append((ordered[0] + 360 - ordered[-1], 0))
    west = ordered[max(gaps)[1] % len(ordered)]
    east = west + max((x - west) % 360 for x in ordered)
    south, north = min(lats), max(lats)
    lon_pad = max(REGION_PAD, (east - west) * 0.08)
    lat_pad = max(REGION_PAD, (north - south) * 0.08)
    return RegionView(
        (west - lon_pad, east + lon_pad),
        (max(MIN_LATITUDE, south - lat_pad), min(MAX_LATITUDE, north + lat_pad)),
    )


def identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class MapData:
    """What a map shows per country: its category, and the legend for the categories."""

    frame: pd.DataFrame  # index iso3; columns country, lat, lon, small, category, detail, hover
    categories: tuple[str, ...]
    colours: dict[str, str]
    labels: dict[str, str]
    legend_title: str
    rtl: bool = False  # a right-to-left language: the figure embeds each line as RTL text


def _base(wide: pd.DataFrame, names: Names) -> pd.DataFrame:
    """Name, position and size of each country, named in the view's language when ``names`` says."""
    frame = wide[["country", "lat", "lon", "small", *EXTENT_COLUMNS]].copy()  # extents: region_view
    if names is not None:
        frame["country"] = [names.get(iso3, name) for iso3, name in frame["country"].items()]
    return frame


def _with_hover(frame: pd.DataFrame, details: list[str]) -> pd.DataFrame:
    """``detail`` is the line under the country name; ``hover`` the whole tooltip."""
    frame["detail"] = details
    frame["hover"] = [f"<b>{name}</b><br>{d}" for name, d in zip(frame["country"], details)]
    return frame


def status_data(
    wide: pd.DataFrame, indicator: str, legend_title: str, t: Translate = identity, names: Names = None
) -> MapData:
    """Yes / no / not known for one indicator in one edition."""
    frame = _base(wide, names)
    frame["category"] = wide[indicator]
    label = t(MAP_INDICATORS[indicator].label)
    frame = _with_hover(frame, [f"{label}: {t(STATUS_LABELS[s])}" for s in wide[indicator]])
    return MapData(frame, STATUSES, STATUS_COLOURS, {s: t(STATUS_LABELS[s]) for s in STATUSES}, legend_title)


def services_data(
    wide: pd.DataFrame, legend_title: str, t: Translate = identity, names: Names = None
) -> MapData:
    """How many of NSP, OAT and DCR are available (0-3), or not known."""
    frame = _base(wide, names)
    frame["category"] = services_categories(wide)
    parts = [[f"{t(MAP_INDICATORS[i].short)}: {t(STATUS_LABELS[s])}" for s in wide[i]] for i in SERVICE_IDS]
    details = [
        f"{t('Services available')}: {t(STATUS_LABELS[UNKNOWN]) if c == UNKNOWN else c}<br>{' · '.join(p)}"
        for c, *p in zip(frame["category"], *parts)
    ]
    frame = _with_hover(frame, details)
    labels = {
        c: (t(STATUS_LABELS[UNKNOWN]) if c == UNKNOWN else t("{count} of 3").format(count=c))
        for c in SERVICE_CATEGORIES
    }
    return MapData(frame, SERVICE_CATEGORIES, SERVICE_COLOURS, labels, legend_title)


def change_data(
    before: pd.DataFrame,
    after: pd.DataFrame,
    indicator: str,
    editions: tuple[str, str],
    legend_title: str,
    t: Translate = identity,
    names: Names = None,
) -> MapData:
    """Gained / lost / unchanged / not known between two editions (``before`` -> ``after``).

    "Services available" is a count, so it is compared as one: more / fewer / same / not known.
    """
    if indicator == "services":
        return _services_change(before, after, editions, legend_title, t, names)
    old, new = list(before[indicator]), list(after[indicator])
    frame = _base(after, names)
    frame["category"] = [change_category(o, n) for o, n in zip(old, new)]
    label = t(MAP_INDICATORS[indicator].label)
    frame = _with_hover(
        frame,
        [
            f"{label}: {t(STATUS_LABELS[o])} ({editions[0]}) → {t(STATUS_LABELS[n])} ({editions[1]})"
            for o, n in zip(old, new)
        ],
    )
    labels = {c: t(CHANGE_LABELS[c]) for c in CHANGE_CATEGORIES}
    return MapData(frame, CHANGE_CATEGORIES, CHANGE_COLOURS, labels, legend_title)


def _services_change(
    before: pd.DataFrame,
    after: pd.DataFrame,
    editions: tuple[str, str],
    legend_title: str,
    t: Translate,
    names: Names,
) -> MapData:
    """More / fewer / same number of services / not known; hover "Services: 2 → 3 (2020 → 2024)"."""
    old, new = list(services_categories(before)), list(services_categories(after))
    frame = _base(after, names)
    frame["category"] = [count_change_category(o, n) for o, n in zip(old, new)]
    label = t(SERVICES.short)  # short: this trace group is the heaviest update

    def shown(count: str) -> str:
        return t(STATUS_LABELS[UNKNOWN]) if count == UNKNOWN else count

    template = t("{indicator}: {old} → {new} ({before} → {after})")
    frame = _with_hover(
        frame,
        [
            template.format(
                indicator=label, old=shown(o), new=shown(n), before=editions[0], after=editions[1]
            )
            for o, n in zip(old, new)
        ],
    )
    labels = {c: t(COUNT_CHANGE_LABELS[c]) for c in COUNT_CHANGE_CATEGORIES}
    return MapData(frame, COUNT_CHANGE_CATEGORIES, COUNT_CHANGE_COLOURS, labels, legend_title)


def completeness_note(listed: int, published: int | None, t: Translate = identity) -> str:
    """ "list incomplete: 87 of 92 with a source" where the Atlas has a source for fewer countries than
    HRI counts; a partial-list note where HRI's count is not in the data (the rest is then never
    implied "no")."""
    if published is None:
        return t(
            "partial list: {listed} with a source; HRI's count for this edition is not in the data"
        ).format(listed=listed)
    if listed >= published:
        return ""
    return t("list incomplete: {listed} of {published} with a source").format(
        listed=listed, published=published
    )


def legend_title(
    indicator: str,
    edition_label: str,
    notes: list[str],
    t: Translate = identity,
    compare_label: str | None = None,
) -> str:
    """The legend heading: indicator, edition (or the two editions compared), completeness notes.

    Parts are joined with " · " (plain text for legends elsewhere); the map puts each on a line.
    """
    label = t(MAP_INDICATORS[indicator].label)
    if compare_label:
        title = t("{indicator}: change from {before} to {after}").format(
            indicator=label, before=compare_label, after=edition_label
        )
    else:
        title = t("{indicator}, {edition}").format(indicator=label, edition=edition_label)
    return " · ".join([title, *[n for n in notes if n]])


def _yes_totals(wide: pd.DataFrame, indicator: str, published: dict[tuple[str, str], int], edition: str):
    ids = SERVICE_IDS if indicator == "services" else (indicator,)
    return [(i, int((wide[i] == YES).sum()), published.get((edition, i))) for i in ids]


def view_map_data(dataset: Dataset, state: ViewState, t: Translate = identity) -> MapData:
    """The map data for one view: status, services or (with ``state.compare``) change between editions.

    Args:
        dataset: the validated data (editions, countries, HRI's totals).
        state: the view; its language names the countries (and sets right-to-left text).
        t: the view's translator (English labels when omitted).

    Returns:
        Every country's category, with the legend's labels, colours and title. The legend title
        says when the country list behind the map is shorter than HRI's total; in a region view HRI
        publishes no total, so it says instead how many of the region's countries are not known.
    """
    indicator, edition = state.indicator, state.edition
    regions = dataset.countries["region"]
    names = country_names(dataset.countries["country"], state.lang)
    wide = dataset.wide(edition)
    notes = []
    for i, listed, total in _yes_totals(wide, indicator, dataset.published, edition):
        note = completeness_note(listed, total, t)
        if note and indicator == "services":
            note = f"{t(MAP_INDICATORS[i].short)} {note}"
        notes.append(note)
    editions = state.editions_in(dataset.edition_ids)
    before, after = editions if len(editions) == 2 else (None, edition)

    def heading(notes: list[str]) -> str:
        before_label = t(dataset.edition_labels[before]) if before else None
        return legend_title(indicator, t(dataset.edition_labels[after]), notes, t, compare_label=before_label)

    if before:
        before_wide, after_wide = dataset.wide(before), dataset.wide(after)
        data = change_data(before_wide, after_wide, indicator, (before, after), heading(notes), t, names)
    elif indicator == "services":
        data = services_data(wide, heading(notes), t, names)
    else:
        data = status_data(wide, indicator, heading(notes), t, names)
    if state.region != WORLD:
        categories = region_rows(data.frame, regions, state.region)["category"]
        unknown = int((categories == UNKNOWN).sum())
        note = t("not known in this region: {count}").format(count=unknown) if unknown else ""
        data = replace(data, legend_title=heading([note]))
    return replace(data, rtl=is_rtl(state.lang))


def legend_heading(title: str, chars: int = LEGEND_CHARS) -> str:
    """The legend title as plotly lines: each " · " part on its own line(s) of at most ``chars``."""
    return "<br>".join(line for part in title.split(" · ") for line in textwrap.wrap(part, chars) or [""])


def _template(detail: str) -> str:
    return f"<b>%{{text}}</b><br>{detail}<extra></extra>"


def legend_entry(name: str, colour: str, category: str) -> go.Scattergeo:
    """A legend item with nothing on the map: one point at no position, a square like the areas'.

    plotly leaves traces without data out of the legend (an empty choropleth too); a point whose
    position is null is kept in it and drawn nowhere.
    """
    return go.Scattergeo(
        lat=[None],
        lon=[None],
        mode="markers",
        marker={"symbol": "square", "size": LEGEND_SWATCH, "color": colour},
        name=name,
        legendgroup=category,
        showlegend=True,
        hoverinfo="skip",
    )


def _category_traces(
    rows: pd.DataFrame, name: str, colour: str, category: str, bidi: Callable[[str], str]
) -> list[go.BaseTraceType]:
    """Traces for one category: one per distinct hover detail, so each country sends only its name.

    A category with no country gets a legend-only trace instead, so the key never changes between
    views. ``bidi`` marks up the texts of a right-to-left language (identity otherwise).
    """
    if rows.empty:
        return [legend_entry(bidi(name), colour, category)]
    traces: list[go.BaseTraceType] = []
    for n, (detail, group) in enumerate(rows.groupby("detail", sort=False)):
        common = {
            "customdata": list(group.index),
            "text": [bidi(c) for c in group["country"]],
            "hovertemplate": _template(bidi(str(detail))),
            "name": bidi(name),
            "legendgroup": category,
        }
        traces.append(
            go.Choropleth(
                locations=list(group.index),
                z=[1] * len(group),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
                showlegend=n == 0,
                **common,
            )
        )
        small = group[group["small"]]
        if len(small):
            common.update(customdata=list(small.index), text=[bidi(c) for c in small["country"]])
            traces.append(
                go.Scattergeo(
                    lat=list(small["lat"]),
                    lon=list(small["lon"]),
                    mode="markers",
                    marker={"size": MARKER_SIZE, "color": colour, "line": {"color": "#333333", "width": 0.8}},
                    showlegend=False,
                    **common,
                )
            )
    return traces


def map_figure(
    data: MapData,
    region: str = WORLD,
    regions: pd.Series | None = None,
    height: int | None = 520,
    aspect: float | None = MAP_ASPECT,
) -> go.Figure:
    """The world (or one region's) choropleth with markers for small states.

    ``regions`` (iso3 -> region slug) is needed for a region view: only that region's countries are
    drawn and the map fits them (:func:`region_view`); the rest of the world stays as plain land.
    ``aspect`` (width / height of the map area) widens a region's view to fill it (None: the
    fitted view as is, for a caller that widens it once it knows its size, as exports do).
    ``height=None`` lets the figure fill its container (the dashboard sizes it with CSS). Every
    trace carries the ISO-3 code in ``customdata`` so a click can open the country panel.
    """
    frame = data.frame if regions is None else region_rows(data.frame, regions, region)
    bidi = rtl_lines if data.rtl else identity
    fig = go.Figure()
    for category in data.categories:
        rows = frame[frame["category"] == category]
        traces = _category_traces(rows, data.labels[category], data.colours[category], category, bidi)
        fig.add_traces(traces)
    view = region_view(frame) if region != WORLD and len(frame) else None
    if view and aspect:
        view = view.widened(aspect)
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
        lataxis_range=list(view.lat) if view else WORLD_LATITUDES,
        lonaxis_range=list(view.lon) if view else None,
        projection_rotation_lon=_wrap(view.centre) if view else 0,
        projection_scale=1 if view else WORLD_SCALE,
    )
    fig.update_layout(
        template=None,
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "size": 13, "color": "#1f1f1f"},
        legend={
            "title": {"text": bidi(legend_heading(data.legend_title)), "side": "top"},
            "orientation": "h",
            "yanchor": "top",
            "y": 0,
            "xanchor": "right" if data.rtl else "left",  # where a reader of the language starts
            "x": 1 if data.rtl else 0,
            # one width for every item: when they wrap (a phone, Russian) they line up in columns
            "entrywidth": round(max(len(label) for label in data.labels.values()) * LEGEND_CHAR_PX),
            "entrywidthmode": "pixels",
            "itemclick": False,
            "itemdoubleclick": False,
        },
        dragmode=False,
        hoverlabel={"bgcolor": "white", "font": {"family": FONT}},
    )
    return fig
