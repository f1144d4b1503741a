"""``/methods``: how the Atlas knows each fact, in every language (plain Flask and Jinja, no script).

Every word comes from :func:`dashboard.views.methods.methods_page`; Jinja escapes it. ``?lang=``
takes every language (Arabic right to left); an unknown one falls back to English with a visible
note. The panel links each rule to its anchor here (``/methods#rule-r3``), as do the exports' README
and the footer.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash
from flask import Blueprint, Response, request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dashboard.core.i18n import LANGUAGES, html_attrs, translator
from dashboard.dataset.load import Dataset
from dashboard.views.describe import parse_query
from dashboard.views.methods import methods_page

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def render(dataset: Dataset, lang: str, *, base: str, css_href: str, notes: list[str] | None = None) -> str:
    """The methods page as HTML (``base``: the app's path prefix, ending with ``/``)."""
    return ENV.get_template("methods.html").render(
        p=methods_page(dataset, lang),
        base=base,
        css_href=css_href,
        notes=notes or [],
        languages=LANGUAGES,
        attrs=html_attrs(lang),
    )


def register(app: Dash, dataset: Dataset) -> None:
    """Add ``/methods`` to ``app.server`` (prefix-aware)."""
    prefix = app.config.routes_pathname_prefix
    bp = Blueprint("methods", __name__, url_prefix=prefix.rstrip("/"))
    pages: dict[str, str] = {}

    @bp.get("/methods")
    def page() -> Response:
        lang, notes = "en", []
        if "lang" in request.args:
            state, found = parse_query({"lang": request.args.get("lang", "")}, dataset)
            lang, notes = state.lang, [n.text(translator(state.lang)) for n in found]
        if notes or lang not in pages:
            html = render(
                dataset,
                lang,
                base=app.get_relative_path("/"),
                css_href=app.get_asset_url("methods.css"),
                notes=notes,
            )
            if notes:
                return Response(html, mimetype="text/html")
            pages[lang] = html
        return Response(pages[lang], mimetype="text/html")

    app.server.register_blueprint(bp)
