"""Page layout: the components, and pure builders for the parts that change with the view.

Behaviour (which builder runs when) lives in callbacks.py. Every user-facing string goes through
``t = translator(state.lang)`` as a whole sentence with ``{placeholders}`` filled in after ``t()``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache, lru_cache
from urllib.parse import urlsplit

import dash_ag_grid as dag
import flask
import pandas as pd
import pycountry
from dash import Dash, dcc, html

from dashboard.app import analysis, ids, share
from dashboard.app.props import aria, data
from dashboard.core.config import ROOT
from dashboard.core.i18n import (
    LANGUAGES,
    Translate,
    country_names,
    format_number,
    is_rtl,
    sort_key,
    translator,
)
from dashboard.core.indicators import (
    INDICATORS,
    MAP_INDICATORS,
    STATUS_INDICATORS,
    STATUS_LABELS,
    UNKNOWN,
)
from dashboard.core.regions import REGIONS, WORLD, region_label
from dashboard.core.state import Note, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import DISCLAIMER, View, parse_query
from dashboard.views.figures import LAND_COLOUR, map_figure
from dashboard.views.panel import country_panel
from dashboard.views.sources import primary_source, secondary_source

NO_COMPARISON = "none"


def graph_config(app: Dash) -> dcc.Graph.Config:
    """Plotly config: geometry from our own assets (never the CDN), no scroll-zoom, no mode bar."""
    return {
        "topojsonURL": app.get_asset_url("geo/"),
        "scrollZoom": False,
        "displaylogo": False,
        "displayModeBar": False,
        "responsive": True,
    }


def initial_location() -> tuple[str, str] | None:
    """The path and query string (``"?a=b"`` or ``""``) of the page this layout is for.

    The layout is fetched by a separate request (``/_dash-layout``) whose ``Referer`` is the page's
    URL. The controls start in that view, and the URL's ``dcc.Location`` starts with the same path
    and query, so on mount it finds nothing changed and no callback runs before the first paint.
    None outside a request or without a same-host ``Referer``: the controls start at the defaults
    and the URL callbacks set them.
    """
    if not flask.has_request_context():
        return None
    parts = urlsplit(flask.request.referrer or "")
    if parts.netloc != flask.request.host:
        return None
    return parts.path, f"?{parts.query}" if parts.query else ""


# ---- controls ------------------------------------------------------------------------------------

PRISON_INDICATORS = ("prison_nsp", "prison_oat")  # grouped under "Prisons" in the indicator select


def control_id(param: str) -> str:
    """Id of the select that sets query parameter ``param``."""
    return f"control-{param}"


def option_values(dataset: Dataset) -> dict[str, list[str]]:
    """Per parameter, the values its select offers, in display order."""
    return {
        "indicator": list(MAP_INDICATORS),
        "edition": dataset.edition_ids,
        "compare": [NO_COMPARISON, *dataset.edition_ids],
        "region": [WORLD, *REGIONS],
    }


def selected(state: ViewState, param: str) -> str:
    """The value a parameter's select shows."""
    value = getattr(state, param)
    return NO_COMPARISON if param == "compare" and value is None else value


def _options(param: str, pairs: list[tuple[str, str]], state: ViewState) -> list[html.Option]:
    current = selected(state, param)
    return [
        html.Option(
            label,
            value=value,
            selected=value == current,
            disabled=param == "compare" and value == state.edition,
        )
        for value, label in pairs
    ]


def _select(param: str, label: str, children: list) -> html.Div:
    """A labelled native ``<select>``: one Tab stop, arrow keys inside, the platform's own list.

    It writes the URL in the browser (assets/dashboard_controls.js), so a switch costs the one
    round trip that renders the new view; ``data-default`` is the value the URL leaves out.
    """
    return html.Div(
        [
            html.Label(label, htmlFor=control_id(param), className="control-label"),
            html.Select(
                children,
                id=control_id(param),
                name=param,
                className="select",
                **data(param=param, default=selected(ViewState(), param)),
            ),
        ],
        className=f"control control-{param}",
    )


def controls(dataset: Dataset, state: ViewState, t: Translate) -> html.Div:
    """Indicator, edition, compare and region: each select mirrors a query parameter."""
    editions = View(dataset, state).edition_labels
    indicator_labels = [(i.id, t(i.label)) for i in MAP_INDICATORS.values()]
    community = [pair for pair in indicator_labels if pair[0] not in PRISON_INDICATORS]
    prisons = [pair for pair in indicator_labels if pair[0] in PRISON_INDICATORS]
    indicator_options: list = _options("indicator", community, state)
    if prisons:
        indicator_options.append(html.Optgroup(_options("indicator", prisons, state), label=t("Prisons")))
    return html.Div(
        [
            _select("indicator", t("Show"), indicator_options),
            _select("edition", t("Edition"), _options("edition", list(editions.items()), state)),
            _select(
                "compare",
                t("Compare with edition"),
                _options("compare", [(NO_COMPARISON, t("No comparison")), *editions.items()], state),
            ),
            _select(
                "region",
                t("Region"),
                _options(
                    "region",
                    [(WORLD, t("World")), *((slug, t(label)) for slug, label in REGIONS.items())],
                    state,
                ),
            ),
        ],
        className="controls",
        role="group",
        **aria(label=t("Map settings")),
    )


def language_hrefs(state: ViewState, base: str) -> list[str]:
    """The same view in each language, in ``LANGUAGES`` order; ``base`` is the app's path prefix."""
    return [state.with_(lang=code).url(base) for code in LANGUAGES]


def language_nav(state: ViewState, base: str, t: Translate) -> html.Nav:
    """Links to this view in every language, each name in its own language (and ``lang``).

    Plain links, so switching is a real page load: the server renders ``<html lang dir>`` and every
    text in the new language, and the view's other parameters travel in the link.
    """
    hrefs = language_hrefs(state, base)
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    html.A(
                        name,
                        id=f"{ids.LANGUAGE}-{code}",
                        href=href,
                        lang=code,
                        hrefLang=code,
                        className="language",
                        **(aria(current="true") if code == state.lang else {}),
                    )
                )
                for (code, name), href in zip(LANGUAGES.items(), hrefs)
            ]
        ),
        className="languages",
        **aria(label=t("Language")),
    )


def country_finder(dataset: Dataset, state: ViewState, t: Translate) -> html.Div:
    """A text box with the country names as suggestions (native datalist: keyboard and screen
    reader friendly); an exact name or ISO-3 code opens that country's panel."""
    shown = country_names(dataset.countries["country"], state.lang)
    names = sorted(shown.values(), key=sort_key)
    return html.Div(
        [
            html.Label(t("Find a country"), htmlFor=ids.COUNTRY),
            dcc.Input(
                id=ids.COUNTRY,
                type="search",
                list=ids.COUNTRY_LIST,
                value=shown[state.country] if state.country else "",
                placeholder=t("Type a country name"),
                autoComplete="off",
                debounce=0.3,
            ),
            html.Datalist([html.Option(value=name) for name in names], id=ids.COUNTRY_LIST),
            html.P(id=ids.COUNTRY_STATUS, role="status", className="muted small"),
        ],
        className="country-pick",
    )


ALIASES = ROOT / "data" / "country_aliases.csv"  # reviewed names people type ("UK", "Ivory Coast")


def name_key(text: str) -> str:
    """A typed name as compared: no case, accents or punctuation ("Côte d’Ivoire" = "cote d ivoire")."""
    plain = sort_key(text)
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@cache
def _aliases() -> tuple[tuple[str, str], ...]:
    with ALIASES.open(encoding="utf-8", newline="") as f:
        return tuple((row["iso3"], row["alias"]) for row in csv.DictReader(f))


def country_keys(dataset: Dataset, lang: str) -> list[tuple[str, str]]:
    """(key, ISO-3) for every name a country is known by, the page's language first.

    The data's names, each language's (pycountry's translations), pycountry's common and official
    names, and the reviewed aliases of ``data/country_aliases.csv``.
    """
    english = dataset.countries["country"]
    pairs: list[tuple[str, str]] = []
    for code in [lang, *LANGUAGES]:
        pairs += [(name, iso3) for iso3, name in country_names(english, code).items()]
    for iso3 in english.index:
        pairs.append((iso3, iso3))
        found = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "common_name", "official_name"):
            if found is not None and getattr(found, attr, None):
                pairs.append((getattr(found, attr), iso3))
    pairs += [(alias, iso3) for iso3, alias in _aliases() if iso3 in english.index]
    return [(name_key(name), iso3) for name, iso3 in pairs]


def country_match(dataset: Dataset, text: str | None, lang: str = "en") -> tuple[str | None, str]:
    """The country a visitor typed, and the message to show (``""`` while it may still be typing).

    An exact name (any language, any alias, or the ISO-3 code) finds the country; the start of a
    known name says nothing yet; anything else says no country has that name.
    """
    wanted = name_key(text or "")
    if not wanted:
        return None, ""
    keys = views_of(dataset).country_keys(lang)
    for key, iso3 in keys:
        if key == wanted:
            return iso3, ""
    if any(key.startswith(wanted) for key, _ in keys):
        return None, ""
    t = translator(lang)
    return None, t("No country called “{name}” in the Atlas.").format(name=(text or "").strip())


def find_country(dataset: Dataset, text: str | None, lang: str = "en") -> str | None:
    """ISO-3 code for a country name (in any language, an alias, or its code), else None."""
    return country_match(dataset, text, lang)[0]


# ---- headline cards ------------------------------------------------------------------------------


def card(
    indicator: str,
    counts: dict[str, int | None],
    region: str,
    t: Translate,
    lang: str,
    of_total: str | None = None,
) -> list:
    """One headline card: HRI's total (or, for a region, the listed count) and how complete it is.

    ``of_total`` is a region card's denominator ("of 24 countries"), in the view's language.
    """
    published, listed = counts["published"], counts["listed"]
    number = format_number(int(counts["count"] or 0), lang)
    if region == WORLD and published is None:
        note = t("HRI's count for this edition is not in the data")
    elif region == WORLD and published is not None and listed is not None and listed < published:
        note = t("{listed} with a source").format(listed=format_number(listed, lang))
    elif region != WORLD and counts["unknown"]:
        note = t("{unknown} not known").format(unknown=format_number(int(counts["unknown"]), lang))
    else:
        note = ""
    return [
        html.H3(t(INDICATORS[indicator].label), className="card-title", title=t(INDICATORS[indicator].label)),
        html.P(
            [html.Strong(number, className="card-number")]
            + ([html.Span(" · ", className="sep"), html.Span(note, className="card-note")] if note else [])
        ),
        html.P(
            t("countries (HRI's total)")
            if region == WORLD and published is not None
            else t("countries with a source")
            if region == WORLD
            else of_total or t("countries"),
            className="card-unit",
        ),
    ]


def region_size(view: View) -> int:
    """How many countries HRI reports on in the view's region."""
    return int((view.dataset.countries["region"] == view.region).sum())


def cards(view: View) -> list[list]:
    of_total = None
    if view.region != WORLD:
        total = region_size(view)
        of_total = view.nt("of {total} country", "of {total} countries", total).format(
            total=view.number(total)
        )
    return [card(i, view.counts[i], view.region, view.t, view.state.lang, of_total) for i in INDICATORS]


# ---- map title, summary, citation ----------------------------------------------------------------


def citation(view: View) -> list[str | html.Cite]:
    """The view's source line with each report's title cited (and linked), then a request to cite HRI."""
    parts: list[str | html.Cite] = []
    for part in view.source_parts:
        if isinstance(part, str):
            parts.append(part)
            continue
        title: str | html.A = part.title
        if part.url:
            title = html.A(part.title, href=part.url, target="_blank", rel="noopener noreferrer")
        parts += [html.Cite(title), f" ({part.year})"]
    return [*parts, ". " + view.cite_hri]


# ---- table ---------------------------------------------------------------------------------------


def table_sources(dataset: Dataset, state: ViewState) -> list[str]:
    """The distinct source URLs of the view's indicator (empty for services and comparisons)."""
    if state.indicator not in STATUS_INDICATORS or state.compare:
        return []
    urls = dataset.wide(state.edition)[f"{state.indicator}_source"]
    return sorted({u for u in urls if u})


def table_rows(view: View) -> list[dict[str, object]]:
    """One row per country in the view, with what the map shows for it.

    For a status view ``source`` is the index of the country's source in :func:`table_sources`
    (each URL travels once per update); for services and comparisons ``detail`` spells out the
    statuses behind the category. Names come from the map data (already in the view's language).
    """
    dataset, state, t, data = view.dataset, view.state, view.t, view.map_data
    frame = view.shown
    urls = table_sources(dataset, state)
    index = {u: n for n, u in enumerate(urls)}
    sources = dataset.wide(state.edition)[f"{state.indicator}_source"] if urls else None
    rows: list[dict[str, object]] = []
    for iso3, row in frame.iterrows():
        out: dict[str, object] = {
            "iso3": iso3,
            "country": row.country,
            "region": t(region_label(dataset.countries.at[iso3, "region"])),
            "status": data.labels[row.category],
        }
        if sources is not None:
            out["source"] = index.get(sources.get(iso3, ""))
            out["primary"] = 0 if out["source"] is not None else None  # HRI's report, first
        else:
            out["detail"] = row.detail.replace("<br>", " · ")
        rows.append(out)
    return rows


def table_columns(dataset: Dataset, state: ViewState, t: Translate) -> list[dict[str, object]]:
    columns: list[dict[str, object]] = [
        # minimum widths keep every column readable on a phone (the grid scrolls sideways instead)
        {"field": "country", "headerName": t("Country"), "flex": 2, "minWidth": 130, "sort": "asc"},
        {"field": "region", "headerName": t("Region"), "flex": 2, "minWidth": 120},
        {
            "field": "status",
            "headerName": t("Change") if state.compare else t("Status"),
            "flex": 1,
            "minWidth": 120,
        },
    ]
    urls = table_sources(dataset, state)
    primary = primary_source(dataset, state.edition, "", t) if urls else None
    if urls and primary is not None:  # HRI's report first: the primary source of every fact
        columns.append(
            {
                "field": "primary",
                "headerName": t("Source"),
                "flex": 2,
                "minWidth": 140,
                "cellRenderer": "SourceLink",
                "cellRendererParams": {"urls": [primary.url], "labels": [primary.label]},
                "sortable": False,
            }
        )
    if urls:
        columns.append(
            {
                "field": "source",
                "headerName": t("Read via") if primary is not None else t("Source"),
                "flex": 2,
                "minWidth": 120,
                "cellRenderer": "SourceLink",
                "cellRendererParams": {
                    "urls": urls,
                    "labels": [link.label if (link := secondary_source(u, "", "", t)) else "" for u in urls],
                },
                "sortable": False,
            }
        )
    else:
        columns.append({"field": "detail", "headerName": t("Details"), "flex": 3, "minWidth": 220})
    return columns


def table_section(dataset: Dataset, state: ViewState, words: View) -> html.Section:
    """The table of the view's countries, already filled (its callback runs when the view changes)."""
    t, lang = words.t, state.lang
    return html.Section(
        [
            html.H2(t("Table"), id="table-heading"),
            html.P(words.table_caption, id=ids.TABLE_CAPTION, className="muted"),
            html.Div(
                [
                    html.Label(t("Search the table"), htmlFor=ids.TABLE_SEARCH),
                    dcc.Input(
                        id=ids.TABLE_SEARCH,
                        type="search",
                        placeholder=t("Country, region or status"),
                        debounce=False,
                        autoComplete="off",
                    ),
                ],
                className="table-search",
            ),
            dag.AgGrid(
                id=ids.TABLE,
                rowData=views_of(dataset).rows(state.with_(country=None)),
                columnDefs=table_columns(dataset, state, t),
                defaultColDef={"sortable": True, "resizable": True, "filter": False},
                getRowId="params.data.iso3",
                dashGridOptions={
                    "domLayout": "normal",
                    "animateRows": False,
                    "ensureDomOrder": True,
                    "suppressCellFocus": False,
                    # Tab leaves the grid (arrow keys move inside): assets/dashboard_grid.js
                    "tabToNextCell": {"function": "leaveGrid(params)"},
                    "tabToNextHeader": {"function": "leaveGrid(params)"},
                    "quickFilterText": "",
                    "enableRtl": is_rtl(lang),
                    "localeText": {"noRowsToShow": t("No countries to show"), "loadingOoo": t("Loading…")},
                },
                columnSize="responsiveSizeToFit",
                className="ag-theme-quartz atlas-grid",
                style={"height": "420px"},
            ),
            html.P(
                t(
                    "Click a row, or move to it with the arrow keys and press Enter, to open the country's"
                    " panel. Escape closes the panel."
                ),
                className="muted small",
            ),
        ],
        className="table-section",
        **aria(labelledby="table-heading"),
    )


# ---- footer --------------------------------------------------------------------------------------


def footer(t: Translate, cited: list | None = None, lang: str = "en") -> html.Footer:
    definitions = [
        item for i in MAP_INDICATORS.values() for item in (html.Dt(t(i.label)), html.Dd(t(i.definition)))
    ]
    return html.Footer(
        [
            html.H2(t("About the data")),
            html.P(cited, id=ids.CITATION),
            html.H3(t("What the map shows")),
            html.Dl(
                definitions
                + [
                    html.Dt(t(STATUS_LABELS[UNKNOWN])),
                    html.Dd(
                        t(
                            "HRI reports the status as not known, or this dataset has no source for it yet."
                            " Not known is not the same as no."
                        )
                    ),
                ],
                className="definitions",
            ),
            html.P(
                t(
                    "The cards show HRI's published total for the world. Where this dataset names fewer"
                    " countries than HRI counts (sources not yet found), the number it names is shown"
                    " beside the total and the map legend says the list is incomplete."
                )
            ),
            html.P(
                html.A(
                    t("How the Atlas knows each fact (methods)"),
                    href="methods" + (f"?lang={lang}" if lang != "en" else ""),
                ),
                className="methods-link",
            ),
            html.P(t(DISCLAIMER)),
            html.P(
                t(
                    "Map geometry: Natural Earth (public domain), via the world-atlas package. Small"
                    " states are drawn as dots so every country can be seen and selected."
                ),
                className="muted",
            ),
        ],
        className="site-footer",
    )


# ---- map, legend, and everything that changes with the view --------------------------------------

HIGHLIGHT = "#111111"  # the selected country's outline (and ring, for a dot)


def legend_heading(view: View) -> str:
    """The key's one-line title: the edition shown, or the two compared (the map's title above
    already names the indicator and region)."""
    labels = view.edition_labels
    if view.before:
        arrow = " ← " if view.rtl else " → "
        return f"{labels[view.before]}{arrow}{labels[view.after]}"
    return labels[view.after]


def legend(view: View) -> list:
    """The map's key as HTML beside the map: a one-line title, one row per category, land outside
    the data, then the completeness notes (plotly's own legend stays off in the dashboard)."""
    data, t = view.map_data, view.t
    title = legend_heading(view)
    notes = data.legend_title.split(" · ")[1:]
    items = [
        html.Li(
            [
                html.Span(className=f"swatch swatch-{c}", style={"backgroundColor": data.colours[c]}),
                data.labels[c],
            ],
            className=f"legend-item legend-{c}",
        )
        for c in data.categories
    ]
    items.append(
        html.Li(
            [
                html.Span(className="swatch swatch-land", style={"backgroundColor": LAND_COLOUR}),
                t("Not covered by the data"),
            ],
            className="legend-item legend-land",
        )
    )
    return [
        html.P(title, className="legend-title", title=title),
        html.Ul(items, className="legend-items"),
        *[html.P(note, className="legend-note") for note in notes if note],
    ]


def highlight_traces(frame: pd.DataFrame, iso3: str) -> list[dict]:
    """The selected country drawn on top: an outline, and a ring round its dot if it has one.

    No hover of their own (``hoverinfo: skip``), so hover and click still reach the country.
    """
    if iso3 not in frame.index:
        return []
    row = frame.loc[iso3]
    traces: list[dict] = [
        {
            "type": "choropleth",
            "locations": [iso3],
            "z": [1],
            "locationmode": "ISO-3",
            "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            "showscale": False,
            "marker": {"line": {"color": HIGHLIGHT, "width": 2.5}},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "selected",
        }
    ]
    if bool(row["small"]):
        traces.append(
            {
                "type": "scattergeo",
                "lat": [float(row["lat"])],
                "lon": [float(row["lon"])],
                "mode": "markers",
                "marker": {"size": 17, "color": "rgba(0,0,0,0)", "line": {"color": HIGHLIGHT, "width": 2.5}},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": "selected",
            }
        )
    return traces


class Views:
    """What the page shows per view, built once: the data never changes once loaded.

    The layout (first paint) and the callbacks (every change) read the same cache, so the first
    view's figure is in the page itself and a switch back to a seen view costs no rebuild.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.regions = dataset.countries["region"]
        self.described = lru_cache(maxsize=256)(self._described)
        self.base_figure = lru_cache(maxsize=256)(self._base_figure)
        self.country_keys = lru_cache(maxsize=8)(lambda lang: country_keys(dataset, lang))
        self.rows = lru_cache(maxsize=256)(lambda state: table_rows(self.described(state)))

    def _described(self, state: ViewState) -> View:
        return View(self.dataset, state.with_(country=None))

    def _base_figure(self, state: ViewState) -> dict:
        data = self.described(state).map_data
        fig = map_figure(data, state.region, self.regions, height=None)
        fig.update_layout(showlegend=False)
        return fig.to_plotly_json()

    def figure(self, state: ViewState) -> dict:
        """The map as plotly JSON, with the selected country highlighted."""
        base = self.base_figure(state.with_(country=None))
        if state.country is None:
            return base
        frame = self.described(state).map_data.frame
        return {**base, "data": [*base["data"], *highlight_traces(frame, state.country)]}


_VIEWS: dict[int, Views] = {}


def views_of(dataset: Dataset) -> Views:
    """The one :class:`Views` cache of a dataset (one per app)."""
    if id(dataset) not in _VIEWS or _VIEWS[id(dataset)].dataset is not dataset:
        _VIEWS[id(dataset)] = Views(dataset)
    return _VIEWS[id(dataset)]


def note_list(notes: list[Note], t: Translate) -> html.Ul | None:
    return html.Ul([html.Li(n.text(t)) for n in notes], className="note-list") if notes else None


def card_classes(state: ViewState) -> list[str]:
    shown = {state.indicator} if state.indicator in INDICATORS else set(INDICATORS)
    return ["card is-shown" if i in shown else "card" for i in INDICATORS]


def panel_parts(dataset: Dataset, state: ViewState) -> tuple[list | None, bool]:
    """The country panel's body and ``hidden`` for a view (no country: hidden, the hint shows)."""
    if state.country is None:
        return None, True
    name = country_names(dataset.countries["country"], state.lang)[state.country]
    return country_panel(dataset, state.country, translator(state.lang), name, lang=state.lang), False


# ---- page ----------------------------------------------------------------------------------------


def page(
    app: Dash,
    dataset: Dataset,
    state: ViewState,
    notes: list[Note] | None = None,
    location: tuple[str, str] | None = None,
    picture: str | None = None,
) -> html.Div:
    """The whole page for a view, already showing it: the figure, cards, title, summary, legend and
    panel are in the layout, so nothing waits for a callback before the first paint. ``location``
    is the page's (path, query): the URL component starts there, so mounting it changes nothing.
    ``picture`` is the URL of the view's first picture: it lies under the map until plotly.js has
    drawn it (assets/dashboard_map.js), so the first screen's picture never blinks out."""
    t = translator(state.lang)
    base = app.get_relative_path("/")
    cache = views_of(dataset)
    words = cache.described(state)
    panel_body, panel_hidden = panel_parts(dataset, state)
    card_class = card_classes(state)
    return html.Div(
        [
            dcc.Location(
                id=ids.URL,
                refresh=False,
                **(dict(zip(("pathname", "search"), location), hash="") if location else {}),
            ),
            # "callback-nav": a new query is pushed to history and announced, so URL picks it up
            dcc.Location(id=ids.URL_WRITE, refresh="callback-nav"),
            html.A(t("Skip to the map"), href="#map-section", className="skip-link"),
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(t("Harm Reduction Atlas")),
                            html.P(
                                t(
                                    "Where harm reduction services exist and where national policy supports"
                                    " them, country by country, from Harm Reduction International's Global"
                                    " State of Harm Reduction."
                                ),
                                className="purpose",
                            ),
                        ],
                        className="brand",
                    ),
                    language_nav(state, app.get_relative_path("/"), t),
                ],
                className="site-header",
            ),
            html.Main(
                [
                    html.Div(
                        [controls(dataset, state, t), country_finder(dataset, state, t)],
                        className="control-bar",
                    ),
                    html.Div(note_list(notes or [], t), id=ids.NOTES, role="status", className="notes"),
                    html.Section(
                        [
                            html.H2(t("Headline counts"), id="cards-heading", className="visually-hidden"),
                            html.Ul(
                                [
                                    html.Li(body, id=f"{ids.CARD}-{i}", className=card_class[n])
                                    for n, (i, body) in enumerate(zip(INDICATORS, cards(words)))
                                ],
                                className="cards",
                            ),
                        ],
                        **aria(labelledby="cards-heading"),
                    ),
                    html.Div(analysis.tabs(state, base, t), id=ids.ANALYSIS_TABS, className="analysis-tabs"),
                    html.Section(
                        [
                            html.Div(
                                [
                                    html.H2(words.title, id=ids.MAP_TITLE, className="map-title"),
                                    html.Div(
                                        [copy_link(t), share.controls(app, dataset, state, t)],
                                        className="toolbar-actions",
                                    ),
                                ],
                                className="toolbar",
                            ),
                            html.Div(
                                [
                                    html.Div(
                                        [
                                            html.Div(
                                                [
                                                    html.Div(
                                                        [
                                                            first_picture(picture),
                                                            dcc.Graph(
                                                                id=ids.MAP,
                                                                figure=cache.figure(state),
                                                                config=graph_config(app),
                                                                className="map-graph",
                                                            ),
                                                        ],
                                                        id=ids.MAP_WRAP,
                                                        className="map-wrap",
                                                        role="img",
                                                        **aria(label=words.map_label),
                                                    ),
                                                    zoom_controls(t),
                                                ],
                                                className="map-frame",
                                            ),
                                            html.P(
                                                words.summary,
                                                id=ids.SUMMARY,
                                                className="summary",
                                                **aria(live="polite"),
                                            ),
                                        ],
                                        className="map-column",
                                    ),
                                    html.Aside(
                                        [
                                            html.Div(
                                                legend(words),
                                                id=ids.LEGEND,
                                                className="map-legend",
                                            ),
                                            panel_hint(t, hidden=not panel_hidden),
                                            html.Section(
                                                [
                                                    html.Button(
                                                        "×",
                                                        id=ids.PANEL_CLOSE,
                                                        className="close",
                                                        title=t("Close the country panel"),
                                                        **aria(label=t("Close the country panel")),
                                                    ),
                                                    html.Div(panel_body, id=ids.PANEL_BODY),
                                                ],
                                                id=ids.PANEL,
                                                className="panel",
                                                hidden=panel_hidden,
                                                **aria(labelledby="panel-heading"),
                                            ),
                                        ],
                                        className="side",
                                        **aria(label=t("Country details")),
                                    ),
                                ],
                                id=ids.MAP_LAYOUT,
                                className="map-layout",
                            ),
                        ],
                        id="map-section",
                        hidden=state.view != "map",
                        **aria(labelledby=ids.MAP_TITLE),
                    ),
                    html.Div(
                        analysis.body(dataset, state, base, {"topojsonURL": app.get_asset_url("geo/")}),
                        id=ids.ANALYSIS,
                        className="analysis",
                    ),
                    table_section(dataset, state, words),
                ],
                id="main",
            ),
            footer(t, citation(words), state.lang),
        ],
        className="page",
    )


def first_picture(src: str | None) -> html.Img | None:
    """The server-rendered picture of the map (decorative: the map's box has the label)."""
    return html.Img(src=src, alt="", className="first-pixels") if src else None


def copy_link(t: Translate) -> html.Button:
    """Copies the page's address (the whole view) to the clipboard: assets/dashboard_controls.js."""
    return html.Button(
        t("Copy link"),
        id=ids.COPY_LINK,
        type="button",
        className="copy-link",
        **data(done=t("Link copied")),
    )


def panel_hint(t: Translate, hidden: bool) -> html.P:
    """What the side shows while no country is open (it keeps the side's width: no layout shift)."""
    return html.P(
        t(
            "Click a country on the map, or find it by name, to see every indicator in every edition"
            " with its source."
        ),
        id=ids.PANEL_HINT,
        className="panel-hint muted small",
        hidden=hidden,
    )


def zoom_controls(t: Translate) -> html.Div:
    """Zoom in, zoom out and reset buttons over the map (assets/dashboard_map.js does the zooming;
    the page never scroll-zooms, so a wheel or a swipe still scrolls the page)."""
    buttons = (
        ("+", ids.ZOOM_IN, t("Zoom in")),
        ("−", ids.ZOOM_OUT, t("Zoom out")),
        ("⟲", ids.ZOOM_RESET, t("Reset the map")),
    )
    return html.Div(
        [
            html.Button(symbol, id=ident, type="button", className="zoom", title=label, **aria(label=label))
            for symbol, ident, label in buttons
        ],
        className="zoom-controls",
        role="group",
        **aria(label=t("Zoom")),
    )


Picture = Callable[[ViewState], str | None]


def picture_src(picture: Picture | None, state: ViewState) -> str | None:
    """The URL of the view's first picture (a server-rendered image of its map) when the view is
    the map and its picture is ready, else None. The static first screen and the live layout both
    ask this, so they show the same picture."""
    return picture(state) if picture and state.view == "map" else None


def serve(app: Dash, dataset: Dataset, picture: Picture | None = None):
    """The layout function: built per page load, starting from the view in the page's URL.
    ``picture`` gives the URL of a view's first picture when one is ready (see :func:`page`)."""

    def layout() -> html.Div:
        location = initial_location()
        state, notes = parse_query(location[1] if location else "", dataset)
        return page(app, dataset, state, notes, location, picture_src(picture, state))

    return layout
