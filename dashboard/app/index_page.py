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
from typing import Any, cast

from dash import Dash
from flask import request

from dashboard.app import share
from dashboard.core.i18n import html_attrs, translator
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
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


def fill(template: str, **values: str) -> str:
    """Replace each ``{%name%}`` of Dash's index template, in the order given."""
    for name, value in values.items():
        template = template.replace("{%" + name + "%}", value)
    return template


def register(app: Dash, dataset: Dataset) -> None:
    """Install the template and render it in the language (and with the preview) of each request."""
    app.index_string = INDEX_STRING
    geometry = app.get_asset_url(f"geo/{GEOMETRY}")
    preload = f'<link rel="preload" as="fetch" crossorigin href="{html.escape(geometry)}">'

    def interpolate_index(**kwargs: str) -> str:
        state = parse_query(request.args, dataset)[0]
        # the tab names the view ("Needle and syringe programmes · 2023 update · World – Atlas")
        site = translator(state.lang)("Harm Reduction Atlas")
        kwargs["title"] = html.escape(f"{View(dataset, state).title} – {site}")
        kwargs["metas"] = kwargs.get("metas", "") + share.og_metas(app, dataset, state)
        kwargs["preload"] = preload
        # lang and dir first: the values filled in after them cannot inject a placeholder.
        return fill(app.index_string, **html_attrs(state.lang), **kwargs)

    # Dash's documented hook for the index page: an instance attribute replacing the method
    cast(Any, app).interpolate_index = interpolate_index
