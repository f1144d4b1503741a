"""Page layout: the components, and pure builders for the parts that change with the view.

Behaviour (which builder runs when) lives in callbacks.py. Every user-facing string goes through
``t = translator(state.lang)`` as a whole sentence with ``{placeholders}`` filled in after ``t()``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash_ag_grid as dag
import flask
from dash import Dash, dcc, html

from dashboard.app import ids, share
from dashboard.app.props import aria
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
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import DISCLAIMER, View, parse_query

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


def initial_query() -> str:
    """The query string of the page this layout is for, so controls start in the right state.

    The layout is fetched by a separate request (``/_dash-layout``) whose ``Referer`` is the page's
    URL. Without it (or outside a request) the controls start at the defaults; the URL callback then
    sets them, so this only avoids a flicker.
    """
    if not flask.has_request_context():
        return ""
    referrer = flask.request.referrer or ""
    parts = urlsplit(referrer)
    return parts.query if parts.netloc == flask.request.host else ""


# ---- controls ------------------------------------------------------------------------------------


def option_id(param: str, value: str) -> dict[str, str]:
    """Id of the button that sets query parameter ``param`` to ``value``."""
    return {"type": ids.OPTION, "param": param, "value": value}


def option_values(dataset: Dataset) -> dict[str, list[str]]:
    """Per parameter, the values its buttons offer, in display order."""
    return {
        "indicator": list(MAP_INDICATORS),
        "edition": dataset.edition_ids,
        "compare": [NO_COMPARISON, *dataset.edition_ids],
        "region": [WORLD, *REGIONS],
    }


def selected(state: ViewState, param: str) -> str:
    """The value a parameter's button group shows as pressed."""
    value = getattr(state, param)
    return NO_COMPARISON if param == "compare" and value is None else value


def _group(param: str, legend: str, options: list[tuple[str, str]], state: ViewState) -> html.Div:
    """A row of toggle buttons (``aria-pressed``): native, focusable, labelled by the group's name."""
    current = selected(state, param)
    return html.Div(
        [
            html.Span(legend, id=f"{param}-legend", className="group-label"),
            html.Div(
                [
                    html.Button(
                        label,
                        id=option_id(param, value),
                        n_clicks=0,
                        type="button",
                        className="option",
                        disabled=param == "compare" and value == state.edition,
                        **aria(pressed="true" if value == current else "false"),
                    )
                    for value, label in options
                ],
                role="group",
                className="segmented",
                **aria(labelledby=f"{param}-legend"),
            ),
        ],
        className=f"control control-{param}",
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


def controls(dataset: Dataset, state: ViewState, t: Translate) -> html.Nav:
    """Indicator, edition, compare and region: each button group mirrors a query parameter."""
    editions = View(dataset, state).edition_labels
    labels = {
        "indicator": {i.id: t(i.label) for i in MAP_INDICATORS.values()},
        "edition": editions,
        "compare": {NO_COMPARISON: t("No comparison"), **editions},
        "region": {WORLD: t("World"), **{slug: t(label) for slug, label in REGIONS.items()}},
    }
    legends = {
        "indicator": t("Show"),
        "edition": t("Edition"),
        "compare": t("Compare with edition"),
        "region": t("Region"),
    }
    return html.Nav(
        [
            _group(param, legends[param], [(v, labels[param][v]) for v in values], state)
            for param, values in option_values(dataset).items()
        ],
        className="controls",
        **aria(label=t("Map settings")),
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


def find_country(dataset: Dataset, text: str | None, lang: str = "en") -> str | None:
    """ISO-3 code for a country name (in ``lang`` or English) or code typed by a visitor, else None.

    Case-insensitive; a name in the page's language wins over an English one.
    """
    wanted = (text or "").strip().casefold()
    if not wanted:
        return None
    english = dataset.countries["country"]
    for names in (country_names(english, lang), english):
        for iso3, name in names.items():
            if wanted in (name.casefold(), iso3.casefold()):
                return iso3
    return None


# ---- headline cards ------------------------------------------------------------------------------


def card(indicator: str, counts: dict[str, int | None], region: str, t: Translate, lang: str) -> list:
    """One headline card: HRI's total (or, for a region, the listed count) and how complete it is."""
    published, listed = counts["published"], counts["listed"]
    number = format_number(int(counts["count"] or 0), lang)
    if region == WORLD and published is None:
        note = t("HRI's count for this edition is not in the data")
    elif region == WORLD and published is not None and listed is not None and listed < published:
        note = t("{listed} named in the data").format(listed=format_number(listed, lang))
    elif region != WORLD and counts["unknown"]:
        note = t("{unknown} not known").format(unknown=format_number(int(counts["unknown"]), lang))
    else:
        note = ""
    return [
        html.H3(t(INDICATORS[indicator].label), className="card-title"),
        html.P(
            [html.Strong(number, className="card-number")]
            + ([html.Span(" · ", className="sep"), html.Span(note, className="card-note")] if note else [])
        ),
        html.P(
            t("countries (HRI's total)")
            if region == WORLD and published is not None
            else t("countries named in the data")
            if region == WORLD
            else t("countries"),
            className="card-unit",
        ),
    ]


def cards(view: View) -> list[list]:
    return [card(i, view.counts[i], view.region, view.t, view.state.lang) for i in INDICATORS]


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
    if urls:
        columns.append(
            {
                "field": "source",
                "headerName": t("Source"),
                "flex": 2,
                "minWidth": 120,
                "cellRenderer": "SourceLink",
                "cellRendererParams": {"urls": urls},
                "sortable": False,
            }
        )
    else:
        columns.append({"field": "detail", "headerName": t("Details"), "flex": 3, "minWidth": 220})
    return columns


def table_section(t: Translate, lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("Table"), id="table-heading"),
            html.P(id=ids.TABLE_CAPTION, className="muted"),
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
                rowData=[],
                columnDefs=[],
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


def footer(t: Translate) -> html.Footer:
    definitions = [
        item for i in MAP_INDICATORS.values() for item in (html.Dt(t(i.label)), html.Dd(t(i.definition)))
    ]
    return html.Footer(
        [
            html.H2(t("About the data")),
            html.P(id=ids.CITATION),
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


# ---- page ----------------------------------------------------------------------------------------


def page(app: Dash, dataset: Dataset, state: ViewState) -> html.Div:
    t = translator(state.lang)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
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
                        ]
                    ),
                    language_nav(state, app.get_relative_path("/"), t),
                ],
                className="site-header",
            ),
            controls(dataset, state, t),
            html.Main(
                [
                    html.Div(id=ids.NOTES, role="status", className="notes"),
                    html.Section(
                        [
                            html.H2(t("Headline counts"), id="cards-heading", className="visually-hidden"),
                            html.Ul(
                                [html.Li(id=f"{ids.CARD}-{i}", className="card") for i in INDICATORS],
                                className="cards",
                            ),
                        ],
                        **aria(labelledby="cards-heading"),
                    ),
                    html.Section(
                        [
                            html.Div(
                                [html.H2(id=ids.MAP_TITLE, className="map-title"), share.controls(state, t)],
                                className="toolbar",
                            ),
                            html.Div(
                                [
                                    html.Div(
                                        [
                                            html.Div(
                                                dcc.Graph(
                                                    id=ids.MAP,
                                                    config=graph_config(app),
                                                    className="map-graph",
                                                ),
                                                id=ids.MAP_WRAP,
                                                role="img",
                                            ),
                                            html.P(
                                                id=ids.SUMMARY, className="summary", **aria(live="polite")
                                            ),
                                        ],
                                        className="map-column",
                                    ),
                                    html.Aside(
                                        [
                                            country_finder(dataset, state, t),
                                            html.Section(
                                                [
                                                    html.Button(
                                                        "×",
                                                        id=ids.PANEL_CLOSE,
                                                        className="close",
                                                        title=t("Close the country panel"),
                                                        **aria(label=t("Close the country panel")),
                                                    ),
                                                    html.Div(id=ids.PANEL_BODY),
                                                ],
                                                id=ids.PANEL,
                                                className="panel",
                                                hidden=state.country is None,
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
                        **aria(labelledby=ids.MAP_TITLE),
                    ),
                    table_section(t, state.lang),
                ],
                id="main",
            ),
            footer(t),
        ],
        className="page",
    )


def serve(app: Dash, dataset: Dataset):
    """The layout function: built per page load, starting from the view in the page's URL."""

    def layout() -> html.Div:
        state, _ = parse_query(initial_query(), dataset)
        return page(app, dataset, state)

    return layout
