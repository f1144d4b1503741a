"""Response headers, error pages and unknown paths: what a hostile or unlucky request gets back.

Every response gets ``nosniff``, a referrer policy and a Content-Security-Policy. Only ``/embed``
may be framed by any site; everything else allows framing by itself only. Scripts may come from
this origin and from the inline scripts Dash renders (allowed by hash, see ``Dash.csp_hashes``),
never from ``eval`` (the geo traces of plotly.js need none); Dash and plotly set inline styles,
hence ``'unsafe-inline'`` for styles only. An unexpected exception is a plain 500 with no
traceback, whatever the debug setting, and a path the Atlas does not serve is a 404 rather than
Dash's catch-all page.
"""

from __future__ import annotations

from dash import Dash
from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

EMBED_PAGE = "embed"
PAGES = ("", EMBED_PAGE)  # the pages Dash's catch-all route may serve, relative to the prefix


def content_security_policy(script_hashes: list[str], embeddable: bool) -> str:
    """The CSP header value; ``script_hashes`` are ``'sha256-…'`` sources for Dash's inline scripts."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["*" if embeddable else "'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def register(app: Dash) -> None:
    """Install the headers, the 404 rule and the 500 handler on ``app.server``.

    Call after every callback is registered: the script hashes cover Dash's inline scripts then.
    """
    server: Flask = app.server
    prefix = app.config.routes_pathname_prefix
    pages = {prefix + page for page in PAGES}
    embed_path = prefix + EMBED_PAGE
    hashes = list(app.csp_hashes())
    policies = {flag: content_security_policy(hashes, flag) for flag in (False, True)}

    @server.before_request
    def unknown_path() -> None:
        rule = request.url_rule
        if rule is None or not rule.rule.endswith("<path:path>"):
            return
        path = request.path if request.path == prefix else request.path.rstrip("/")
        if path not in pages:
            abort(404)

    @server.errorhandler(Exception)
    def plain_error(exc: Exception) -> Response | HTTPException:
        if isinstance(exc, HTTPException):
            return exc
        server.logger.exception("unhandled error on %s", request.path)
        return Response("Internal server error.\n", status=500, mimetype="text/plain")

    @server.errorhandler(405)
    def method_not_allowed(exc: HTTPException) -> Response:
        allowed = sorted(getattr(exc, "valid_methods", None) or [])
        if request.path.startswith(prefix + "api/"):
            response = jsonify({"error": f"Method {request.method} is not allowed here.", "allowed": allowed})
        else:
            response = Response("Method not allowed.\n", mimetype="text/plain")
        response.status_code = 405
        response.headers["Allow"] = ", ".join(allowed)
        return response

    @server.errorhandler(404)
    def not_found(_: HTTPException) -> Response:
        return Response("Not found.\n", status=404, mimetype="text/plain")

    @server.after_request
    def headers(response: Response) -> Response:
        embeddable = request.path.rstrip("/") == embed_path
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Content-Security-Policy"] = policies[embeddable]
        if embeddable:
            response.headers.pop("X-Frame-Options", None)
        else:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
