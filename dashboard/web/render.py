"""Turning export figures into PNG/SVG bytes: one warm kaleido (Chromium) per process, and a cache.

Geometry comes from ``assets/geo`` as a file URL (kaleido's ``topojson`` option), and MathJax is
off, so rendering never touches the network.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
from choreographer.utils._which import get_browser_path

from dashboard.core.config import ROOT
from dashboard.views.images import Preset

GEO_DIR = ROOT / "assets" / "geo"
BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "chrome"]
RENDER_TIMEOUT = 60  # seconds for one image (a cold start included)


class ImagesUnavailable(RuntimeError):
    """No browser to render with (or it failed): the API answers 503."""


class Renderer:
    """Renders figures with one long-lived kaleido (Chromium) on a background event loop."""

    def __init__(self, geo_dir: Path = GEO_DIR) -> None:
        self._topojson = geo_dir.resolve().as_uri() + "/"
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _start(self) -> None:
        browser = get_browser_path(BROWSER_NAMES)
        if not browser or not Path(browser).exists():
            raise ImagesUnavailable("Image export needs Chromium, which is not installed on this server.")
        from kaleido import Kaleido  # imported late: only image requests need it

        async def open_kaleido():
            kaleido = Kaleido(mathjax=False, path=browser)
            await kaleido.open()
            return kaleido

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_kaleido(), loop).result(RENDER_TIMEOUT)
        except Exception as exc:
            loop.call_soon_threadsafe(loop.stop)
            raise ImagesUnavailable(
                f"Chromium could not start for image export ({type(exc).__name__})."
            ) from exc
        self._loop = loop
        atexit.register(self.close)

    def close(self) -> None:
        """Shut the browser down (at exit, or after a failed render so the next one restarts it)."""
        loop, kaleido = self._loop, self._kaleido
        self._loop = self._kaleido = None
        if loop is None:
            return
        with contextlib.suppress(Exception):  # closing a broken browser must not raise
            asyncio.run_coroutine_threadsafe(kaleido.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)

    def render(self, fig: go.Figure, fmt: str, preset: Preset) -> bytes:
        with self._lock:
            if self._loop is None:
                self._start()
            loop, kaleido = self._loop, self._kaleido
        opts = {"format": fmt, "width": preset.width, "height": preset.height, "scale": preset.scale}
        future = asyncio.run_coroutine_threadsafe(
            kaleido.calc_fig(fig, opts=opts, topojson=self._topojson), loop
        )
        try:
            return future.result(RENDER_TIMEOUT)
        except Exception as exc:
            with self._lock:
                self.close()
            raise ImagesUnavailable(f"The image could not be rendered ({type(exc).__name__}).") from exc


RENDERER = Renderer()  # one browser per process, started by the first image request


class ImageCache:
    """Rendered bytes per (view URL, preset, format), least recently used dropped first."""

    def __init__(self, renderer: Renderer, size: int = 32) -> None:
        self.renderer, self.size = renderer, size
        self._items: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str], build: Callable[[], tuple[go.Figure, str, Preset]]) -> bytes:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        fig, fmt, preset = build()
        data = self.renderer.render(fig, fmt, preset)
        with self._lock:
            self._items[key] = data
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return data
