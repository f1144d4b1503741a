"""The HTML page Dash serves for the dashboard: every customisation of it lives here.

Per request, from the page's own query string: ``<html lang dir>`` in the view's language, the
``<title>`` translated, and the link-preview meta tags of :func:`dashboard.app.share.og_metas`. The map
geometry is preloaded, so it downloads while the scripts parse instead of after the first render
(plotly.js fetches it by XHR: cors mode, same-origin credentials, as ``crossorigin`` asks). The
template is Dash's, except that the scripts sit in a plain ``<div>``: Dash wraps them in a
``<footer>``, a second ``contentinfo`` landmark beside the page's own footer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any, cast

from dash import Dash
from flask import request
from plotly.io.json import to_json_plotly

from dashboard.app import layout, share, static_html
from dashboard.core.i18n import html_attrs, translator
from dashboard.core.state import Note, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import View, parse_query

GEOMETRY = "world_50m.json"  # what plotly.js asks topojsonURL for: world scope, 50 m resolution
INDEX_STRING = """<!DOCTYPE html>
<html lang="{%lang%}" dir="{%dir%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%preload%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts"{%grid%}>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


GRID_SCRIPT = re.compile(r'<script src="([^"]*/dash_ag_grid/dash_ag_grid[^"]*\.js)"></script>\s*')


def defer_grid(scripts: str) -> tuple[str, str]:
    """The page's scripts without the table's bundle, and the attribute that names it instead.

    dash-ag-grid is 1.3 MB of script that would be parsed before the map; assets/dashboard_grid.js
    stands in for its component and loads it when the table is needed (near the viewport, focused,
    or once the page is idle). No bundle found: the scripts are left as they are.
    """
    found = GRID_SCRIPT.search(scripts)
    if not found:
        return scripts, ""
    return GRID_SCRIPT.sub("", scripts, count=1), f' data-grid-src="{found.group(1)}"'


def fill(template: str, **values: str) -> str:
    """Replace each ``{%name%}`` of Dash's index template, in the order given."""
    for name, value in values.items():
        template = template.replace("{%" + name + "%}", value)
    return template


# The scripts that run right after the static first screen, in this order, ahead of React and
# Dash: the map-fitting script (the first screen's map box has its final height before the first
# paint, so nothing shifts when it is replaced), plotly.js, and the early map that draws the view's
# figure with it before Dash has booted (assets/dashboard_early.js).
PLOTLY = "vendor/plotly-geo.min.js"
FIRST_SCRIPTS = ("dashboard_fit.js", PLOTLY, "dashboard_early.js")
# each asset's <script> tag as Dash writes it (compiled once, matched on every page)
SCRIPT_TAG = {
    name: re.compile(r'<script src="([^"]*/assets/' + re.escape(name) + r'[^"]*)"></script>\s*')
    for name in FIRST_SCRIPTS
}
Picture = layout.Picture


def first_screen(page_html: str, scripts: str, early: str = "") -> tuple[str, str]:
    """The first screen (the page as static HTML, over the live page until React has drawn it, then
    ``early``, the early map's data) and the scripts left to load after it: those of FIRST_SCRIPTS
    found in ``scripts`` move up to run right after the static page."""
    moved = []
    for name in FIRST_SCRIPTS:
        found = SCRIPT_TAG[name].search(scripts)
        if found:
            moved.append(f'<script src="{found.group(1)}"></script>')
            scripts = scripts[: found.start()] + scripts[found.end() :]
    first = f'<div class="first-screen" aria-hidden="true" inert>{page_html}</div>'
    return first + early + "".join(moved), scripts


SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>")
TYPE = re.compile(r'\stype="[^"]*"')
LATER = "text/x-atlas-later"  # a type no browser runs: assets/dashboard_early.js runs them


def held_back(scripts: str) -> str:
    """React, Dash's bundles and the renderer's start, held back from the browser: the same tags in
    the same order, typed ``LATER`` so that they neither load nor run until
    assets/dashboard_early.js starts them, once the early map has drawn (at once when there is
    none). So they never compete with plotly.js for the network or the processor before the map is
    drawn. The inline ones keep their exact text, so the hashes of the page's CSP still match."""
    return SCRIPT_OPEN.sub(lambda m: f'<script{TYPE.sub("", m.group(1))} type="{LATER}">', scripts)


def first_preload(scripts: str) -> str:
    """plotly.js asked for first, ahead of the stylesheets and the other scripts: the early map
    (FIRST_SCRIPTS) waits for it alone."""
    found = SCRIPT_TAG[PLOTLY].search(scripts)
    if not found:
        return ""
    return f'<link rel="preload" as="script" fetchpriority="high" href="{found.group(1)}">'


def early_map(figure: Mapping[str, Any], config: Mapping[str, Any]) -> str:
    """The view's figure (plotly JSON: data, layout) and plotly config for
    assets/dashboard_early.js, as inert JSON data (``type="application/json"`` is never run, so
    the page's CSP needs no hash for it)."""
    text = to_json_plotly({"data": figure["data"], "layout": figure["layout"], "config": dict(config)})
    return '<script id="early-map" type="application/json">' + text.replace("</", "<\\/") + "</script>"


def register(app: Dash, dataset: Dataset, picture: Picture | None = None) -> None:
    """Install the template and render it in the language (and with the preview) of each request.

    ``picture`` gives the URL of a view's first picture (a server-rendered image of its map) when
    one is ready; the first screen shows it in the map's box until plotly.js has drawn the map."""
    app.index_string = INDEX_STRING
    geometry = app.get_asset_url(f"geo/{GEOMETRY}")
    prefix = app.config.requests_pathname_prefix
    # What the first render waits for, fetched while the scripts load rather than after them: the
    # geometry (plotly.js, the early map), then, at low priority so that they never delay
    # plotly.js, the layout and the callback graph (Dash's renderer) and the map's chunk of dcc
    # (dcc.Graph loads it once mounted).
    preload = f'<link rel="preload" as="fetch" crossorigin href="{html.escape(geometry)}">'
    for url in (prefix + "_dash-layout", prefix + "_dash-dependencies"):
        preload += (
            f'<link rel="preload" as="fetch" crossorigin fetchpriority="low" href="{html.escape(url)}">'
        )
    chunk = prefix + "_dash-component-suites/dash/dcc/async-graph.js"
    preload += f'<link rel="preload" as="script" fetchpriority="low" href="{html.escape(chunk)}">'

    figures = layout.views_of(dataset)

    @lru_cache(maxsize=128)
    def static_page(
        state: ViewState, notes: tuple[Note, ...], src: str | None, host: str, day: date
    ) -> tuple[str, str]:
        """The first screen of a view: the same for every visit on a day through the same host (the
        share menus hold absolute URLs and a dated citation), so it is built once."""
        page = static_html.to_html(layout.page(app, dataset, state, list(notes), picture=src))
        if state.view != "map":
            return page, ""
        return page, early_map(figures.figure(state), layout.graph_config(app))

    def interpolate_index(**kwargs: str) -> str:
        state, notes = parse_query(request.args, dataset)
        # the tab names the view ("Needle and syringe programmes · 2023 update · World – Atlas")
        site = translator(state.lang)("Harm Reduction Atlas")
        kwargs["title"] = html.escape(f"{View(dataset, state).title} – {site}")
        kwargs["metas"] = kwargs.get("metas", "") + share.og_metas(app, dataset, state)
        scripts, kwargs["grid"] = defer_grid(kwargs.get("scripts", ""))
        kwargs["preload"] = first_preload(scripts) + preload
        src = layout.picture_src(picture, state)
        static, early = static_page(state, tuple(notes), src, request.host_url, date.today())
        first, rest = first_screen(static, scripts, early)
        kwargs["scripts"] = held_back(rest)
        kwargs["renderer"] = held_back(kwargs.get("renderer", ""))
        # the page's own content last: nothing it says can be taken for a placeholder
        kwargs["app_entry"] = first + kwargs.pop("app_entry", "")
        # lang and dir first: the values filled in after them cannot inject a placeholder.
        return fill(app.index_string, **html_attrs(state.lang), **kwargs)

    # Dash's documented hook for the index page: an instance attribute replacing the method
    cast(Any, app).interpolate_index = interpolate_index
