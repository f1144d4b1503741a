"""Dash callbacks: the URL is the single source of truth for the view.

The page arrives already showing the view in its URL (layout.page), so every callback here runs on
change only (``prevent_initial_call``), never before the first paint. The selects write the URL in
the browser (assets/dashboard_controls.js), so a switch is one round trip: ``render``, ``panel``
and ``table`` answer the new ``search`` in parallel, none waits for another. Map clicks, table rows,
the country box and the panel's close button go through ``sync``, which writes the new query.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard.app import ids, index_page, layout, share
from dashboard.core.i18n import LANGUAGES, country_names
from dashboard.core.indicators import INDICATORS
from dashboard.core.state import Note, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import parse_query


def search_of(state: ViewState) -> str:
    return state.search


def next_state(state: ViewState, trigger: object, click: dict | None = None, cell: dict | None = None):
    """The view after a map click, a table row or the panel's close button changed it."""
    if trigger == ids.MAP and click and click.get("points"):
        point = click["points"][0]
        return state.with_(country=point.get("customdata") or point.get("location"))
    if trigger == ids.TABLE and cell and cell.get("rowId"):
        return state.with_(country=cell["rowId"])
    if trigger == ids.PANEL_CLOSE:
        return state.with_(country=None)
    return state


def register(app: Dash, dataset: Dataset, picture: index_page.Picture | None = None) -> None:
    """Every Dash-side behaviour: these callbacks, the share controls' and the index page's
    (``picture``: a view's first picture, see :func:`dashboard.app.index_page.register`)."""
    english = dataset.countries["country"]
    base = app.get_relative_path("/")
    cache = layout.views_of(dataset)

    def view(search: str | None) -> tuple[ViewState, list[Note]]:
        return parse_query(search or "", dataset)

    # Writes go to a second Location (URL_WRITE): were they outputs of URL itself, every callback
    # that reads URL.search would wait for this one. Dash's Locations share history changes, so
    # URL.search (and everything it drives) follows.
    @app.callback(
        Output(ids.URL_WRITE, "search"),
        Output(ids.COUNTRY, "value"),
        Output(ids.COUNTRY_STATUS, "children"),
        Input(ids.URL, "search"),
        Input(ids.COUNTRY, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.TABLE, "cellClicked"),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def sync(search, typed, click, cell, _close):
        """Clicks and the country box -> URL; URL (back/forward) -> the country box."""
        state, _ = view(search)
        trigger = ctx.triggered_id
        if trigger == ids.COUNTRY:
            iso3, message = layout.country_match(dataset, typed, state.lang)
            if iso3 is None or iso3 == state.country:
                return no_update, no_update, message
            return search_of(state.with_(country=iso3)), no_update, message
        new = state if trigger == ids.URL else next_state(state, trigger, click, cell)
        names = country_names(english, new.lang)
        box = names[new.country] if new.country else ""
        return (no_update if new == state else search_of(new)), box, ""

    @app.callback(
        [Output(f"{ids.CARD}-{i}", "children") for i in INDICATORS],
        [Output(f"{ids.CARD}-{i}", "className") for i in INDICATORS],
        Output(ids.MAP, "figure"),
        Output(ids.MAP_TITLE, "children"),
        Output(ids.MAP_WRAP, "aria-label"),
        Output(ids.SUMMARY, "children"),
        Output(ids.LEGEND, "children"),
        Output(ids.NOTES, "children"),
        Output(ids.CITATION, "children"),
        [Output(f"{ids.LANGUAGE}-{code}", "href") for code in LANGUAGES],
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def render(search):
        state, notes = view(search)
        words = cache.described(state)
        t = words.t
        return (
            *layout.cards(words),
            *layout.card_classes(state),
            cache.figure(state),
            words.title,
            words.map_label,
            words.summary,
            layout.legend(words),
            layout.note_list(notes, t),
            layout.citation(words),
            *layout.language_hrefs(state, base),
        )

    @app.callback(
        Output(ids.PANEL_BODY, "children"),
        Output(ids.PANEL, "hidden"),
        Output(ids.PANEL_HINT, "hidden"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def panel(search):
        state, _ = view(search)
        body, hidden = layout.panel_parts(dataset, state)
        return body, hidden, not hidden

    # The table is below the fold: it fills after the map has drawn (its one initial call).
    @app.callback(
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE, "columnDefs"),
        Output(ids.TABLE_CAPTION, "children"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def table(search):
        state, _ = view(search)
        words = cache.described(state)
        rows = cache.rows(state.with_(country=None))
        return rows, layout.table_columns(dataset, state, words.t), words.table_caption

    # The quick filter runs in the browser: typing never waits for the server.
    app.clientside_callback(
        """(text, options) => Object.assign({}, options || {}, {quickFilterText: text || ""})""",
        Output(ids.TABLE, "dashGridOptions"),
        Input(ids.TABLE_SEARCH, "value"),
        State(ids.TABLE, "dashGridOptions"),
        prevent_initial_call=True,
    )

    share.register(app, dataset)
    index_page.register(app, dataset, picture)
