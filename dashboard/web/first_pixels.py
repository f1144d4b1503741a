"""First pixels: a server-rendered picture of a view's map, on screen before plotly.js has drawn it.

The dashboard's map is drawn in the browser by plotly.js, which first has to download and run
about 1.4 MB of script. Until then the page (its first screen is static HTML, see
``dashboard.app.index_page``) shows a picture of that very map, rendered on the server from the
same figure by the image renderers (``dashboard.web.render``), cut to the map's extent, in WebP
(about 90 KB for the world):

- ``GET /first-pixels/map.webp?<view>&v=<data version>`` answers the picture of a view, from the
  shared image cache (memory, then the disk every worker shares), or renders it. The version is in
  the URL, so the picture is cached by the browser for a year and new data gets a new URL.
- :meth:`Pictures.url` gives a page that URL only when the picture is already made; otherwise it
  queues the view for the one background thread and the page goes without (the map box keeps its
  size and colour until plotly.js draws). A page never waits for a picture.
- :meth:`Pictures.prerender` queues the landing view of every map layer at start. The picture does
  not depend on the language (the map has no words on it; names are in hover labels), so one
  picture serves the landing view in every language.

The thread renders one picture at a time, so pictures never take more than one of the host's
renderers from visitors' image downloads; when every renderer is taken it waits and tries again.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import IO

import numpy as np
from flask import Flask, Response, jsonify, request
from PIL import Image
from werkzeug.datastructures import MultiDict

from dashboard.core.indicators import MAP_INDICATORS
from dashboard.core.regions import WORLD
from dashboard.core.state import ParamError, ViewState
from dashboard.dataset.load import Dataset
from dashboard.views.describe import parse_query
from dashboard.views.figures import WORLD_LATITUDES
from dashboard.views.images import Preset
from dashboard.web import render

PRESET = Preset(1600, 615)  # the map's box on a laptop (aspect 2.6, legend beside it)
FORMAT = "webp"
QUALITY = 80  # WebP: flat colours and thin borders stay clean; the world is about 90 KB
PATH = "/first-pixels/map.webp"
YEAR = 365 * 24 * 3600
QUEUED_AT_MOST = 64  # views waiting for a picture; more are dropped (their pages go without)
RETRIES = 5

logger = logging.getLogger(__name__)

Figure = Callable[[ViewState], dict]


def frame_figure(figure: dict, state: ViewState) -> dict:
    """The box plotly.js fits into the map's box, drawn alone: black dots at its edges (the top and
    bottom latitudes and the antimeridian at the equator for the world; a region's range corners)
    and a red dot at the point plotly.js puts in the middle of the map's box."""
    geo = figure["layout"].get("geo", {})
    lat = geo.get("lataxis", {}).get("range") or WORLD_LATITUDES
    lon = geo.get("lonaxis", {}).get("range")
    middle = (lat[0] + lat[1]) / 2
    if state.region == WORLD or not lon:
        lons, lats, centre = [0, 0, -180, 180], [lat[1], lat[0], middle, middle], 0.0
    else:
        lons, lats = (
            [lon[0], lon[1], lon[0], lon[1], lon[0], lon[1]],
            [lat[0], lat[0], lat[1], lat[1], middle, middle],
        )
        centre = (lon[0] + lon[1]) / 2

    def dots(lon: Sequence[float], lat: Sequence[float], colour: str) -> dict:
        return {
            "type": "scattergeo",
            "lon": lon,
            "lat": lat,
            "mode": "markers",
            "marker": {"size": 3, "color": colour},
        }

    layout = {**figure["layout"], "geo": {**geo, "showland": False}}
    return {"data": [dots(lons, lats, "#000000"), dots([centre], [middle], "#ff0000")], "layout": layout}


def crop_box(png: bytes) -> tuple[int, int, int, int] | None:
    """From a picture of :func:`frame_figure`: the box to cut a picture to, so that cut and fitted
    into the page's box the way plotly.js fits the map (``object-fit: contain``, 96 %), it lies where
    plotly.js draws it. That is the fitted box's width, and a height centred on the red dot."""
    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGBA")).astype(int)
    drawn = pixels[..., 3] > 128
    red = drawn & (pixels[..., 0] > 200) & (pixels[..., 1] < 100)
    black = drawn & (pixels[..., 0] < 100) & (pixels[..., 1] < 100)
    if not red.any() or not black.any():
        return None
    ys, xs = np.nonzero(black)
    middle = float(np.nonzero(red)[0].mean())
    top, bottom = ys.min() + 1, ys.max() - 1  # dot centres (the dots are 3 px)
    half = max(middle - top, bottom - middle)
    return int(xs.min()) + 1, round(middle - half), int(xs.max()), round(middle + half)  # right: exclusive


def cropped_webp(png: bytes, box: tuple[int, int, int, int] | None) -> bytes:
    """The rendered map cut to ``box`` (the fitted box, so it lines up with the drawn map), as WebP.

    plotly.js fits that box into 96 % of whatever box the page gives the map; cut to it, the picture
    fits the same way with ``object-fit: contain`` (assets/first_screen.css), at any size.
    """
    with Image.open(io.BytesIO(png)) as image:
        rgba = image.convert("RGBA")
        out = io.BytesIO()
        (rgba.crop(box) if box else rgba).save(out, "WEBP", quality=QUALITY, method=4)
        return out.getvalue()


def picture_state(state: ViewState) -> ViewState:
    """The view a picture shows: the map of ``state``, whatever the page's language."""
    return state.with_(lang=ViewState().lang, view="map")


class Pictures:
    """The first pictures of one dataset's views: their URLs, their bytes, the background renders."""

    def __init__(
        self,
        dataset: Dataset,
        figure: Figure,
        cache: render.ImageCache | None = None,
        background: bool = True,
    ) -> None:
        """``background``: render missing pictures in a background thread (the served app); without
        it (tests, tools) a page shows a picture only if one was made, and nothing starts Chromium."""
        self.dataset, self.figure, self.background = dataset, figure, background
        self.version = render.data_version(dataset)
        self.cache = cache or render.ImageCache(render.RENDERER, size=64, version=self.version)
        self.digest = hashlib.sha256(f"{render.CACHE_VERSION}:{self.version}".encode()).hexdigest()[:12]
        self._queue: queue.Queue[tuple[ViewState, int]] = queue.Queue(maxsize=QUEUED_AT_MOST)
        self._queued: set[ViewState] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._frames: dict[str, tuple[int, int, int, int] | None] = {}
        self._lock_file: IO[str] | None = None

    @staticmethod
    def key(state: ViewState) -> tuple[str, str, str]:
        return (picture_state(state).url(""), f"first-pixels-{PRESET.width}x{PRESET.height}", FORMAT)

    def path(self, state: ViewState, prefix: str = "/") -> str:
        query = picture_state(state).url("").lstrip("?")
        return f"{prefix.rstrip('/')}{PATH}?{query}{'&' if query else ''}v={self.digest}"

    def ready(self, state: ViewState) -> bool:
        return self.cache.peek(self.key(state)) is not None

    def bytes_of(self, state: ViewState) -> bytes:
        """The picture (rendered now if it is not cached; ``ImagesBusy`` when renderers are taken)."""
        figure = self.figure(picture_state(state))
        return self.cache.get(
            self.key(state),
            lambda: (figure, "png", PRESET),
            finish=lambda png: cropped_webp(png, self.frame(figure, state)),
        )

    def frame(self, figure: dict, state: ViewState) -> tuple[int, int, int, int] | None:
        """Where the fitted box lies in a picture of ``figure`` (rendered once per map layout)."""
        frame = frame_figure(figure, state)
        key = json.dumps(frame, sort_keys=True, default=str)
        if key not in self._frames:
            with self.cache.backend.job() as draw:
                self._frames[key] = crop_box(draw(frame, "png", PRESET))
        return self._frames[key]

    def url(self, state: ViewState, prefix: str = "/") -> str | None:
        """The picture's URL if it is made, else None (and it is queued, so the next page has it)."""
        if self.ready(state):
            return self.path(state, prefix)
        self.queue(state)
        return None

    def queue(self, state: ViewState, attempt: int = 0) -> None:
        if not self.background:
            return
        state = picture_state(state)
        with self._lock:
            if state in self._queued and attempt == 0:
                return
            try:
                self._queue.put_nowait((state, attempt))
            except queue.Full:
                return
            self._queued.add(state)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="first-pixels", daemon=True)
                self._thread.start()

    def prerender(self) -> None:
        """Queue the landing view of every map layer (the default layer first). With a cache shared
        by several workers, one of them does it (a lock file); the others find the pictures there."""
        if not self._first_to_prerender():
            return
        default = ViewState()
        for indicator in [default.indicator, *[i for i in MAP_INDICATORS if i != default.indicator]]:
            self.queue(default.with_(indicator=indicator))

    def _first_to_prerender(self) -> bool:
        directory = self.cache.directory
        if directory is None:
            return True
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._lock_file = open(directory / f".prerender-{self.digest}.lock", "w")  # noqa: SIM115
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while this process lives
        except OSError:
            return False
        return True

    def _work(self) -> None:
        while True:
            try:
                state, attempt = self._queue.get(timeout=30)
            except queue.Empty:
                return  # nothing to do: the thread ends, the next queued view starts another
            try:
                if not self.ready(state):
                    self.bytes_of(state)
            except render.ImagesBusy as busy:  # visitors' images first: wait, then try again
                if attempt < RETRIES:
                    time.sleep(busy.retry_after)
                    self.queue(state, attempt + 1)
                    continue
            except render.ImagesUnavailable:
                logger.warning("first pixels: no picture of %s", state.url("") or "the landing view")
            except Exception:  # a picture is a nicety: never let it take the thread down
                logger.exception("first pixels: rendering %s failed", state.url(""))
            with self._lock:
                self._queued.discard(state)

    def wait(self, timeout: float = 60) -> bool:
        """Block until the queue is empty (tests and benchmarks); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._queued:
                    return True
            time.sleep(0.1)
        return False


def register(server: Flask, dataset: Dataset, pictures: Pictures) -> None:
    """The picture route: any worker answers it from the shared cache (or renders it)."""

    @server.get(PATH)
    def first_picture() -> Response | tuple[Response, int]:
        try:
            view = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k != "v"])
            state, _ = parse_query(view, dataset, strict=True)  # a repeated parameter: 400, as the API
        except ParamError as exc:
            return jsonify(exc.as_json()), 400
        try:
            data = pictures.bytes_of(state)
        except render.ImagesUnavailable as exc:
            response = Response(str(exc), status=503, mimetype="text/plain")
            if isinstance(exc, render.ImagesBusy):
                response.headers["Retry-After"] = str(exc.retry_after)
            return response, 503
        response = Response(data, mimetype="image/webp")
        if request.args.get("v") == pictures.digest:  # this data's picture: the same bytes for ever
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "public, max-age=300"
        return response
