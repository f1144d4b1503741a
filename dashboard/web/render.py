"""Turning export figures into PNG/SVG bytes without starving the site.

The parts, from the request inward:

- :class:`ImageCache`: rendered bytes per (view URL, preset, format, data version), in memory (a
  small LRU per process) and on disk (``ATLAS_IMAGE_CACHE``), shared by every worker: a view
  rendered once answers at once from any worker, also after a restart.
- a *backend* that admits or refuses a render before the figure is even built:
  :class:`LocalBackend` (one process: ``python app.py``, tests) or, under gunicorn,
  :class:`RemoteBackend`, a client of the one render service of the host
  (:func:`serve`, started by ``gunicorn.conf.py`` next to the workers). Either way there is a
  fixed number of renderers (``ATLAS_RENDERERS`` kaleido tabs in one Chromium), a queue of at
  most ``ATLAS_RENDER_QUEUE`` waiting images, and :class:`ImagesBusy` (503 with ``Retry-After``)
  for the next one, so image requests never pile up in the request threads.
- :class:`Renderer`: one warm kaleido (Chromium) on a background event loop, with a timeout per
  image (``ATLAS_RENDER_TIMEOUT``, well under gunicorn's), a restart after a failure, a restart
  every ``RECYCLE_AFTER`` images, and closed after ``ATLAS_RENDER_IDLE`` seconds without work,
  which gives its memory back.

Geometry comes from ``assets/geo`` as a file URL (kaleido's ``topojson`` option), and MathJax is
off, so rendering never touches the network. SVG path coordinates are rounded to 0.1 px
(:func:`compact_svg`): plotly writes 13 decimals, which made a world map 2 MB.

Why not kaleido's own sync server (``kaleido.start_sync_server`` / ``calc_fig_sync``, kaleido 1.5)?
It has no timeout, its shared FIFO queues mix up the answers of concurrent callers, and when
Chromium fails to start in its thread every later call blocks forever.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import hashlib
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any, Protocol

from cachetools import LRUCache

from dashboard.core.config import ROOT
from dashboard.views.images import PRESETS, Preset

GEO_DIR = ROOT / "assets" / "geo"
BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "chrome"]


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


RENDERERS = max(1, int(_env_number("ATLAS_RENDERERS", 2)))  # images rendered at once, per host
QUEUE = max(0, int(_env_number("ATLAS_RENDER_QUEUE", 4)))  # images waiting for a renderer
RENDER_TIMEOUT = _env_number("ATLAS_RENDER_TIMEOUT", 20)  # s for one image once it has a renderer
START_TIMEOUT = 45.0  # s for Chromium to start (a loaded 2-core machine took 30)
IDLE_SECONDS = _env_number("ATLAS_RENDER_IDLE", 20)  # close Chromium after this long without work
RECYCLE_AFTER = 200  # images per Chromium before a fresh one (bounds its memory growth)
RETRY_AFTER = 5  # s, said to a client refused because the queue is full
CACHE_VERSION = "3"  # bump when the export dressing changes, so cached images are redrawn
CACHE_FILES = 2000  # images kept on disk; the least recently written go first
SOCKET_ENV, KEY_ENV, CACHE_ENV = "ATLAS_RENDER_SOCKET", "ATLAS_RENDER_KEY", "ATLAS_IMAGE_CACHE"

logger = logging.getLogger(__name__)


def get_browser_path(names: list[str]) -> str | None:
    """The first of ``names`` found on ``PATH`` (a module-level function: tests patch it)."""
    for name in names:
        if found := shutil.which(name):
            return found
    return None


class ImagesUnavailable(RuntimeError):
    """No browser to render with (or it failed): the API answers 503."""


class ImagesBusy(ImagesUnavailable):
    """Every renderer and queue place is taken: 503 with ``Retry-After``."""

    retry_after = RETRY_AFTER


_SVG_PATH = re.compile(rb' d="([^"]*)"')
_LONG_NUMBER = re.compile(rb"(\d\.\d)\d+")


def compact_svg(data: bytes) -> bytes:
    """``data`` with the numbers of every path rounded down to one decimal (0.1 px: invisible)."""
    return _SVG_PATH.sub(lambda m: b' d="' + _LONG_NUMBER.sub(rb"\1", m.group(1)) + b'"', data)


def figure_dict(fig: Any) -> dict:
    """A figure as plain JSON-able data (what kaleido and the render service take)."""
    return fig if isinstance(fig, dict) else fig.to_plotly_json()


class Renderer:
    """Renders figures with one long-lived kaleido (Chromium, ``tabs`` pages) on a background loop."""

    def __init__(
        self, geo_dir: Path = GEO_DIR, tabs: int = RENDERERS, idle: float = IDLE_SECONDS, warm: bool = False
    ) -> None:
        self._topojson = geo_dir.resolve().as_uri() + "/"
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None
        self.tabs, self.idle, self.warm = tabs, idle, warm  # warm: a fresh Chromium waits when idle
        self.nice = 0  # the render service sets 10: its Chromium yields the CPU to request workers
        self._busy, self._done, self._last = 0, 0, time.monotonic()
        self._closer: threading.Timer | None = None

    def _start(self) -> None:
        browser = get_browser_path(BROWSER_NAMES)
        if not browser or not Path(browser).exists():
            logger.error("image export: no Chromium found on PATH (tried %s)", ", ".join(BROWSER_NAMES))
            raise ImagesUnavailable("Image export needs Chromium, which is not installed on this server.")
        from kaleido import Kaleido  # imported late: only image requests need it

        tabs = self.tabs

        async def open_kaleido():
            kaleido = Kaleido(n=tabs, mathjax=False, path=browser, timeout=RENDER_TIMEOUT)
            await kaleido.open()
            return kaleido

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
        if self.nice:  # Linux nice values are per thread: Chromium, started from the loop's thread,
            loop.call_soon_threadsafe(_lower_priority, self.nice)  # yields the CPU to the site
        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_kaleido(), loop).result(START_TIMEOUT)
        except Exception as exc:
            loop.call_soon_threadsafe(loop.stop)
            logger.exception("image export: Chromium at %s could not start", browser)
            raise ImagesUnavailable(
                f"Chromium could not start for image export ({type(exc).__name__})."
            ) from exc
        self._loop = loop
        self._done = 0
        atexit.register(self.close)

    def close(self) -> None:
        """Shut the browser down (idle, at exit, or after a failed render so the next one restarts it)."""
        loop, kaleido = self._loop, self._kaleido
        self._loop = self._kaleido = None
        if loop is None:
            return
        with contextlib.suppress(Exception):  # closing a broken browser must not raise
            asyncio.run_coroutine_threadsafe(kaleido.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)

    @property
    def running(self) -> bool:
        return self._loop is not None

    def warm_up(self) -> None:
        """Start Chromium now (the render service does at start and after each idle close)."""
        with self._lock, contextlib.suppress(ImagesUnavailable):  # logged; the next image retries
            if self._loop is None:
                self._start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._busy == 0 and time.monotonic() - self._last >= self.idle * 0.99:
                logger.info("image export: Chromium idle for %.0f s, closed", self.idle)
                self.close()
        if self.warm:  # its memory is given back; a fresh one (about 200 MB) waits for the next image
            self.warm_up()

    def render(self, fig: Any, fmt: str, preset: Preset) -> bytes:
        """The image bytes; ``ImagesUnavailable`` (logged with its traceback) when rendering fails."""
        with self._lock:
            if self._loop is not None and self._busy == 0 and self._done >= RECYCLE_AFTER:
                self.close()  # a fresh Chromium now and then: its memory does not creep up
            if self._loop is None:
                self._start()
            loop, kaleido = self._loop, self._kaleido
            self._busy += 1
            self._done += 1
        assert loop is not None  # _start set it or raised
        opts = {"format": fmt, "width": preset.width, "height": preset.height, "scale": preset.scale}
        future = asyncio.run_coroutine_threadsafe(
            kaleido.calc_fig(figure_dict(fig), opts=opts, topojson=self._topojson), loop
        )
        try:
            data = future.result(RENDER_TIMEOUT + 5)
        except Exception as exc:
            future.cancel()
            logger.exception(
                "image export: rendering failed (%s, %dx%d at scale %s); restarting Chromium",
                fmt,
                preset.width,
                preset.height,
                preset.scale,
            )
            with self._lock:
                self._busy -= 1
                self.close()
            raise ImagesUnavailable(f"The image could not be rendered ({type(exc).__name__}).") from exc
        with self._lock:
            self._busy -= 1
            self._last = time.monotonic()
            if self._closer:
                self._closer.cancel()
            if self.idle > 0:
                self._closer = threading.Timer(self.idle, self._close_if_idle)
                self._closer.daemon = True
                self._closer.start()
        return compact_svg(data) if fmt == "svg" else data


def _lower_priority(increment: int) -> None:
    with contextlib.suppress(OSError):
        os.nice(increment)


RENDERER = Renderer(tabs=1)  # this process's (no render service): started by its first image


class Gate:
    """At most ``renderers`` renders at once and ``queue`` more waiting; the next is refused at once."""

    def __init__(self, renderers: int = RENDERERS, queue: int = QUEUE) -> None:
        self._places = threading.BoundedSemaphore(renderers + queue)
        self._renderers = threading.BoundedSemaphore(renderers)

    @contextlib.contextmanager
    def place(self) -> Iterator[None]:
        """A place in the queue, or ``ImagesBusy`` without waiting."""
        if not self._places.acquire(blocking=False):
            raise ImagesBusy("Every image renderer is busy.")
        try:
            yield
        finally:
            self._places.release()

    @contextlib.contextmanager
    def renderer(self, wait: float) -> Iterator[None]:
        """A renderer within ``wait`` seconds (holding a place), or ``ImagesBusy``."""
        if not self._renderers.acquire(timeout=wait):
            raise ImagesBusy("No image renderer was free in time.")
        try:
            yield
        finally:
            self._renderers.release()


RenderFn = Callable[[Any, str, Preset], bytes]


class Backend(Protocol):
    def job(self) -> contextlib.AbstractContextManager[RenderFn]: ...


class LocalBackend:
    """Renders in this process, through its :class:`Gate`."""

    def __init__(self, renderer: Renderer, gate: Gate | None = None) -> None:
        self.renderer, self.gate = renderer, gate or Gate()

    @contextlib.contextmanager
    def job(self) -> Iterator[RenderFn]:
        with self.gate.place():

            def run(fig: Any, fmt: str, preset: Preset) -> bytes:
                with self.gate.renderer(wait=RENDER_TIMEOUT):
                    return self.renderer.render(fig, fmt, preset)

            yield run


class RemoteBackend:
    """A client of the host's render service: a place is asked for before the figure is built."""

    def __init__(self, address: str, key: bytes) -> None:
        self.address, self.key = address, key

    @contextlib.contextmanager
    def job(self) -> Iterator[RenderFn]:
        try:
            conn = Client(self.address, family="AF_UNIX", authkey=self.key)
        except OSError as exc:
            logger.error("image export: the render service at %s does not answer (%s)", self.address, exc)
            raise ImagesUnavailable("The image service is not running.") from exc
        with conn:
            conn.send(("place",))
            answer = _receive(conn, 10)
            if answer[0] == "busy":
                raise ImagesBusy(answer[1])

            def run(fig: Any, fmt: str, preset: Preset) -> bytes:
                conn.send(("render", figure_dict(fig), fmt, (preset.width, preset.height, preset.scale)))
                kind, payload = _receive(conn, 2 * RENDER_TIMEOUT + 10)
                if kind == "ok":
                    return payload
                if kind == "busy":
                    raise ImagesBusy(payload)
                raise ImagesUnavailable(payload)

            yield run


def _receive(conn: Connection, timeout: float) -> Any:
    if not conn.poll(timeout):
        raise ImagesUnavailable("The image service did not answer in time.")
    try:
        return conn.recv()
    except (EOFError, OSError) as exc:
        raise ImagesUnavailable("The image service closed the connection.") from exc


def backend_from_env(renderer: Renderer) -> Backend:
    """The render service when gunicorn.conf.py started one (``ATLAS_RENDER_SOCKET``), else local."""
    address = os.environ.get(SOCKET_ENV)
    if address:
        return RemoteBackend(address, bytes.fromhex(os.environ.get(KEY_ENV, "")))
    return LocalBackend(renderer)


def serve(address: str, key: bytes, renderer: Renderer | None = None, gate: Gate | None = None) -> None:
    """The render service: one thread per connection, one renderer and one gate for the host."""
    if renderer is None:
        renderer = Renderer(warm=True)
        renderer.nice = 10
    gate = gate or Gate()
    threading.Thread(target=renderer.warm_up, name="warm-up", daemon=True).start()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(address)
    listener = Listener(address, family="AF_UNIX", authkey=key)
    os.chmod(address, 0o600)
    logger.info("image service on %s: %d renderers, queue %d", address, gate_size(gate), QUEUE)

    def handle(conn: Connection) -> None:
        with conn, contextlib.suppress(EOFError, OSError):
            if conn.recv()[0] != "place":
                return
            try:
                place = gate.place()
                place.__enter__()
            except ImagesBusy as exc:
                conn.send(("busy", str(exc)))
                return
            try:
                conn.send(("ok", None))
                _, fig, fmt, (width, height, scale) = conn.recv()
                reply: tuple[str, bytes | str]
                try:
                    with gate.renderer(wait=RENDER_TIMEOUT):
                        reply = ("ok", renderer.render(fig, fmt, Preset(width, height, scale)))
                except ImagesBusy as exc:
                    reply = ("busy", str(exc))
                except ImagesUnavailable as exc:
                    reply = ("error", str(exc))
            finally:  # the place is free once the image is made, before the client reads it
                place.__exit__(None, None, None)
            conn.send(reply)

    while True:
        try:
            conn = listener.accept()
        except OSError:  # a client that failed the handshake
            continue
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def gate_size(gate: Gate) -> int:
    return gate._renderers._initial_value  # type: ignore[attr-defined]


def data_version(dataset: Any) -> str:
    """What cached images depend on besides the view: the data, the translations, the dressing code."""
    import pandas as pd

    digest = hashlib.sha256()
    for frame in (dataset.status, dataset.countries, dataset.totals, dataset.editions, dataset.sources):
        digest.update(pd.util.hash_pandas_object(frame, index=True).values.tobytes())
    for path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        digest.update(path.read_bytes())
    digest.update((ROOT / "dashboard" / "views" / "images.py").read_bytes())
    digest.update((ROOT / "dashboard" / "views" / "describe.py").read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where rendered images are kept for every worker of the host (``ATLAS_IMAGE_CACHE``; set by
    gunicorn.conf.py). Unset: memory only (one process, e.g. ``python app.py`` and the tests)."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else None


class ImageCache:
    """Rendered bytes per (view URL, preset, format): a small LRU here, the rest on a shared disk.

    ``version`` (the data's) is part of every key, so new data never answers with old pictures.
    A failed render raises and is not cached.
    """

    def __init__(
        self,
        renderer: Renderer,
        size: int = 32,
        version: str = "",
        directory: Path | None = None,
        backend: Backend | None = None,
    ) -> None:
        self.renderer, self.size, self.version = renderer, size, version
        self.backend = backend or backend_from_env(renderer)
        self.directory = directory if directory is not None else cache_dir()
        self._items: LRUCache[tuple[str, str, str], bytes] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def _path(self, key: tuple[str, str, str]) -> Path:
        assert self.directory is not None
        digest = hashlib.sha256("\n".join((CACHE_VERSION, self.version, *key)).encode()).hexdigest()
        return self.directory / f"{digest[:40]}.{key[2]}"

    def _read(self, key: tuple[str, str, str]) -> bytes | None:
        if self.directory is None:
            return None
        with contextlib.suppress(OSError):
            return self._path(key).read_bytes()
        return None

    def _write(self, key: tuple[str, str, str], data: bytes) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self._path(key)
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False, suffix=".part") as part:
                part.write(data)
            os.replace(part.name, path)
            files = sorted(self.directory.iterdir(), key=lambda p: p.stat().st_mtime)
            for old in files[: max(0, len(files) - CACHE_FILES)]:
                old.unlink(missing_ok=True)
        except OSError as exc:  # a full or read-only disk costs a re-render later, never an error
            logger.warning("image cache: could not write to %s (%s)", self.directory, exc)

    def peek(self, key: tuple[str, str, str]) -> bytes | None:
        """The bytes if they are made (here or, on the shared disk, by any worker); never renders."""
        with self._lock:
            data = self._items.get(key)
        if data is None and (data := self._read(key)) is not None:
            with self._lock:
                self._items[key] = data
        return data

    def get(
        self,
        key: tuple[str, str, str],
        build: Callable[[], tuple[Any, str, Preset]],
        finish: Callable[[bytes], bytes] | None = None,
    ) -> bytes:
        """The bytes of ``key``: cached, or rendered from ``build()`` (then passed through ``finish``)."""
        with self._lock:
            data = self._items.get(key)  # a hit counts as a use (LRU order)
        if data is None:
            data = self._read(key)
        if data is None:  # admitted (or refused) before the figure is built: a refusal costs nothing
            with self.backend.job() as render:
                fig, fmt, preset = build()
                data = render(fig, fmt, preset)
            data = finish(data) if finish else data
            self._write(key, data)
        with self._lock:
            self._items[key] = data
        return data


def render_png(fig: Any, preset: str | Preset = "slide") -> bytes:
    """A PNG of ``fig`` at ``preset`` (a name of :data:`PRESETS` or a :class:`Preset`), through the
    host's renderers like every image (``ImagesBusy`` when they are all taken)."""
    size = PRESETS[preset] if isinstance(preset, str) else preset
    with backend_from_env(RENDERER).job() as render:
        return render(fig, "png", size)


def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.web.render --socket PATH``: the render service (key in ATLAS_RENDER_KEY)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--socket", required=True)
    args = parser.parse_args(argv)
    for noisy in ("kaleido", "choreographer", "logistro"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # exit through atexit: Chromium is closed
    serve(args.socket, bytes.fromhex(os.environ[KEY_ENV]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
