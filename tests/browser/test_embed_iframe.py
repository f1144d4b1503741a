"""A page on another origin embeds /embed with the published snippet: the map draws, the iframe
takes the height the embed posts, and no request leaves the two local servers."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dashboard.app.share import embed_code

pytestmark = pytest.mark.browser


@pytest.fixture(params=["indicator=dcr&edition=2024"])
def host_page(request, tmp_path: Path, live_server) -> Iterator[str]:
    """A plain HTML page served from a second origin (another port) holding the iframe snippet."""
    snippet = embed_code(
        f"{live_server.url}/embed?{request.param}",
        f"{live_server.url}/assets/embed-host.js",
        "Drug consumption rooms map",
    )
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Partner</title>"
        "<link rel='icon' href='data:,'></head><body>"
        f"<h1>Partner page</h1><p>Before.</p>{snippet}<p>After.</p></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@contextlib.contextmanager
def embedded_page(browser, live_server, host_page: str):
    """The host page open in Chromium with the embed drawn: (page, embed frame, off-server requests,
    console errors), the two lists filled while the test runs."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith((live_server.url, host_page, "data:", "about:", "blob:"))
            else None
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{host_page}/index.html")
        page.frame_locator("iframe[data-hra-embed]").locator("#hra-map[data-drawn=true]").wait_for(
            timeout=20_000
        )
        yield page, next(f for f in page.frames if "/embed" in f.url), outside, errors
    finally:
        context.close()


def test_embed_draws_and_resizes_in_a_foreign_page(browser, live_server, host_page):
    with embedded_page(browser, live_server, host_page) as (page, embedded, outside, errors):
        assert embedded.evaluate("document.querySelectorAll('path.choroplethlocation').length") >= 150
        content = embedded.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        page.wait_for_function(
            f"Math.abs(document.querySelector('iframe').getBoundingClientRect().height - {content}) <= 1",
            timeout=5_000,
        )
        assert content != 640  # the iframe took the posted height, not the snippet's default
        assert outside == []
        assert errors == []


@pytest.mark.parametrize("host_page", ["view=trend&indicator=oat"], indirect=True)
def test_trend_embed_draws_in_a_foreign_page(browser, live_server, host_page):
    """The trend view embeds like the map: drawn from this server's geo bundle, nothing from outside."""
    with embedded_page(browser, live_server, host_page) as (_, embedded, outside, errors):
        assert "countries per edition" in embedded.evaluate("document.querySelector('h1').textContent")
        assert embedded.evaluate("document.querySelectorAll('#hra-map .scatterlayer .trace').length") >= 2
        assert outside == []
        assert errors == []
