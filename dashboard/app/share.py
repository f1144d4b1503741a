"""Download, embed and cite controls for the dashboard, and link-preview meta tags.

Interface used by layout.py and callbacks.py:
- ``controls(state, t)`` returns the component placed in the dashboard's toolbar;
- ``register(app, dataset)`` adds the callbacks that keep its links in sync with the URL state;
- ``og_metas(app, dataset, state)`` are the ``og:``/``twitter:`` tags that make a shared link
  preview the map (index_page.py puts them in the page).

Menus are native ``<details>`` elements (keyboard and screen-reader friendly without script);
every download is a plain link to the API, so "copy link address" gives a scriptable URL.
"""

from __future__ import annotations

import html as markup
from datetime import date

from dash import Dash, Input, Output, dcc, html
from dash.development.base_component import Component
from flask import has_request_context, request

from dashboard.app import ids
from dashboard.app.props import aria, data
from dashboard.core.i18n import N_, Translate
from dashboard.core.state import ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import View, parse_query

DOWNLOAD, EMBED, CITE = "share-download", "share-embed", "share-cite"
EMBED_CODE, EMBED_PREVIEW, CITE_TEXT, ALT_TEXT = (
    "share-embed-code",
    "share-embed-preview",
    "share-cite-text",
    "share-alt",
)
PREVIEW_TOGGLE = "share-embed-preview-toggle"
EMBED_HEIGHT = 640
# What a link's query carries: the whole view, only its language (the bundle's README), nothing.
VIEW, LANGUAGE, NOTHING = "view", "lang", ""
# (link id suffix, API path, what it carries, label)
LINKS: tuple[tuple[str, str, str, str], ...] = (
    ("csv", "api/v1/coverage.csv", VIEW, N_("This view as CSV")),
    ("xlsx", "api/v1/coverage.xlsx", VIEW, N_("This view as Excel (.xlsx)")),
    ("json", "api/v1/coverage.json", VIEW, N_("This view as JSON")),
    ("data", "api/v1/data.csv", NOTHING, N_("Full data, every edition (CSV)")),
    ("bundle", "api/v1/bundle.zip", LANGUAGE, N_("Everything, with README and citation (.zip)")),
    ("datapackage", "api/v1/datapackage.json", NOTHING, N_("Data package descriptor (JSON)")),
    ("png-slide", "api/v1/map.png?preset=slide", VIEW, N_("Map image for slides (PNG, 1920×1080)")),
    ("png-square", "api/v1/map.png?preset=square", VIEW, N_("Square map image (PNG, 1080×1080)")),
    ("png-a4", "api/v1/map.png?preset=a4", VIEW, N_("Print map image (PNG, A4 landscape, 300 dpi)")),
    ("svg", "api/v1/map.svg?preset=slide", VIEW, N_("Map image, scalable (SVG)")),
)
GROUPS = ((N_("This view"), LINKS[:3]), (N_("All data"), LINKS[3:6]), (N_("Map image"), LINKS[6:]))


def link_id(key: str) -> str:
    return f"share-link-{key}"


def hrefs(state: ViewState, base: str) -> dict[str, str]:
    """Every download link for a view; ``base`` is the app's path prefix (ends with ``/``)."""
    queries = {VIEW: state.query(), LANGUAGE: ViewState(lang=state.lang).query(), NOTHING: ""}
    out = {}
    for key, path, carries, _ in LINKS:
        href = base + path
        query = queries[carries]
        if query:
            href += ("&" if "?" in href else "?") + query
        out[key] = href
    return out


def embed_code(embed_url: str, host_script_url: str, title: str) -> str:
    """The copy-ready snippet: a resizable iframe plus the host script that resizes it."""
    return (
        f'<iframe data-hra-embed src="{markup.escape(embed_url)}" title="{markup.escape(title)}"'
        f' style="width: 100%; height: {EMBED_HEIGHT}px; border: 0;" loading="lazy"></iframe>\n'
        f'<script src="{markup.escape(host_script_url)}" defer></script>'
    )


def _menu(menu_id: str, label: str, body: list, t: Translate) -> html.Details:
    return html.Details(
        [html.Summary(t(label), className="share-summary"), html.Div(body, className="share-panel")],
        id=menu_id,
        className="share-menu",
    )


def _copy_box(box_id: str, label: str, value: str, rows: int, t: Translate) -> html.Div:
    return html.Div(
        [
            html.Label(t(label), htmlFor=box_id),
            dcc.Textarea(id=box_id, value=value, readOnly=True, rows=rows, className="share-code"),
            dcc.Clipboard(target_id=box_id, title=t("Copy"), className="share-copy"),
        ],
        className="share-copy-box",
    )


def filled(app: Dash, dataset: Dataset, state: ViewState) -> tuple[dict[str, str], str, str, str]:
    """What the share menus hold for a view: download links, embed code, citation and alt text
    (absolute URLs, so they need the request)."""
    described = View(dataset, state)
    base = app.get_relative_path("/")
    origin = request.host_url.rstrip("/") if has_request_context() else ""
    host_script = origin + app.get_asset_url("embed-host.js")
    code = embed_code(origin + state.url(base + "embed"), host_script, described.title)
    cite = described.citation(origin + state.url(base), date.today())
    return hrefs(state, base), code, cite, described.alt_text


def controls(app: Dash, dataset: Dataset, state: ViewState, t: Translate) -> html.Div:
    links, code, cite_text, alt = filled(app, dataset, state)
    download: list[Component] = []
    for heading, group in GROUPS:
        download.append(html.P(t(heading), className="share-heading"))
        download.append(
            html.Ul(
                [
                    html.Li(html.A(t(label), id=link_id(key), href=links[key], download=""))
                    for key, _, _, label in group
                ]
            )
        )
    download.append(_copy_box(ALT_TEXT, N_("Image description (alt text)"), alt, 3, t))
    embed = [
        _copy_box(EMBED_CODE, N_("Copy this code into your web page"), code, 5, t),
        html.Button(
            t("Show preview"),
            id=PREVIEW_TOGGLE,
            type="button",
            className="share-toggle",
            n_clicks=0,
            **aria(expanded="false", controls=EMBED_PREVIEW),
        ),
        html.Iframe(
            id=EMBED_PREVIEW,
            title=t("Preview of the embedded map"),
            className="share-preview",
            hidden=True,
            **data(hra_embed=""),
        ),
    ]
    cite = [
        _copy_box(CITE_TEXT, N_("Cite Harm Reduction International as the source"), cite_text, 4, t),
        html.P(
            t("Data licence: CC BY 4.0. The facts are Harm Reduction International's."),
            className="share-note",
        ),
    ]
    return html.Div(
        [
            _menu(DOWNLOAD, N_("Download"), download, t),
            _menu(EMBED, N_("Embed"), embed, t),
            _menu(CITE, N_("Cite"), cite, t),
        ],
        id="share-controls",
        className="share",
    )


def og_metas(app: Dash, dataset: Dataset, state: ViewState) -> str:
    """``og:``/``twitter:`` tags for the page at the current request (absolute URLs)."""
    view = View(dataset, state)
    origin = request.host_url.rstrip("/")
    image = origin + hrefs(state, app.get_relative_path("/"))["png-slide"]
    page = origin + state.url(app.get_relative_path("/"))
    description = view.subtitle + " " + view.source_line
    tags = {
        "og:type": "website",
        "og:site_name": view.t("Harm Reduction Atlas"),
        "og:title": view.title,
        "og:description": description,
        "og:url": page,
        "og:image": image,
        "og:image:width": "1920",
        "og:image:height": "1080",
        "og:image:alt": view.alt_text,
    }
    lines = [f'<meta property="{k}" content="{markup.escape(v)}">' for k, v in tags.items()]
    lines.append('<meta name="twitter:card" content="summary_large_image">')
    lines.append(f'<meta name="description" content="{markup.escape(description)}">')
    return "\n".join(lines)


def register(app: Dash, dataset: Dataset) -> None:
    def view(search: str | None) -> ViewState:
        return parse_query(search or "", dataset)[0]

    # The layout is already filled for its view (controls): these run when the view changes.
    @app.callback(
        [Output(link_id(key), "href") for key, *_ in LINKS]
        + [Output(EMBED_CODE, "value"), Output(CITE_TEXT, "value"), Output(ALT_TEXT, "value")],
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def sync(search: str | None):
        links, code, cite, alt = filled(app, dataset, view(search))
        return [*links.values(), code, cite, alt]

    @app.callback(
        Output(EMBED_PREVIEW, "src"),
        Output(EMBED_PREVIEW, "hidden"),
        Output(PREVIEW_TOGGLE, "aria-expanded"),
        Input(PREVIEW_TOGGLE, "n_clicks"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def preview(clicks: int | None, search: str | None) -> tuple[str, bool, str]:
        """Load the live preview only once asked for (it pulls in plotly.js); odd clicks show it."""
        if not clicks or clicks % 2 == 0:
            return "", True, "false"
        return view(search).url(app.get_relative_path("/embed")), False, "true"
