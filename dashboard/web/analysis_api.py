"""``/api/v1/{trend,changes,regions}.{csv,json,png,svg}``: the data and images of the views beside the map.

Same parameters and strict 400s as ``dashboard.web.api`` (its parser, ``download`` and ``flag``);
the tables are :mod:`dashboard.views.analysis`'s, the images :mod:`dashboard.views.analysis_figures`'
dressed by the map images' export dressing and rendered by :mod:`dashboard.web.render`.
"""

from __future__ import annotations

import json
import logging

from flask import Blueprint, Flask, Response, jsonify, request

from dashboard.core.state import ParamError, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views import analysis_figures, images
from dashboard.views.describe import AnalysisView, parse_query
from dashboard.views.exports import csv_bytes, to_records
from dashboard.web import render
from dashboard.web.api import MIMETYPES, download, flag, view_url

VIEWS = ("trend", "changes", "regions")
logger = logging.getLogger(__name__)


def create_blueprint(dataset: Dataset) -> Blueprint:
    bp = Blueprint("analysis_api", __name__)
    image_cache = render.ImageCache(render.RENDERER)

    def state_for(name: str) -> ViewState:
        state, _ = parse_query(request.args, dataset, strict=True)
        return state.with_(view=name)

    @bp.errorhandler(ParamError)
    def bad_parameter(exc: ParamError) -> tuple[Response, int]:
        return jsonify(exc.as_json()), 400

    @bp.errorhandler(render.ImagesUnavailable)
    def no_images(exc: render.ImagesUnavailable) -> tuple[Response, int]:
        return jsonify({"error": str(exc), "retry": "Try again later, or download the data."}), 503

    def filename(state: ViewState, ext: str) -> str:
        return f"harm-reduction-atlas_{state.view}_{state.indicator}_{state.edition}_{state.region}.{ext}"

    def table_csv(name: str) -> Response:
        state = state_for(name)
        bom = flag("bom")
        return download(
            csv_bytes(AnalysisView(dataset, state).table, bom=bom), "text/csv", filename(state, "csv")
        )

    def table_json(name: str) -> Response:
        state = state_for(name)
        view = AnalysisView(dataset, state)
        frame = view.table
        body = {
            "view": name,
            "indicator": state.indicator,
            "edition": state.edition,
            "compare": state.compare,
            "region": state.region,
            "title": view.view_title,
            "summary": view.view_summary,
            "source": view.view_source_line,
            "columns": list(frame.columns),
            "rows": to_records(frame),
        }
        return download(json.dumps(body, ensure_ascii=False).encode(), "application/json")

    def image(name: str, fmt: str) -> Response:
        state = state_for(name)
        preset_name = request.args.get("preset", "slide").strip().lower() or "slide"
        if preset_name not in images.PRESETS:
            raise ParamError("preset", preset_name, list(images.PRESETS))
        preset = images.PRESETS[preset_name]
        url = view_url(state)

        def build():
            fig = analysis_figures.export_view_figure(AnalysisView(dataset, state), url, preset)
            return fig, fmt, preset

        try:
            data = image_cache.get((url, preset_name, fmt), build)
        except render.ImagesUnavailable as exc:
            logger.error("image export failed for view %s (preset %s, %s): %s", url, preset_name, fmt, exc)
            raise
        return download(
            data,
            MIMETYPES[fmt],
            filename(state, fmt).replace(f".{fmt}", f"_{preset_name}.{fmt}"),
            attachment=False,
        )

    for name in VIEWS:
        bp.add_url_rule(f"/api/v1/{name}.csv", f"{name}_csv", lambda name=name: table_csv(name))
        bp.add_url_rule(f"/api/v1/{name}.json", f"{name}_json", lambda name=name: table_json(name))
        for fmt in ("png", "svg"):
            bp.add_url_rule(
                f"/api/v1/{name}.{fmt}", f"{name}_{fmt}", lambda name=name, fmt=fmt: image(name, fmt)
            )
    return bp


def register(server: Flask, dataset: Dataset) -> None:
    server.register_blueprint(create_blueprint(dataset))
