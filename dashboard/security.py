"""Response headers that every route gets: no sniffing, a referrer policy, and framing rules.

Only ``/embed`` may be framed by any site; everything else allows framing by itself only.
"""

from __future__ import annotations

from flask import Flask, Response, request

EMBED_PATHS = ("/embed",)


def register(server: Flask) -> None:
    @server.after_request
    def headers(response: Response) -> Response:
        embeddable = request.path.rstrip("/") in EMBED_PATHS
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Content-Security-Policy"] = (
            "frame-ancestors " + ("*" if embeddable else "'self'") + "; object-src 'none'; base-uri 'self'"
        )
        if not embeddable:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
