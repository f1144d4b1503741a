"""Compression, cache headers and what the first load fetches (Flask test client)."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version

from dashboard.core.config import ROOT

GEO_BUNDLE = ROOT / "assets" / "vendor" / "plotly-geo.min.js"
GEO_TRACES = {"choropleth", "scatter", "scattergeo"}  # the modules of plotly.js's geo bundle


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "text/html"),
        ("/api/v1/coverage.csv", "text/csv"),
        ("/api/v1/coverage.json", "application/json"),
        ("/assets/geo/world_50m.json", "application/json"),
    ],
)
def test_text_responses_are_compressed(client, path, kind):
    response = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert response.mimetype == kind
    assert response.headers.get("Content-Encoding") in ("gzip", "br")
    assert "Accept-Encoding" in response.headers["Vary"]


def test_dash_bundles_are_compressed_and_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)
    assert bundles and len(bundles) == len(set(bundles)), "no bundle is loaded twice"
    response = client.get(bundles[0], headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_geometry_is_cached_and_revalidated(client):
    first = client.get("/assets/geo/world_50m.json")
    assert first.headers["Cache-Control"] == "public, max-age=86400"
    again = client.get("/assets/geo/world_50m.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("path", ["/api/v1/summary.json?edition=2022", "/api/v1/coverage.csv?region=asia"])
def test_api_answers_carry_an_etag_and_answer_304(client, path):
    first = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert "max-age" in first.headers["Cache-Control"]
    etag = first.headers["ETag"]
    again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304
    assert not again.data


def test_pages_and_health_are_not_kept_by_caches(client):
    assert client.get("/").headers["Cache-Control"] == "no-cache"
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"


def test_the_page_uses_the_geo_bundle_of_the_bundled_plotly_version(client):
    head = GEO_BUNDLE.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (geo - minified) v{get_plotlyjs_version()}" in head
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'src="/assets/vendor/plotly-geo\.min\.js\?m=\d', html)
    assert "plotly.min.js" not in html, "the full bundle is not loaded as well"


def test_the_figures_use_only_trace_types_the_geo_bundle_has():
    used = {
        name.lower()
        for path in (ROOT / "dashboard").rglob("*.py")
        for name in re.findall(r"\bgo\.([A-Z]\w+)\(", path.read_text(encoding="utf-8"))
        if name not in ("Figure", "Layout")
    }
    assert used and used <= GEO_TRACES, f"{used - GEO_TRACES}: use the full plotly.js bundle instead"


def test_the_page_preloads_the_geometry_plotly_asks_for(client, app):
    """Fetched while the scripts parse; same URL and (cors) mode as plotly.js's request, so it is used."""
    html = client.get("/").get_data(as_text=True)
    url = app.get_asset_url("geo/") + "world_50m.json"
    assert f'<link rel="preload" as="fetch" crossorigin href="{url}">' in html
    assert client.get(url).status_code == 200


def test_static_files_are_compressed_once_and_served_from_memory(client, monkeypatch):
    import brotli

    from dashboard.web.caching import Precompressed

    calls: list[str] = []
    original = Precompressed.compress
    monkeypatch.setattr(
        Precompressed, "compress", lambda self, data, enc: calls.append(enc) or original(self, data, enc)
    )
    path = "/assets/vendor/plotly-geo.min.js?m=test-once"
    raw = (ROOT / "assets" / "vendor" / "plotly-geo.min.js").read_bytes()
    first = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    second = client.get(path, headers={"Accept-Encoding": "br"})
    assert calls == ["br"]  # the second visitor gets the same bytes without compressing again
    assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == "br"
    assert first.data == second.data and brotli.decompress(second.data) == raw
    assert int(second.headers["Content-Length"]) == len(second.data) < len(raw) / 3
    assert second.headers["Vary"] == "Accept-Encoding"
    etag = second.headers["ETag"]
    assert etag.startswith('W/"')  # another representation of the file: a weak validator
    assert client.get(path, headers={"Accept-Encoding": "br", "If-None-Match": etag}).status_code == 304
    gzipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip" and calls == ["br", "gzip"]
    plain = client.get(path)
    assert "Content-Encoding" not in plain.headers and plain.data == raw
