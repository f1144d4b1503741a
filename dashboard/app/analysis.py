"""The views beside the map on the dashboard: tabs (``view=map|trend|changes|regions``) and the
bodies of the trend, changes and regions views, each with its text alternative and table.

The tabs are links (``dcc.Link``): choosing one pushes the new query to history, so the URL stays
the one source of the view and back/forward work. :func:`register` adds the callback that fills the
tabs and the body from the URL and hides the map section (kept in the DOM) on the other views.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, dcc, html

from dashboard.app import ids
from dashboard.app.props import aria, data
from dashboard.core.i18n import country_names
from dashboard.core.indicators import MAP_INDICATORS, STATUS_LABELS
from dashboard.core.regions import REGIONS
from dashboard.core.state import VIEWS, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views import analysis
from dashboard.views.analysis_figures import view_figure
from dashboard.views.describe import (
    NAMED,
    NOT_IN_DATA,
    PUBLISHED_TOTAL,
    VIEW_LABELS,
    AnalysisView,
    Reference,
    parse_query,
)

MAP_SECTION = "map-section"
STATIC_GRAPH = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False, "responsive": True}


def tabs(state: ViewState, base: str, t) -> html.Nav:
    """One link per view; the current one is ``aria-current="page"``."""
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t(VIEW_LABELS[name]),
                        href=state.with_(view=name).url(base),
                        id=f"view-tab-{name}",
                        className="view-tab is-current" if name == state.view else "view-tab",
                    ),
                    **(aria(current="page") if name == state.view else {}),
                )
                for name in VIEWS
            ],
            className="view-tabs",
        ),
        **aria(label=t("Views")),
    )


def source_line(view: AnalysisView) -> html.P:
    parts = [
        html.A(p.text, href=p.url)
        if isinstance(p, Reference) and p.url
        else (p.text if isinstance(p, Reference) else p)
        for p in view.view_source_parts
    ]
    return html.P(parts, className="muted small source-line")


def downloads(view: AnalysisView, base: str) -> html.P:
    t, state = view.t, view.state
    query = state.with_(view="map").search
    links = [
        html.A(label, href=f"{base}api/v1/{state.view}.{ext}{query}", className="download")
        for ext, label in (("csv", "CSV"), ("json", "JSON"), ("png", "PNG"), ("svg", "SVG"))
    ]
    items: list = [t("Download this view:"), " "]
    for n, link in enumerate(links):
        items += [" · "] if n else []
        items.append(link)
    return html.P(items, className="small downloads")


def graph(view: AnalysisView, config: dict[str, Any]) -> html.Div:
    return html.Div(
        dcc.Graph(
            id="analysis-graph",
            figure=view_figure(view, None).update_layout(autosize=True),
            config={**STATIC_GRAPH, **config},  # type: ignore[arg-type]
            className="analysis-graph",
        ),
        role="img",
        **aria(label=view.view_summary),
    )


def trend_body(view: AnalysisView) -> list:
    t = view.t
    out: list = []
    for indicator, rows in view.trend.groupby("indicator", sort=False):
        head = [t("Edition"), t(PUBLISHED_TOTAL), t(NAMED), t("Not known")]
        body = [
            html.Tr(
                [
                    html.Th(view.edition_labels[str(r["edition"])], scope="row"),
                    html.Td(t(NOT_IN_DATA) if pd.isna(r["published"]) else view.number(int(r["published"]))),
                    html.Td(view.number(int(r["listed"]))),
                    html.Td(view.number(int(r["unknown"]))),
                ]
            )
            for _, r in rows.iterrows()
        ]
        out.append(
            html.Table(
                [
                    html.Caption(view.label_of(str(indicator))),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody(body),
                ],
                className="analysis-table trend-table",
                **data(indicator=str(indicator)),
            )
        )
        out.append(html.Ul([html.Li(s) for s in view.trend_sentences[str(indicator)]], className="small"))
    return out


def change_item(view: AnalysisView, row, names) -> html.Li:
    t = view.t
    sources: list = []
    for side in ("before", "after"):
        edition = view.edition_labels[str(row[f"{side}_edition"])]
        status = t(STATUS_LABELS[str(row[f"{side}_status"])])
        text = t("{edition}: {status}").format(edition=edition, status=status)
        url = str(row[f"{side}_source"])
        sources += [" · "] if sources else []
        sources.append(html.A(text, href=url, className="source") if url else text)
    return html.Li(
        [html.Span(names[str(row["iso3"])], className="country"), " — ", *sources],
        **data(iso3=str(row["iso3"])),
    )


def changes_body(view: AnalysisView) -> list:
    t = view.t
    names = country_names(view.dataset.countries["country"], view.state.lang)
    out: list = []
    for indicator in analysis.view_indicators(view.state):
        rows = view.changes[view.changes["indicator"] == indicator]
        section: list = [
            html.H3(view.label_of(indicator)),
            html.P(view.changes_gap(indicator), className="gap"),
        ]
        if view.compared[0] is not None:
            for kind in analysis.CHANGE_KINDS:
                moved = rows[rows["change"] == kind]
                groups = []
                for label in REGIONS.values():
                    in_region = moved[moved["region"] == label]
                    if len(in_region):
                        groups.append(
                            html.Li(
                                [
                                    html.Span(t(label), className="region-name"),
                                    html.Ul([change_item(view, r, names) for _, r in in_region.iterrows()]),
                                ]
                            )
                        )
                section.append(
                    html.Div(
                        [
                            html.H4(view.change_heading(kind, len(moved))),
                            html.Ul(groups, className="by-region")
                            if groups
                            else html.P(t("None."), className="muted"),
                        ],
                        className=f"change-kind change-{kind}",
                        **data(kind=kind),
                    )
                )
        out.append(html.Section(section, className="change-indicator", **data(indicator=indicator)))
    return out


def regions_body(view: AnalysisView) -> list:
    t = view.t
    head = [t("Region"), t("Countries")]
    for i in analysis.REGION_INDICATORS:
        short = t(MAP_INDICATORS[i].short)
        head += [short, t("{indicator}: not known").format(indicator=short)]
    rows = []
    for _, r in view.regions.iterrows():
        cells = [html.Th(t(str(r["region"])), scope="row"), html.Td(view.number(int(r["countries"])))]
        for i in analysis.REGION_INDICATORS:
            cells += [html.Td(view.number(int(r[f"{i}_yes"]))), html.Td(view.number(int(r[f"{i}_unknown"])))]
        rows.append(html.Tr(cells))
    return [
        html.Div(
            html.Table(
                [
                    html.Caption(view.view_title),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody(rows),
                ],
                className="analysis-table regions-table",
            ),
            className="table-scroll",
            tabIndex=0,
            **aria(label=view.view_title),
        )
    ]


def body(dataset: Dataset, state: ViewState, base: str, config: dict) -> html.Section | None:
    """The section of a trend, changes or regions view (None on the map view)."""
    if state.view == "map":
        return None
    view = AnalysisView(dataset, state)
    parts: list = [
        html.H2(view.view_title, id="analysis-title"),
        html.P(view.view_subtitle, className="subtitle"),
    ]
    if state.view != "changes":
        parts.append(graph(view, config))
    parts += {"trend": trend_body, "changes": changes_body, "regions": regions_body}[state.view](view)
    parts += [source_line(view), downloads(view, base)]
    return html.Section(
        parts, className=f"analysis-view analysis-{state.view}", **aria(labelledby="analysis-title")
    )


def register(app: Dash, dataset: Dataset) -> None:
    base = app.get_relative_path("/")
    config = {"topojsonURL": app.get_asset_url("geo/")}

    @app.callback(
        Output(ids.ANALYSIS_TABS, "children"),
        Output(ids.ANALYSIS, "children"),
        Output(MAP_SECTION, "hidden"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,  # the layout shows its own view already
    )
    def show(search):
        state, _ = parse_query(search or "", dataset)
        t = AnalysisView(dataset, state).t
        return tabs(state, base, t), body(dataset, state, base, config), state.view != "map"
