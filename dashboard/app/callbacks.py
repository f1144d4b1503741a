"""Dash callbacks: the URL is the single source of truth for the view.

One callback keeps the query string and the controls in step (a control change writes the URL; a
URL change, on load or back/forward, sets the controls). Everything shown is rendered from the
URL's ``search`` alone, so a copied link reproduces the view and the first render already is the
linked view (no default view flashes first).
"""

from __future__ import annotations

from functools import lru_cache

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from dashboard.app import ids, index_page, layout, share
from dashboard.core.i18n import LANGUAGES, country_names, translator
from dashboard.core.indicators import INDICATORS
from dashboard.core.state import Note, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import View, parse_query
from dashboard.views.figures import MapData, map_figure
from dashboard.views.panel import country_panel

OPTIONS = {"type": ids.OPTION, "param": ALL, "value": ALL}


def search_of(state: ViewState) -> str:
    return state.search


def next_state(state: ViewState, trigger: object, click: dict | None = None, cell: dict | None = None):
    """The view after a button, a map click, a table row or the panel's close button changed it."""
    if isinstance(trigger, dict) and trigger.get("type") == ids.OPTION:
        param, value = trigger["param"], trigger["value"]
        if param == "compare":
            value = None if value in (layout.NO_COMPARISON, state.edition) else value
        state = state.with_(**{param: value})
        return state.with_(compare=None) if state.compare == state.edition else state
    if trigger == ids.MAP and click and click.get("points"):
        point = click["points"][0]
        return state.with_(country=point.get("customdata") or point.get("location"))
    if trigger == ids.TABLE and cell and cell.get("rowId"):
        return state.with_(country=cell["rowId"])
    if trigger == ids.PANEL_CLOSE:
        return state.with_(country=None)
    return state


def option_props(state: ViewState, option_ids: list[dict]) -> tuple[list[str], list[bool]]:
    """``aria-pressed`` and ``disabled`` for every option button (comparing an edition with itself
    is not offered)."""
    pressed = ["true" if o["value"] == layout.selected(state, o["param"]) else "false" for o in option_ids]
    disabled = [o["param"] == "compare" and o["value"] == state.edition for o in option_ids]
    return pressed, disabled


def register(app: Dash, dataset: Dataset) -> None:
    """Every Dash-side behaviour: these callbacks, the share controls' and the index page's."""
    regions = dataset.countries["region"]
    english = dataset.countries["country"]
    base = app.get_relative_path("/")

    def view(search: str | None) -> tuple[ViewState, list[Note]]:
        return parse_query(search or "", dataset)

    @lru_cache(maxsize=256)
    def described(state: ViewState) -> View:
        """Per view (country aside: it does not change the map); the data never changes once loaded."""
        if state.country is not None:
            return described(state.with_(country=None))
        return View(dataset, state)

    def map_data(state: ViewState) -> MapData:
        return described(state).map_data

    # Writes go to a second Location (URL_WRITE): were they outputs of URL itself, every callback
    # that reads URL.search would wait for this one on load, a round trip before the map is drawn.
    # Dash's Locations share history changes, so URL.search (and everything it drives) follows.
    @app.callback(
        Output(ids.URL_WRITE, "search"),
        Output(OPTIONS, "aria-pressed"),
        Output(OPTIONS, "disabled"),
        Output(ids.COUNTRY, "value"),
        Output(ids.COUNTRY_STATUS, "children"),
        Input(ids.URL, "search"),
        Input(OPTIONS, "n_clicks"),
        Input(ids.COUNTRY, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.TABLE, "cellClicked"),
        Input(ids.PANEL_CLOSE, "n_clicks"),
    )
    def sync(search, _options, typed, click, cell, _close):
        """URL -> buttons and country box; buttons, clicks and the country box -> URL."""
        state, _ = view(search)
        trigger = ctx.triggered_id
        message = no_update
        if trigger == ids.COUNTRY:
            iso3 = layout.find_country(dataset, typed, state.lang)
            if iso3 is None:
                t = translator(state.lang)
                message = t("No country called “{name}” in the Atlas.").format(name=typed) if typed else ""
                unchanged = [no_update] * len(ctx.outputs_list[1])
                return no_update, unchanged, unchanged, no_update, message
            new, message = state.with_(country=iso3), ""
        elif trigger in (None, ids.URL):
            new = state
        else:
            new = next_state(state, trigger, click, cell)
        pressed, disabled = option_props(new, [o["id"] for o in ctx.outputs_list[1]])
        url = no_update if new == state else search_of(new)
        names = country_names(english, new.lang)
        box = no_update if trigger == ids.COUNTRY else (names[new.country] if new.country else "")
        return url, pressed, disabled, box, message

    @lru_cache(maxsize=256)
    def figure(state: ViewState) -> dict:
        """The map as plotly JSON, built once per view: the slowest part of a render under load."""
        return map_figure(map_data(state), state.region, regions, height=None).to_plotly_json()

    @app.callback(
        [Output(f"{ids.CARD}-{i}", "children") for i in INDICATORS],
        [Output(f"{ids.CARD}-{i}", "className") for i in INDICATORS],
        Output(ids.MAP, "figure"),
        Output(ids.MAP_TITLE, "children"),
        Output(ids.MAP_WRAP, "aria-label"),
        Output(ids.SUMMARY, "children"),
        Output(ids.NOTES, "children"),
        Output(ids.CITATION, "children"),
        [Output(f"{ids.LANGUAGE}-{code}", "href") for code in LANGUAGES],
        Input(ids.URL, "search"),
    )
    def render(search):
        state, notes = view(search)
        words = described(state)
        t = words.t
        shown = {state.indicator} if state.indicator in INDICATORS else set(INDICATORS)
        classes = ["card is-shown" if i in shown else "card" for i in INDICATORS]
        note_list = html.Ul([html.Li(n.text(t)) for n in notes], className="note-list") if notes else None
        return (
            *layout.cards(words),
            *classes,
            figure(state.with_(country=None)),
            words.title,
            words.map_label,
            words.summary,
            note_list,
            layout.citation(words),
            *layout.language_hrefs(state, base),
        )

    @app.callback(
        Output(ids.PANEL_BODY, "children"),
        Output(ids.PANEL, "hidden"),
        Output(ids.MAP_LAYOUT, "className"),
        Input(ids.URL, "search"),
    )
    def panel(search):
        state, _ = view(search)
        if state.country is None:
            return None, True, "map-layout"
        name = country_names(english, state.lang)[state.country]
        body = country_panel(dataset, state.country, translator(state.lang), name)
        return body, False, "map-layout has-panel"

    @app.callback(
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE, "columnDefs"),
        Output(ids.TABLE_CAPTION, "children"),
        Input(ids.URL, "search"),
    )
    def table(search):
        state, _ = view(search)
        words = described(state)
        return layout.table_rows(words), layout.table_columns(dataset, state, words.t), words.table_caption

    # The quick filter runs in the browser: typing never waits for the server.
    app.clientside_callback(
        """(text, options) => Object.assign({}, options || {}, {quickFilterText: text || ""})""",
        Output(ids.TABLE, "dashGridOptions"),
        Input(ids.TABLE_SEARCH, "value"),
        State(ids.TABLE, "dashGridOptions"),
        prevent_initial_call=True,
    )

    share.register(app, dataset)
    index_page.register(app, dataset)
