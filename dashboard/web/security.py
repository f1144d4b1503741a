"""Response headers, error pages and unknown paths: what a hostile or unlucky request gets back.

Every response gets ``nosniff``, a referrer policy and a Content-Security-Policy. Only ``/embed``
may be framed by any site; everything else allows framing by itself only. Scripts may come from
this origin and from the inline scripts Dash renders (allowed by hash, see ``Dash.csp_hashes``),
never from ``eval`` (the geo traces of plotly.js need none); Dash and plotly set inline styles,
hence ``'unsafe-inline'`` for styles only. An unexpected exception is a plain 500 with no
traceback, whatever the debug setting (the traceback goes to the log, with the method, path and
exception type), and a path the Atlas does not serve is a 404 rather than Dash's catch-all page.

Dash's own routes are guarded too: an unknown ``/_dash-component-suites/<pkg>/<file>`` is a plain
404, and a ``/_dash-update-component`` body that is not a callback request this app registered
(no ``output``, malformed JSON, inputs of the wrong shape or number) is a 400 naming the problem,
before Dash parses it. A well-formed request whose values the callback cannot use (a number where
the page sends a query string, say) is also a 400; its traceback is logged at ERROR, so a real
bug in a callback is still seen by whoever reads the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)

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


def _is_prop(item: Any) -> bool:
    """``{"id": ..., "property": "..."}``: one input, state or output of a callback request."""
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str | dict)
        and isinstance(item.get("property"), str)
    )


def _is_dependency(item: Any) -> bool:
    """One prop, or the list of props a pattern-matching (``ALL``) dependency expands to."""
    return _is_prop(item) or (isinstance(item, list) and all(_is_prop(i) for i in item))


def callback_body_error(body: Any, callback_map: dict[str, Any]) -> str | None:
    """Why ``body`` is not a request for one of ``callback_map``'s callbacks, or None if it is."""
    if not isinstance(body, dict):
        return "The body must be a JSON object."
    output = body.get("output")
    if not isinstance(output, str):
        return "The body must name the callback's `output`."
    callback = callback_map.get(output)
    if callback is None:
        return "No callback has this `output`."
    for key in ("inputs", "state"):
        items, expected = body.get(key, []), len(callback[key])
        if not isinstance(items, list) or len(items) != expected or not all(map(_is_dependency, items)):
            return f"`{key}` must list the callback's {expected} dependencies as id/property objects."
    outputs = body.get("outputs", [])
    multi = isinstance(callback["output"], list | tuple)
    if multi:
        if not isinstance(outputs, list) or len(outputs) != len(callback["output"]):
            return f"`outputs` must list the callback's {len(callback['output'])} outputs."
        if not all(map(_is_dependency, outputs)):
            return "`outputs` must be id/property objects."
    elif not _is_dependency(outputs):
        return "`outputs` must be an id/property object."
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(i, str) for i in changed):
        return "`changedPropIds` must be a list of strings."
    return None


def guard_dash_routes(app: Dash) -> None:
    """Make Dash's component-suite and callback routes answer bad requests with 404/400, not 500."""
    server: Flask = app.server
    prefix = app.config.routes_pathname_prefix
    suites = prefix + "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"
    dispatch = prefix + "_dash-update-component"
    serve_suite: Callable[..., Any] = server.view_functions[suites]

    @functools.wraps(serve_suite)
    def component_suite(package_name: str, fingerprinted_path: str) -> Any:
        try:
            return serve_suite(package_name=package_name, fingerprinted_path=fingerprinted_path)
        except (DependencyException, OSError, KeyError):  # not registered, or not in the package
            abort(404)

    server.view_functions[suites] = component_suite
    run_callback: Callable[..., Any] = server.view_functions[dispatch]

    @functools.wraps(run_callback)
    def callback(*args: Any, **kwargs: Any) -> Any:
        try:
            return run_callback(*args, **kwargs)
        except HTTPException:
            raise
        except Exception as exc:
            logger.error(
                "callback %.120s failed on its inputs (%s: %s); body %.300s",
                (request.get_json(silent=True) or {}).get("output"),
                type(exc).__name__,
                exc,
                request.get_data(as_text=True),
                exc_info=exc,
            )
            response = jsonify({"error": "The callback could not use these input values."})
            response.status_code = 400
            return response

    server.view_functions[dispatch] = callback

    @server.before_request
    def callback_request() -> Response | None:
        if request.endpoint != dispatch or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        problem = callback_body_error(body, app.callback_map)
        if problem is None:
            return None
        logger.info("refused callback request (%s): %.200s", problem, request.get_data(as_text=True))
        response = jsonify({"error": problem})
        response.status_code = 400
        return response


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
    guard_dash_routes(app)

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
        logger.error(
            "500 on %s %s (%s: %s)",
            request.method,
            request.full_path,
            type(exc).__name__,
            exc,
            exc_info=exc,
        )
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
