"""Turning export figures into PNG/SVG bytes: one warm kaleido (Chromium) per process, and a cache.

Geometry comes from ``assets/geo`` as a file URL (kaleido's ``topojson`` option), and MathJax is
off, so rendering never touches the network.

Why not kaleido's own sync server (``kaleido.start_sync_server`` / ``calc_fig_sync``, kaleido 1.5)?
It takes the browser path and the ``topojson`` option, but it has no timeout, its shared FIFO
queues mix up the answers of concurrent callers, and when Chromium fails to start in its thread
every later call blocks forever (``Queue.join`` never returns; tried with ``path="/bin/false"``).
The loop below keeps a timeout, a restart after a failure and a 503 instead of a hung worker.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from cachetools import LRUCache

from dashboard.core.config import ROOT
from dashboard.views.images import Preset

GEO_DIR = ROOT / "assets" / "geo"
BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "chrome"]
RENDER_TIMEOUT = 60  # seconds for one image (a cold start included)

logger = logging.getLogger(__name__)


def get_browser_path(names: list[str]) -> str | None:
    """The first of ``names`` found on ``PATH`` (a module-level function: tests patch it)."""
    for name in names:
        if found := shutil.which(name):
            return found
    return None


class ImagesUnavailable(RuntimeError):
    """No browser to render with (or it failed): the API answers 503."""


class Renderer:
    """Renders figures with one long-lived kaleido (Chromium) on a background event loop."""

    def __init__(self, geo_dir: Path = GEO_DIR) -> None:
        self._topojson = geo_dir.resolve().as_uri() + "/"
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None

    def _start(self) -> None:
        browser = get_browser_path(BROWSER_NAMES)
        if not browser or not Path(browser).exists():
            logger.error("image export: no Chromium found on PATH (tried %s)", ", ".join(BROWSER_NAMES))
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
            logger.exception("image export: Chromium at %s could not start", browser)
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
        """The image bytes; ``ImagesUnavailable`` (logged with its traceback) when rendering fails."""
        with self._lock:
            if self._loop is None:
                self._start()
            loop, kaleido = self._loop, self._kaleido
        assert loop is not None  # _start set it or raised
        opts = {"format": fmt, "width": preset.width, "height": preset.height, "scale": preset.scale}
        future = asyncio.run_coroutine_threadsafe(
            kaleido.calc_fig(fig, opts=opts, topojson=self._topojson), loop
        )
        try:
            return future.result(RENDER_TIMEOUT)
        except Exception as exc:
            logger.exception(
                "image export: rendering failed (%s, %dx%d at scale %s); restarting Chromium",
                fmt,
                preset.width,
                preset.height,
                preset.scale,
            )
            with self._lock:
                self.close()
            raise ImagesUnavailable(f"The image could not be rendered ({type(exc).__name__}).") from exc


RENDERER = Renderer()  # one browser per process, started by the first image request


class ImageCache:
    """Rendered bytes per (view URL, preset, format), least recently used dropped first.

    ``cachetools`` owns the LRU order and eviction; a failed render raises and is not cached.
    """

    def __init__(self, renderer: Renderer, size: int = 32) -> None:
        self.renderer, self.size = renderer, size
        self._items: LRUCache[tuple[str, str, str], bytes] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str], build: Callable[[], tuple[go.Figure, str, Preset]]) -> bytes:
        with self._lock:
            data = self._items.get(key)  # a hit counts as a use (LRU order)
        if data is None:  # rendered outside the lock: a slow image does not block cached ones
            fig, fmt, preset = build()
            data = self.renderer.render(fig, fmt, preset)
            with self._lock:
                self._items[key] = data
        return data
