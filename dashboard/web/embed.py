"""``/embed``: the map alone, for other sites' iframes, as a plain Flask page (no Dash, no React).

The page has a title, the map (plotly.js's geo bundle served from this server, geometry from our assets), an
HTML legend, the source line, the boundary disclaimer and a link back to the same view on the full
dashboard. It tells its host page its height by ``postMessage`` (``assets/embed-host.js`` resizes
the iframe). :func:`standalone_html` renders it and is reused for offline HTML snapshots: every
text is HTML-escaped by Jinja's autoescape, and the figure JSON cannot close its script element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash
from flask import Response, request, send_file
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from dashboard.core.config import ROOT
from dashboard.core.i18n import N_, html_attrs
from dashboard.core.state import Note, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.analysis_figures import view_figure
from dashboard.views.describe import AnalysisView, View, parse_query
from dashboard.views.figures import map_figure

TEMPLATES = Path(__file__).resolve().parent / "templates"
# plotly.js's geo bundle (1.4 MB, not the full 4.8 MB): the map needs only choropleth and scattergeo.
PLOTLY_JS = ROOT / "assets" / "vendor" / "plotly-geo.min.js"
PAGE_JS = (TEMPLATES / "embed.js").read_text(encoding="utf-8")
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
SCRIPT_MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class PageTexts:
    """Everything written on a standalone map page besides its title (already translated)."""

    subtitle: str
    source: str
    disclaimer: str
    alt: str
    legend_title: str
    legend: tuple[tuple[str, str], ...]  # (colour, label) per category
    link_href: str = ""
    link_text: str = ""
    notes: tuple[str, ...] = ()
    lang: str = "en"
    dir: str = "ltr"
    chart: bool = False  # a trend/changes/regions chart (taller box, no map legend)


def script_json(value: object) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` survives raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plot_config(topojson_url: str) -> dict[str, object]:
    """Geometry from our own server, no scroll-zoom (the host page keeps its scroll), no mode bar."""
    return {
        "topojsonURL": topojson_url,
        "scrollZoom": False,
        "displayModeBar": False,
        "displaylogo": False,
        "responsive": True,
    }


def standalone_html(
    fig: go.Figure,
    title: str,
    texts: PageTexts,
    plotly_js_src: str,
    topojson_url: str,
    page_js_src: str | None = None,
) -> str:
    """A complete HTML page showing ``fig`` with its texts.

    ``page_js_src`` is the URL of the page script (``/embed`` uses it, so a strict CSP holds);
    without it the script is inlined (offline files, which have no server to load it from).
    """
    figure = json.loads(fig.to_json())
    return ENV.get_template("standalone.html").render(
        title=title,
        texts=texts,
        figure_json=script_json(figure),
        config_json=script_json(plot_config(topojson_url)),
        plotly_js_src=plotly_js_src,
        page_js_src=page_js_src,
        page_js=Markup(PAGE_JS),
    )


def view_page(
    dataset: Dataset,
    state: ViewState,
    *,
    link_href: str,
    link_text: str,
    plotly_js_src: str,
    topojson_url: str,
    notes: list[Note] | tuple[Note, ...] = (),
    page_js_src: str | None = None,
) -> str:
    """The chart-only page for a view, in its language (``/embed`` and the static snapshot).

    The map view draws the map with an HTML legend; trend, changes and regions draw their chart
    (scatter traces only, which the geo bundle has) with the view's own title, sentence and sources.
    """
    attrs = html_attrs(state.lang)
    if state.view != "map":
        analysis = AnalysisView(dataset, state)
        chart = view_figure(analysis, height=None)
        chart.update_layout(autosize=True)
        texts = PageTexts(
            subtitle=analysis.view_subtitle,
            source=analysis.view_source_line,
            disclaimer=analysis.disclaimer,
            alt=analysis.view_summary,
            legend_title="",
            legend=(),
            link_href=link_href,
            link_text=analysis.t(N_("Open this view in the Harm Reduction Atlas")),
            notes=tuple(n.text(analysis.t) for n in notes),
            lang=attrs["lang"],
            dir=attrs["dir"],
            chart=True,
        )
        return standalone_html(
            chart, analysis.view_title, texts, plotly_js_src, topojson_url, page_js_src=page_js_src
        )
    view = View(dataset, state)
    data, t = view.map_data, view.t
    fig = map_figure(data, state.region, dataset.countries["region"], height=None)
    fig.update_layout(showlegend=False, autosize=True)
    texts = PageTexts(
        subtitle=view.subtitle,
        source=view.source_line,
        disclaimer=view.disclaimer,
        alt=view.alt_text,
        legend_title=view.legend_title,
        legend=tuple((data.colours[c], data.labels[c]) for c in data.categories),
        link_href=link_href,
        link_text=t(link_text),
        notes=tuple(n.text(t) for n in notes),
        lang=attrs["lang"],
        dir=attrs["dir"],
    )
    return standalone_html(fig, view.title, texts, plotly_js_src, topojson_url, page_js_src=page_js_src)


def register(app: Dash, dataset: Dataset) -> None:
    """Add ``/embed`` and its two scripts to ``app.server`` (prefix-aware)."""
    server = app.server
    prefix = app.config.routes_pathname_prefix

    @server.get(prefix + "embed", strict_slashes=False)
    def embed_page() -> Response:
        state, notes = parse_query(request.args, dataset)
        page = view_page(
            dataset,
            state,
            link_href=state.url(app.get_relative_path("/")),
            link_text=N_("Open this map in the Harm Reduction Atlas"),
            notes=notes,
            plotly_js_src=app.get_relative_path("/embed/plotly-geo.min.js"),
            topojson_url=app.get_asset_url("geo/"),
            page_js_src=app.get_relative_path("/embed/embed.js"),
        )
        return Response(page, mimetype="text/html")

    @server.get(prefix + "embed/embed.js")
    def embed_js() -> Response:
        response = Response(PAGE_JS, mimetype="text/javascript")
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @server.get(prefix + "embed/plotly-geo.min.js")
    def plotly_js() -> Response:
        return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=SCRIPT_MAX_AGE, conditional=True)
