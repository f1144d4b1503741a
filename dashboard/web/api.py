"""Flask routes for analysts and health checks: ``/healthz`` and ``/api/v1/*``.

Every route parses its parameters with the strict view parser: an unknown value is an HTTP 400
with a JSON body naming the parameter and the allowed values, never a 500. Downloads are fixed for
a given dataset and view, so their bytes are built once (memoised), with a content hash as ``ETag``
and an hour of public caching. Parameters and columns are documented in ``docs/api.md``.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Callable
from datetime import date
from functools import lru_cache

import pandas as pd
from flask import Blueprint, Flask, Response, jsonify, request, send_file

from dashboard.core.state import ParamError, ViewState
from dashboard.dataset.counts import headline_counts
from dashboard.dataset.load import Dataset
from dashboard.views import images
from dashboard.views.describe import parse_query
from dashboard.views.exports import (
    bundle_zip,
    coverage,
    csv_bytes,
    full_data,
    served_descriptor,
    served_files,
    sqlite_bytes,
    to_records,
    to_xlsx,
    xlsx_readme,
)
from dashboard.web import render

MAX_AGE = 3600
FLAGS = ["0", "1"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"png": "image/png", "svg": "image/svg+xml"}

logger = logging.getLogger(__name__)


def etag_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def download(data: bytes, mimetype: str, filename: str | None = None, attachment: bool = True) -> Response:
    """A cacheable response by ``flask.send_file``: content-hash ETag and 304s, an hour public, and
    a ``Content-Disposition`` (``filename*`` for non-ASCII names) when a file name is given."""
    return send_file(
        io.BytesIO(data),
        mimetype=mimetype,
        as_attachment=attachment and filename is not None,
        download_name=filename,
        etag=etag_of(data),
        max_age=MAX_AGE,
        conditional=True,
    )


def flag(name: str) -> bool:
    """A 0/1 query parameter (absent = 0); anything else is a 400."""
    value = request.args.get(name, "").strip()
    if value not in ("", *FLAGS):
        raise ParamError(name, value, FLAGS)
    return value == "1"


def readme_args(extra: str) -> tuple[str, date, str]:
    """URL, day and language of a README, from the memo key written by ``provenance``."""
    url, day, lang = json.loads(extra)
    return url, date.fromisoformat(day), lang


def view_url(state: ViewState) -> str:
    """The absolute URL of the dashboard view (prefix-aware: ``url_root`` includes the script root)."""
    return request.url_root + state.url("")


def create_blueprint(dataset: Dataset) -> Blueprint:
    """The API routes, bound to one validated dataset."""
    api = Blueprint("api", __name__)
    image_cache = render.ImageCache(render.RENDERER, version=render.data_version(dataset))

    def view(allow_all_editions: bool = False) -> ViewState:
        args = request.args
        if allow_all_editions and args.get("edition", "").strip().lower() == "all":
            state, _ = parse_query({k: v for k, v in args.items() if k != "edition"}, dataset, strict=True)
            return state.with_(edition="all")
        state, _ = parse_query(args, dataset, strict=True)
        return state

    @lru_cache(maxsize=512)
    def built(kind: str, edition: str, region: str, indicator: str | None, extra: str = "") -> bytes:
        """The bytes of one download; ``extra`` carries what else the file depends on."""

        def table() -> pd.DataFrame:
            return coverage(dataset, edition, region, indicator)

        def coverage_json() -> bytes:
            frame = table()
            return json.dumps(
                {
                    "edition": edition,
                    "region": region,
                    "indicator": indicator,
                    "columns": list(frame.columns),
                    "rows": to_records(frame),
                },
                ensure_ascii=False,
            ).encode()

        builders: dict[str, Callable[[], bytes]] = {
            "coverage.csv": lambda: csv_bytes(table(), bom=extra == "bom"),
            "coverage.json": coverage_json,
            "coverage.xlsx": lambda: to_xlsx(
                table(),
                xlsx_readme(
                    dataset,
                    table(),
                    {"edition": edition, "region": region, "indicator": indicator},
                    *readme_args(extra),
                ),
                "coverage",
            ),
            "data.csv": lambda: csv_bytes(full_data(dataset), bom=extra == "bom"),
            "bundle.zip": lambda: bundle_zip(dataset, *readme_args(extra)),
            "datapackage.json": lambda: json.dumps(
                served_descriptor(), indent=2, ensure_ascii=False
            ).encode(),
            "atlas.sqlite": lambda: sqlite_bytes(dataset),
        }
        if kind.startswith("data/"):  # a file the served descriptor names
            return served_files(dataset)[kind.removeprefix("data/")]()
        return builders[kind]()

    def provenance(state: ViewState) -> str:
        """Where and when a README says the file came from, and its language (part of the memo key)."""
        return json.dumps([request.url_root, date.today().isoformat(), state.lang])

    def filename(state: ViewState, ext: str, indicator: str | None = None, lang: bool = False) -> str:
        """A name that differs whenever the content does: edition, region, indicator (when the file
        holds one), and the language for a file with words in it (the XLSX README)."""
        parts = [state.edition, state.region, *([indicator] if indicator else [])]
        parts += [state.lang] if lang else []
        return "harm-reduction-atlas_" + "_".join(parts) + f".{ext}"

    def coverage_args() -> tuple[ViewState, str | None]:
        state = view(allow_all_editions=True)
        return state, (state.indicator if request.args.get("indicator") else None)

    @api.errorhandler(ParamError)
    def bad_parameter(exc: ParamError) -> tuple[Response, int]:
        return jsonify(exc.as_json()), 400

    @api.errorhandler(render.ImagesUnavailable)
    def no_images(exc: render.ImagesUnavailable) -> tuple[Response, int]:
        response = jsonify({"error": str(exc), "retry": "Try again later, or download the data."})
        if isinstance(exc, render.ImagesBusy):  # every renderer taken: a clean refusal, retry soon
            response.headers["Retry-After"] = str(exc.retry_after)
        return response, 503

    @api.get("/healthz")
    def healthz() -> Response:
        return Response("ok", mimetype="text/plain")

    @api.get("/api/v1/summary.json")
    def summary() -> Response:
        state = view()
        return jsonify(
            {
                "edition": state.edition,
                "region": state.region,
                "indicators": headline_counts(dataset, state.edition, state.region),
            }
        )

    @api.get("/api/v1/coverage.csv")
    def coverage_csv() -> Response:
        state, indicator = coverage_args()
        bom = "bom" if flag("bom") else ""
        data = built("coverage.csv", state.edition, state.region, indicator, bom)
        return download(data, "text/csv", filename(state, "csv", indicator))

    @api.get("/api/v1/coverage.json")
    def coverage_json() -> Response:
        state, indicator = coverage_args()
        return download(built("coverage.json", state.edition, state.region, indicator), "application/json")

    @api.get("/api/v1/coverage.xlsx")
    def coverage_xlsx() -> Response:
        state, indicator = coverage_args()
        data = built("coverage.xlsx", state.edition, state.region, indicator, provenance(state))
        return download(data, XLSX, filename(state, "xlsx", indicator, lang=True))

    @api.get("/api/v1/data.csv")
    def data_csv() -> Response:
        view(allow_all_editions=True)
        bom = "bom" if flag("bom") else ""
        return download(
            built("data.csv", "all", "world", None, bom), "text/csv", "harm-reduction-atlas_data.csv"
        )

    @api.get("/api/v1/bundle.zip")
    def bundle() -> Response:
        state = view(allow_all_editions=True)
        data = built("bundle.zip", "all", "world", None, provenance(state))
        return download(data, "application/zip", "harm-reduction-atlas.zip")

    @api.get("/api/v1/datapackage.json")
    def datapackage() -> Response:
        view(allow_all_editions=True)
        return download(built("datapackage.json", "all", "world", None), "application/json")

    @api.get("/api/v1/data/<name>")
    def data_file(name: str) -> Response | tuple[Response, int]:
        """Each file the served datapackage.json names (its ``path`` is ``data/<file>``)."""
        if name not in served_files(dataset):
            allowed = ", ".join(served_files(dataset))
            return jsonify({"error": f"no data file '{name[:80]}'", "allowed": allowed}), 404
        return download(built("data/" + name, "all", "world", None), "text/csv", name)

    @api.get("/api/v1/atlas.sqlite")
    def atlas_sqlite() -> Response:
        """The whole dataset as SQLite: tables with keys, a wide view per edition."""
        view(allow_all_editions=True)
        data = built("atlas.sqlite", "all", "world", None)
        return download(data, "application/vnd.sqlite3", "harm-reduction-atlas.sqlite")

    def map_image(fmt: str) -> Response:
        state = view()
        preset_name = request.args.get("preset", "slide").strip().lower() or "slide"
        if preset_name not in images.PRESETS:
            raise ParamError("preset", preset_name, list(images.PRESETS))
        preset = images.PRESETS[preset_name]
        url = view_url(state)

        def build():
            texts = images.texts_for_view(dataset, state, url)
            return images.export_figure(images.map_for_view(dataset, state), texts, preset), fmt, preset

        try:
            data = image_cache.get((url, preset_name, fmt), build)
        except render.ImagesBusy:  # not a failure: the queue is full, the client is told when to retry
            raise
        except render.ImagesUnavailable as exc:  # render.py logged the traceback; this says which view
            logger.error("image export failed for view %s (preset %s, %s): %s", url, preset_name, fmt, exc)
            raise
        compared = f"_vs-{state.compare}" if state.compare else ""
        name = (
            f"harm-reduction-atlas_{state.indicator}_{state.edition}{compared}_{state.region}"
            f"_{preset_name}_{state.lang}.{fmt}"
        )
        return download(data, MIMETYPES[fmt], name, attachment=False)

    @api.get("/api/v1/map.png")
    def map_png() -> Response:
        return map_image("png")

    @api.get("/api/v1/map.svg")
    def map_svg() -> Response:
        return map_image("svg")

    return api


def register(server: Flask, dataset: Dataset) -> None:
    server.register_blueprint(create_blueprint(dataset))
