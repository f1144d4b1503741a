"""Security headers, error pages, unknown paths and a path prefix (Flask test client)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from dashboard.core.config import from_env
from dashboard.web.factory import create_app

PAGES = ["/", "/api/v1/summary.json", "/api/v1/coverage.csv", "/healthz", "/assets/geo/world_50m.json"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def csp(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: sources}."""
    parts = (p.split() for p in response.headers["Content-Security-Policy"].split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize("path", [*PAGES, "/no-such-page"])
def test_every_response_has_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = csp(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_only_embed_may_be_framed_by_other_sites(client):
    response = client.get("/embed")
    assert csp(response)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response.headers


def test_script_policy_allows_dash_inline_scripts_by_hash_and_nothing_looser(client):
    response = client.get("/")
    sources = csp(response)["script-src"]
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources and "*" not in sources
    html = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)  # IE-only comments
    inline = INLINE_SCRIPT.findall(html)
    assert inline, "Dash renders its renderer as an inline script"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in sources, script[:80]


def test_production_settings_have_debug_off(app):
    assert from_env({}).debug is False
    assert app.server.debug is False


def test_an_unexpected_exception_is_a_plain_500_without_traceback():
    app = create_app()

    @app.server.get("/boom")
    def boom():
        raise RuntimeError("secret internals /work/main/dashboard")

    app.server.testing = True  # would re-raise without an error handler
    response = app.server.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "secret internals" not in body and "RuntimeError" not in body
    assert response.mimetype == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/no-such-page", "/admin", "/../etc/passwd", "/embed/extra", "/api/v1/nope.json", "/.env"]
)
def test_unknown_paths_are_404_not_the_dashboard(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "_dash-config" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/", "/embed", "/_dash-layout", "/_dash-dependencies", "/_favicon.ico", "/_reload-hash"]
)
def test_pages_and_dash_routes_still_work(client, path):
    assert client.get(path).status_code == 200


def test_dash_callbacks_still_work(client):
    deps = client.get("/_dash-dependencies").get_json()
    assert deps, "the dashboard registers callbacks"
    assert client.post("/_dash-update-component", json={}).status_code != 404


def test_a_path_prefix_reaches_bundles_and_geometry(monkeypatch):
    """Behind a proxy that strips ``/atlas/`` (docs/operations.md), every URL the page uses works."""
    monkeypatch.setenv("DASH_REQUESTS_PATHNAME_PREFIX", "/atlas/")
    app = create_app()
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert urls and all(u.startswith("/atlas/") for u in urls)
    assert all(client.get(u.removeprefix("/atlas")).status_code == 200 for u in urls)
    layout = client.get("/_dash-layout").get_data(as_text=True).replace("\\u002f", "/")
    assert '"topojsonURL":"/atlas/assets/geo/"' in layout
    assert client.get("/assets/geo/world_50m.json").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_wrong_method_on_the_api_is_json_405(client, method):
    response = getattr(client, method)("/api/v1/summary.json")
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert "GET" in response.get_json()["allowed"] and "GET" in response.headers["Allow"]
    assert "Traceback" not in response.get_data(as_text=True)
