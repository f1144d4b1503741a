"""``/country/<ISO3>``: a country's profile page, its one-page PDF, its preview card and correction page.

Plain Flask and Jinja (no Dash, no script): the page is HTML and CSS only. Every word comes from
:func:`dashboard.views.profile.build_profile`; Jinja escapes it. A code that is not a country of
the data is a 404 page that suggests the closest names; a lower-case code redirects to the
upper-case address. ``?lang=`` takes every language (Arabic right to left); an unknown one falls
back to English with a visible note.

- ``/country/<ISO3>.pdf``: the same page printed by Chromium (:mod:`dashboard.web.pdf`), A4, one
  page, cached per (ISO-3, language);
- ``/country/<ISO3>.png``: the link-preview card (``og:image``), rendered by
  :mod:`dashboard.web.render`; ``/country/<ISO3>/locator.png``: the small locator map;
- ``/country/<ISO3>/correction?edition=&indicator=``: a prefilled correction report to copy, and
  the configured target's link. Nothing is stored, nothing is sent by the server.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path
from typing import Any

from dash import Dash
from flask import Blueprint, Response, redirect, request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from dashboard.core.config import ROOT, Corrections, corrections_from_env
from dashboard.core.i18n import LANGUAGES, html_attrs, translator
from dashboard.core.state import Note
from dashboard.dataset.load import Dataset
from dashboard.views import profile as views
from dashboard.views.describe import parse_query
from dashboard.views.panel import profile_path
from dashboard.web import pdf, render
from dashboard.web.api import download

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = ROOT / "assets" / "profile.css"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
logger = logging.getLogger(__name__)


def _language(dataset: Dataset) -> tuple[str, list[Note]]:
    """``lang`` from the query (English, with a note, when unknown); other parameters are ignored."""
    if "lang" not in request.args:
        return "en", []
    state, notes = parse_query({"lang": request.args.get("lang", "")}, dataset)
    return state.lang, notes


def render_page(
    profile: views.Profile,
    *,
    base: str,
    notes: list[str] = (),  # type: ignore[assignment]
    css_href: str = "",
    css_inline: str = "",
    locator_src: str = "",
    for_pdf: bool = False,
    og: dict[str, str] | None = None,
) -> str:
    """The profile as HTML; ``for_pdf``: self-contained (stylesheet and map inlined, absolute links)."""
    return ENV.get_template("profile.html").render(
        p=profile,
        base=base,
        notes=notes,
        css_href=css_href,
        css_inline=Markup(css_inline),
        locator_src=locator_src,
        for_pdf=for_pdf,
        og=og or {},
        languages=LANGUAGES,
        attrs=html_attrs(profile.lang),
    )


def register(app: Dash, dataset: Dataset, corrections: Corrections | None = None) -> None:
    """Add the profile routes to ``app.server`` (prefix-aware)."""
    corrections = corrections if corrections is not None else corrections_from_env()
    server = app.server
    prefix = app.config.routes_pathname_prefix
    bp = Blueprint("profile", __name__, url_prefix=prefix.rstrip("/") + "/country")
    images = render.ImageCache(render.RENDERER)
    pdfs = pdf.PdfCache(pdf.PRINTER)
    codes = set(dataset.countries.index)

    def known(code: str) -> str | None:
        return code if code in codes else None

    def page_url(iso3: str, lang: str, suffix: str = "") -> str:
        return request.host_url.rstrip("/") + app.get_relative_path("/" + profile_path(iso3, lang, suffix))

    def build(iso3: str, lang: str) -> views.Profile:
        return views.build_profile(
            dataset, iso3, lang, page_url=page_url(iso3, lang), corrections=corrections
        )

    def not_found(code: str, lang: str) -> Response:
        t = translator(lang)
        shown = code[: views.MAX_CODE] + ("…" if len(code) > views.MAX_CODE else "")
        page = ENV.get_template("profile_404.html").render(
            attrs=html_attrs(lang),
            title=t("No country with the code “{code}”").format(code=shown),
            lead=t("The Atlas has no country with this code. Did you mean one of these?"),
            suggestions=[
                (app.get_relative_path("/" + profile_path(i, lang)), name, i)
                for i, name in views.suggestions(dataset, code, lang)
            ],
            home=app.get_relative_path("/"),
            home_text=t("Open the dashboard"),
            css_href=app.get_asset_url("profile.css"),
        )
        return Response(page, status=404, mimetype="text/html")

    def resolve(code: str, suffix: str = "") -> tuple[str | None, Any]:
        """The ISO-3 code, or the response to send instead (a redirect to upper case, or the 404)."""
        if known(code):
            return code, None
        upper = views.canonical_code(code)
        if known(upper) and len(code) == 3:
            query = request.query_string.decode("latin-1")
            target = app.get_relative_path(f"/country/{upper}{suffix}") + (f"?{query}" if query else "")
            return None, redirect(target, 308)
        return None, not_found(code, _language(dataset)[0])

    def locator_png(iso3: str, lang: str) -> bytes:
        key = (f"country/{iso3}?lang={lang}", "locator", "png")
        return images.get(key, lambda: (views.locator_figure(dataset, iso3, lang), "png", views.LOCATOR))

    def og_tags(profile: views.Profile, iso3: str, lang: str) -> dict[str, str]:
        """Link-preview tags: the country's card as the image (absolute URLs)."""
        return {
            "og:type": "website",
            "og:site_name": profile.texts["atlas"],
            "og:title": profile.title,
            "og:description": profile.source_line,
            "og:url": page_url(iso3, lang),
            "og:image": page_url(iso3, lang, ".png"),
            "og:image:width": str(views.CARD.width),
            "og:image:height": str(views.CARD.height),
            "og:image:alt": profile.title,
        }

    @bp.get("/<iso3>")
    def page(iso3: str) -> Any:
        code, response = resolve(iso3)
        if code is None:
            return response
        lang, notes = _language(dataset)
        t = translator(lang)
        profile = build(code, lang)
        html = render_page(
            profile,
            base=app.get_relative_path("/"),
            notes=[n.text(t) for n in notes],
            css_href=app.get_asset_url("profile.css"),
            locator_src=app.get_relative_path("/" + profile_path(code, lang, "/locator.png")),
            og=og_tags(profile, code, lang),
        )
        return Response(html, mimetype="text/html")

    def pdf_html(iso3: str, lang: str) -> str:
        profile = build(iso3, lang)
        try:
            png = locator_png(iso3, lang)
            locator = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        except render.ImagesUnavailable:
            locator = ""
        return render_page(
            profile,
            base=request.host_url.rstrip("/") + app.get_relative_path("/"),
            css_inline=CSS.read_text(encoding="utf-8"),
            locator_src=locator,
            for_pdf=True,
        )

    @bp.get("/<iso3>.pdf")
    def brief(iso3: str) -> Any:
        code, response = resolve(iso3, ".pdf")
        if code is None:
            return response
        lang = _language(dataset)[0]
        try:
            data = pdfs.get((code, lang), lambda: pdf_html(code, lang))
        except pdf.PdfUnavailable as exc:
            return Response(f"{exc}\n", status=503, mimetype="text/plain")
        name = f"harm-reduction-atlas_{code}_{lang}.pdf"
        response = download(data, "application/pdf", name, attachment=False)
        response.headers["Content-Disposition"] = f'inline; filename="{name}"'
        return response

    @bp.get("/<iso3>.png")
    def card(iso3: str) -> Any:
        code, response = resolve(iso3, ".png")
        if code is None:
            return response
        lang = _language(dataset)[0]
        url = page_url(code, lang)
        key = (f"country/{code}?lang={lang}", "card", "png")
        try:
            data = images.get(key, lambda: (views.card_figure(dataset, code, lang, url), "png", views.CARD))
        except render.ImagesUnavailable as exc:
            return Response(f"{exc}\n", status=503, mimetype="text/plain")
        return download(data, "image/png")

    @bp.get("/<iso3>/locator.png")
    def locator(iso3: str) -> Any:
        code, response = resolve(iso3, "/locator.png")
        if code is None:
            return response
        try:
            return download(locator_png(code, _language(dataset)[0]), "image/png")
        except render.ImagesUnavailable as exc:
            return Response(f"{exc}\n", status=503, mimetype="text/plain")

    @bp.get("/<iso3>/correction")
    def correction(iso3: str) -> Any:
        code, response = resolve(iso3, "/correction")
        if code is None:
            return response
        lang, notes = _language(dataset)
        t = translator(lang)
        profile = build(code, lang)
        edition, indicator = request.args.get("edition", ""), request.args.get("indicator", "")
        rows = {r.indicator: r for r in profile.rows}
        if edition not in profile.editions or indicator not in rows:
            allowed = {"edition": profile.editions, "indicator": tuple(rows)}
            wrong = "edition" if edition not in profile.editions else "indicator"
            message = t("Unknown {parameter}; one of: {values}.").format(
                parameter=wrong, values=", ".join(allowed[wrong])
            )
            return Response(message + "\n", status=400, mimetype="text/plain")
        cell = profile.cell(indicator, edition)
        html = ENV.get_template("correction.html").render(
            attrs=html_attrs(lang),
            p=profile,
            report=cell.report,
            notes=[n.text(t) for n in notes],
            heading=t("Suggest a correction"),
            lead=t(
                "Copy this report and send it to the Atlas's maintainers. Nothing is stored on this"
                " server and nothing is sent until you send it."
            ),
            send=t("Open the prefilled report"),
            back=t("Back to the country profile"),
            back_href=app.get_relative_path("/" + profile_path(code, lang)),
            label=t("Report to copy"),
            css_href=app.get_asset_url("profile.css"),
        )
        return Response(html, mimetype="text/html")

    server.register_blueprint(bp)
