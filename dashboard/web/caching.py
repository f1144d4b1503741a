"""Compression and HTTP caching, so a repeat visit or an API poll costs a 304 or a few kilobytes.

Compression is flask-compress, the library behind ``Dash(compress=True)``; it is set up here
instead because Dash's switch keeps flask-compress's default list of types, which leaves out CSV.
Cache rules: assets Dash fingerprints (``?m=<mtime>``) are kept for a year; other assets (the map
geometry) for a day, then revalidated by ETag; API answers carry an ``ETag`` (unless their route
set one) and may be reused for a few minutes, as the data only changes when the server restarts;
pages are always revalidated, as they name the current bundles.

Static files (``assets/`` and Dash's component bundles) are compressed once per process and
encoding, then served from memory (:class:`Precompressed`): a cold page load asks for some twenty
of them at once, and compressing plotly.js (1.4 MB) and the rest anew for every visitor kept both
cores busy while the browser waited for its scripts.

An API answer is made conditional on every request, so that path is kept cheap: a request that
asks nothing conditional (most polls) skips werkzeug's ``make_conditional`` for what it would do
then (a ``Date`` header, formatted once a second, and the ``Content-Length``). The API's downloads
use the same helper.
"""

from __future__ import annotations

import gzip
import threading
import time

import brotli
from cachetools import LRUCache
from dash import Dash
from flask import Request, Response, request
from flask_compress import Compress
from werkzeug.http import http_date

YEAR = 365 * 24 * 3600
ASSET_MAX_AGE = 24 * 3600
API_MAX_AGE = 300
# Everything text-like the Atlas serves: pages, bundles, JSON (API, topojson), CSV, SVG.
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "image/x-icon",
    "image/vnd.microsoft.icon",
]
BR_LEVEL = 6
# Brotli first (a third smaller than gzip on plotly.js at level 6, in ~30 ms), gzip for the rest;
# flask-compress would otherwise prefer zstd at a level that compresses no better than gzip.
COMPRESSION = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_ALGORITHM_STREAMING": ["br", "deflate"],  # static files; gzip cannot stream here
    "COMPRESS_BR_LEVEL": BR_LEVEL,
}


# The request headers that can make ``make_conditional`` answer other than a plain 200: without
# them it only adds headers. (If-Range matters only beside a Range.)
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_RANGE")
_dates: dict[int, tuple[int, str]] = {}  # offset -> (second, its HTTP date): formatted once a second


def http_date_in(seconds: int = 0) -> str:
    """``http_date(int(time() + seconds))``, memoised per second (``Date``, ``Expires``)."""
    now = int(time.time())
    second, text = _dates.get(seconds, (None, ""))
    if second != now:
        text = http_date(now + seconds)
        _dates[seconds] = (now, text)
    return text


def make_conditional(
    response: Response, req: Request, accept_ranges: bool = False, complete_length: int | None = None
) -> Response:
    """``response.make_conditional(req, accept_ranges, complete_length)``, without its work for a
    request with no conditional or range header: it then only adds ``Date``, ``Accept-Ranges``
    and ``Content-Length`` (each where werkzeug would), and the status stays 200."""
    environ = req.environ
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or any(h in environ for h in CONDITIONAL_HEADERS):
        response.make_conditional(req, accept_ranges, complete_length)  # returns itself
        return response
    headers = response.headers
    if "Date" not in headers:
        headers["Date"] = http_date_in(0)
    if accept_ranges:
        headers["Accept-Ranges"] = "bytes" if accept_ranges is True else accept_ranges
    if response.automatically_set_content_length and "Content-Length" not in headers:
        length = response.calculate_content_length()
        if length is not None:
            headers["Content-Length"] = str(length)
    return response


def cache_control(path: str, prefix: str, fingerprinted: bool) -> str | None:
    """The ``Cache-Control`` value for a successful response to ``path`` (None: leave as is)."""
    if path == prefix + "_favicon.ico":
        return f"public, max-age={ASSET_MAX_AGE}"
    if path.startswith(prefix + "assets/"):
        return f"public, max-age={YEAR}, immutable" if fingerprinted else f"public, max-age={ASSET_MAX_AGE}"
    if path.startswith(prefix + "api/"):
        return f"public, max-age={API_MAX_AGE}"
    if path == prefix + "healthz":
        return "no-store"
    if path.startswith(prefix + "_dash-"):
        return None  # Dash sets its own (a year on fingerprinted bundles)
    return "no-cache"


class Precompressed:
    """Compressed bytes of static files per (path with query, encoding), kept in memory (LRU, by size).

    A file's URL names its version (Dash's ``?m=<mtime>`` or ``.v<version>m<mtime>``), and a file
    without one changes only with a deploy, which restarts the server."""

    ENCODINGS = ("br", "gzip")

    def __init__(self, max_bytes: int = 32 * 1000 * 1000, br_level: int = 6) -> None:
        self._items: LRUCache[tuple[str, str], bytes] = LRUCache(maxsize=max_bytes, getsizeof=len)
        self._lock = threading.Lock()
        self.br_level = br_level

    def compress(self, data: bytes, encoding: str) -> bytes:
        return brotli.compress(data, quality=self.br_level) if encoding == "br" else gzip.compress(data, 6)

    def apply(self, response: Response, req: Request) -> Response:
        """``response`` (a whole 200 of a text type) sent compressed from memory, when it can be."""
        encoding = req.accept_encodings.best_match(self.ENCODINGS)
        if (
            encoding is None
            or req.method != "GET"
            or response.status_code != 200
            or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSED_TYPES
        ):
            return response
        key = (req.full_path, encoding)
        with self._lock:
            data = self._items.get(key)
        response.direct_passthrough = False  # a file response: read it (once), or drop it
        if data is None:
            data = self.compress(response.get_data(), encoding)
            with self._lock:
                self._items[key] = data
        else:
            response.close()
        response.set_data(data)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:  # another representation of the same file: a weak validator
            response.set_etag(etag, weak=True)
        return response


def register(app: Dash) -> None:
    """Compress responses and set cache headers on ``app.server``."""
    server = app.server
    prefix = app.config.routes_pathname_prefix
    server.config.update(COMPRESSION, COMPRESS_MIMETYPES=COMPRESSED_TYPES)
    Compress(server)  # registered first, so its after_request runs last, on the final body
    api, assets = prefix + "api/", prefix + "assets/"
    static = (assets, prefix + "_dash-component-suites/")
    precompressed = Precompressed(br_level=BR_LEVEL)

    @server.after_request
    def compressed_once(response: Response) -> Response:
        if request.path.startswith(static) and "Range" not in request.headers:
            return precompressed.apply(response, request)
        return response

    @server.after_request
    def caching(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        path, headers = request.path, response.headers
        value = cache_control(path, prefix, "m" in request.args)
        if value and (path.startswith(assets) or "Cache-Control" not in headers):
            headers["Cache-Control"] = value  # assets: replaces send_file's "no-cache"
        if path.startswith(api) and not response.is_streamed:
            if "ETag" not in headers:
                response.add_etag()
            make_conditional(response, request)
        return response
