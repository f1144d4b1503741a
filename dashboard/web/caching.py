"""Compression and HTTP caching, so a repeat visit or an API poll costs a 304 or a few kilobytes.

Compression is flask-compress, the library behind ``Dash(compress=True)``; it is set up here
instead because Dash's switch keeps flask-compress's default list of types, which leaves out CSV.
Cache rules: assets Dash fingerprints (``?m=<mtime>``) are kept for a year; other assets (the map
geometry) for a day, then revalidated by ETag; API answers carry an ``ETag`` (unless their route
set one) and may be reused for a few minutes, as the data only changes when the server restarts;
pages are always revalidated, as they name the current bundles.
"""

from __future__ import annotations

from dash import Dash
from flask import Response, request
from flask_compress import Compress

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
# Brotli first (a third smaller than gzip on plotly.js at level 6, in ~30 ms), gzip for the rest;
# flask-compress would otherwise prefer zstd at a level that compresses no better than gzip.
COMPRESSION = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_ALGORITHM_STREAMING": ["br", "deflate"],  # static files; gzip cannot stream here
    "COMPRESS_BR_LEVEL": 6,
}


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


def register(app: Dash) -> None:
    """Compress responses and set cache headers on ``app.server``."""
    server = app.server
    prefix = app.config.routes_pathname_prefix
    server.config.update(COMPRESSION, COMPRESS_MIMETYPES=COMPRESSED_TYPES)
    Compress(server)  # registered first, so its after_request runs last, on the final body

    @server.after_request
    def caching(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        value = cache_control(request.path, prefix, "m" in request.args)
        if value and (request.path.startswith(prefix + "assets/") or "Cache-Control" not in response.headers):
            response.headers["Cache-Control"] = value  # assets: replaces send_file's "no-cache"
        if request.path.startswith(prefix + "api/") and not response.is_streamed:
            if "ETag" not in response.headers:
                response.add_etag()
            response.make_conditional(request)
        return response
