"""Shared fixtures: the real dataset, a Flask test client, and a live server + headless Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.core.config import ROOT
from dashboard.dataset.load import Dataset, load_dataset
from dashboard.web.factory import create_app

DATA_DIR = ROOT / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def app():
    return create_app(DATA_DIR)


@pytest.fixture()
def client(app):
    return app.server.test_client()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


class LiveServer:
    """The app served by werkzeug in a background thread on a free loopback port."""

    def __init__(self, wsgi_app) -> None:
        self._server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[LiveServer]:
    server = LiveServer(app.server)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """A page plus what it did: console errors and requests that left the test server."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                self.external_requests.append(r.url)
                if not r.url.startswith((origin, "data:", "blob:", "about:"))
                else None
            ),
        )


@pytest.fixture()
def page(browser, live_server) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = PageWatch(context.new_page(), live_server.url)
    yield watch
    context.close()


@pytest.fixture()
def make_data(tmp_path: Path):
    """``tests.factories.make_dataset`` writing into this test's tmp_path."""
    from factories import make_dataset

    counter = iter(range(1_000))

    def build(rows=(), **kwargs) -> Dataset:
        kwargs.setdefault("directory", tmp_path / f"data-{next(counter)}")
        return make_dataset(rows, **kwargs)

    return build
