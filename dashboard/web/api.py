"""Flask routes for analysts and health checks: ``/healthz`` and ``/api/v1/*``.

Every route parses its parameters with the strict view parser: an unknown value is an HTTP 400
with a JSON body naming the parameter and the allowed values, never a 500. Downloads are fixed for
a given dataset and view, so their bytes are built once (memoised), with a content hash as ``ETag``
and an hour of public caching. Parameters and columns are documented in ``docs/api.md``.

The data never changes while the server runs, so the hot routes do no per-request work beyond
headers: a parsed view is memoised per query (its view parameters), ``summary.json``'s body and
``ETag`` per (edition, region), and each download's ``ETag`` with its bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import quote

import pandas as pd
from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.http import dump_options_header, generate_etag

from dashboard.core.state import ParamError, ViewState, domains
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
from dashboard.web.caching import http_date_in, make_conditional

MAX_AGE = 3600
FLAGS = ["0", "1"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"png": "image/png", "svg": "image/svg+xml"}
VIEW_PARAMETERS = frozenset(domains([], []))  # the query names the view parser reads
PARSED_VIEWS = 1024  # memoised parsed queries (bounded: unknown values are never memoised)

logger = logging.getLogger(__name__)


def etag_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


class Built(NamedTuple):
    """The bytes of a download and their ``ETag``, computed once together."""

    data: bytes
    etag: str

    @classmethod
    def of(cls, data: bytes) -> Built:
        return cls(data, etag_of(data))


@lru_cache(maxsize=1024)
def content_disposition(filename: str, attachment: bool) -> str:
    """The ``Content-Disposition`` that ``send_file`` writes: ``filename*`` for a non-ASCII name."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
        quoted = quote(filename, safe="!#$&+-.^_`|~")  # RFC 5987 attr-char
        names = {"filename": simple, "filename*": f"UTF-8''{quoted}"}
    else:
        names = {"filename": filename}
    return dump_options_header("attachment" if attachment else "inline", names)


def download(
    data: bytes,
    mimetype: str,
    filename: str | None = None,
    attachment: bool = True,
    etag: str | None = None,
) -> Response:
    """A cacheable response: content-hash ETag and 304s, an hour public, byte ranges, and a
    ``Content-Disposition`` (``filename*`` for non-ASCII names) when a file name is given.

    The response ``flask.send_file`` makes of ``io.BytesIO(data)`` (same status, headers and
    streamed body, so compression treats it alike), without its per-request work: the body is
    one chunk, and ``etag`` is ``etag_of(data)`` computed beforehand (memoised bytes: see
    :class:`Built`)."""
    response = current_app.response_class(iter((data,)), mimetype=mimetype, direct_passthrough=True)
    headers = response.headers
    if filename is not None:
        headers["Content-Disposition"] = content_disposition(filename, attachment)
    headers["Content-Length"] = str(len(data))
    headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    headers["Expires"] = http_date_in(MAX_AGE)
    response.set_etag(etag if etag is not None else etag_of(data))
    return make_conditional(response, request, accept_ranges=True, complete_length=len(data))


def download_built(built: Built, mimetype: str, filename: str | None = None) -> Response:
    """:func:`download` of memoised bytes, with their memoised ``ETag``."""
    return download(built.data, mimetype, filename, etag=built.etag)


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
        """The strictly parsed view of the request's query (a :class:`ParamError` for a bad value)."""
        # The parser reads only the view parameters (every value given, in order): they are the key.
        query = tuple((k, v) for k, v in request.args.items(multi=True) if k in VIEW_PARAMETERS)
        return parsed_view(query, allow_all_editions)

    @lru_cache(maxsize=PARSED_VIEWS)
    def parsed_view(query: tuple[tuple[str, str], ...], allow_all_editions: bool) -> ViewState:
        args = MultiDict(query)
        if allow_all_editions and args.get("edition", "").strip().lower() == "all":
            rest = MultiDict([(k, v) for k, v in query if k != "edition"])
            state, _ = parse_query(rest, dataset, strict=True)
            return state.with_(edition="all")
        state, _ = parse_query(args, dataset, strict=True)
        return state

    @cache  # one per (edition, region) of the data: a few dozen at most
    def summary_body(edition: str, region: str) -> tuple[bytes, str]:
        """``summary.json``'s body (as ``jsonify`` writes it) and its ``ETag`` (as ``add_etag`` would)."""
        data = jsonify(
            {"edition": edition, "region": region, "indicators": headline_counts(dataset, edition, region)}
        ).get_data()
        return data, generate_etag(data)

    @lru_cache(maxsize=512)
    def built(kind: str, edition: str, region: str, indicator: str | None, extra: str = "") -> Built:
        """The bytes of one download and their ETag; ``extra`` carries what else the file depends on."""

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
            return Built.of(served_files(dataset)[kind.removeprefix("data/")]())
        return Built.of(builders[kind]())

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
        data, etag = summary_body(state.edition, state.region)
        response = Response(data, mimetype="application/json")
        response.set_etag(etag)  # caching.register adds Cache-Control and answers If-None-Match
        return response

    @api.get("/api/v1/coverage.csv")
    def coverage_csv() -> Response:
        state, indicator = coverage_args()
        bom = "bom" if flag("bom") else ""
        data = built("coverage.csv", state.edition, state.region, indicator, bom)
        return download_built(data, "text/csv", filename(state, "csv", indicator))

    @api.get("/api/v1/coverage.json")
    def coverage_json() -> Response:
        state, indicator = coverage_args()
        return download_built(
            built("coverage.json", state.edition, state.region, indicator), "application/json"
        )

    @api.get("/api/v1/coverage.xlsx")
    def coverage_xlsx() -> Response:
        state, indicator = coverage_args()
        data = built("coverage.xlsx", state.edition, state.region, indicator, provenance(state))
        return download_built(data, XLSX, filename(state, "xlsx", indicator, lang=True))

    @api.get("/api/v1/data.csv")
    def data_csv() -> Response:
        view(allow_all_editions=True)
        bom = "bom" if flag("bom") else ""
        return download_built(
            built("data.csv", "all", "world", None, bom), "text/csv", "harm-reduction-atlas_data.csv"
        )

    @api.get("/api/v1/bundle.zip")
    def bundle() -> Response:
        state = view(allow_all_editions=True)
        data = built("bundle.zip", "all", "world", None, provenance(state))
        return download_built(data, "application/zip", "harm-reduction-atlas.zip")

    @api.get("/api/v1/datapackage.json")
    def datapackage() -> Response:
        view(allow_all_editions=True)
        return download_built(built("datapackage.json", "all", "world", None), "application/json")

    @api.get("/api/v1/data/<name>")
    def data_file(name: str) -> Response | tuple[Response, int]:
        """Each file the served datapackage.json names (its ``path`` is ``data/<file>``)."""
        if name not in served_files(dataset):
            allowed = ", ".join(served_files(dataset))
            return jsonify({"error": f"no data file '{name[:80]}'", "allowed": allowed}), 404
        return download_built(built("data/" + name, "all", "world", None), "text/csv", name)

    @api.get("/api/v1/atlas.sqlite")
    def atlas_sqlite() -> Response:
        """The whole dataset as SQLite: tables with keys, a wide view per edition."""
        view(allow_all_editions=True)
        data = built("atlas.sqlite", "all", "world", None)
        return download_built(data, "application/vnd.sqlite3", "harm-reduction-atlas.sqlite")

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
