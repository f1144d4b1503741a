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
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any, cast

from dash import Dash
from flask import request

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


FIT_SCRIPT = re.compile(r'<script src="([^"]*/dashboard_fit\.js[^"]*)"></script>\s*')
Picture = Callable[[ViewState], str | None]


def first_screen(page_html: str, scripts: str) -> tuple[str, str]:
    """The first screen (the page as static HTML, over the live page until React has drawn it) and
    the scripts left to load after it. The map-fitting script runs right after the static page,
    so its map box has its final height before the first paint (no shift when it is replaced)."""
    found = FIT_SCRIPT.search(scripts)
    fit = f'<script src="{found.group(1)}"></script>' if found else ""
    rest = FIT_SCRIPT.sub("", scripts, count=1) if found else scripts
    return f'<div class="first-screen" aria-hidden="true" inert>{page_html}</div>{fit}', rest


def register(app: Dash, dataset: Dataset, picture: Picture | None = None) -> None:
    """Install the template and render it in the language (and with the preview) of each request.

    ``picture`` gives the URL of a view's first picture (a server-rendered image of its map) when
    one is ready; the first screen shows it in the map's box until plotly.js has drawn the map."""
    app.index_string = INDEX_STRING
    geometry = app.get_asset_url(f"geo/{GEOMETRY}")
    prefix = app.config.requests_pathname_prefix
    # What the first render waits for, fetched while the scripts load rather than after them: the
    # geometry (plotly.js), the layout and the callback graph (Dash's renderer), and the map's
    # chunk of dcc (dcc.Graph loads it once mounted).
    fetched = [geometry, prefix + "_dash-layout", prefix + "_dash-dependencies"]
    preload = "".join(f'<link rel="preload" as="fetch" crossorigin href="{html.escape(u)}">' for u in fetched)
    chunk = prefix + "_dash-component-suites/dash/dcc/async-graph.js"
    preload += f'<link rel="preload" as="script" href="{html.escape(chunk)}">'

    @lru_cache(maxsize=128)
    def static_page(state: ViewState, notes: tuple[Note, ...], src: str | None, host: str, day: date) -> str:
        """The first screen of a view: the same for every visit on a day through the same host (the
        share menus hold absolute URLs and a dated citation), so it is built once."""
        return static_html.to_html(layout.page(app, dataset, state, list(notes), picture=src))

    def interpolate_index(**kwargs: str) -> str:
        state, notes = parse_query(request.args, dataset)
        # the tab names the view ("Needle and syringe programmes · 2023 update · World – Atlas")
        site = translator(state.lang)("Harm Reduction Atlas")
        kwargs["title"] = html.escape(f"{View(dataset, state).title} – {site}")
        kwargs["metas"] = kwargs.get("metas", "") + share.og_metas(app, dataset, state)
        kwargs["preload"] = preload
        scripts, kwargs["grid"] = defer_grid(kwargs.get("scripts", ""))
        src = picture(state) if picture and state.view == "map" else None
        static = static_page(state, tuple(notes), src, request.host_url, date.today())
        first, kwargs["scripts"] = first_screen(static, scripts)
        # the page's own content last: nothing it says can be taken for a placeholder
        kwargs["app_entry"] = first + kwargs.pop("app_entry", "")
        # lang and dir first: the values filled in after them cannot inject a placeholder.
        return fill(app.index_string, **html_attrs(state.lang), **kwargs)

    # Dash's documented hook for the index page: an instance attribute replacing the method
    cast(Any, app).interpolate_index = interpolate_index
