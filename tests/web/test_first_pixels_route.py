"""First pixels: where a picture is cut, which pages name one, and the route that serves it.

Rendering is replaced by a fake backend drawing with Pillow (the real renderer is exercised by
tests/browser/test_first_pixels.py)."""

from __future__ import annotations

import contextlib
import io

import pytest
from flask import Flask
from PIL import Image, ImageDraw

from dashboard.core.state import ViewState
from dashboard.web import first_pixels, render
from dashboard.web.first_pixels import Pictures, crop_box, cropped_webp, frame_figure

SIZE = (400, 200)


def png(draw) -> bytes:
    image = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw(ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def frame_png(top=20, bottom=170, left=30, right=370, middle=100) -> bytes:
    def draw(d):
        for x, y in ((200, top), (200, bottom), (left, 95), (right, 95)):
            d.rectangle((x - 1, y - 1, x + 1, y + 1), fill=(0, 0, 0, 255))
        d.rectangle((199, middle - 1, 201, middle + 1), fill=(255, 0, 0, 255))

    return png(draw)


def test_the_cut_is_the_fitted_width_and_a_height_centred_where_plotly_centres():
    # top 20, bottom 170, centre 100: 80 above and 70 below, so the cut reaches 80 both ways
    assert crop_box(frame_png()) == (30, 20, 371, 180)  # from dot centre to dot centre (PIL: right exclusive)
    assert crop_box(png(lambda d: None)) is None  # nothing drawn: no cut


def test_a_cut_picture_is_webp_of_the_box():
    picture = cropped_webp(
        png(lambda d: d.rectangle((0, 0, 399, 199), fill=(0, 114, 178, 255))), (30, 20, 370, 180)
    )
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "WEBP" and image.size == (340, 160)


def test_the_frame_marks_the_world_edges_and_the_centre():
    figure = {"data": [{"type": "choropleth"}], "layout": {"geo": {"lataxis": {"range": [-58, 85]}}}}
    frame = frame_figure(figure, ViewState())
    edges, centre = frame["data"]
    assert (edges["lon"], edges["lat"]) == ([0, 0, -180, 180], [85, -58, 13.5, 13.5])
    assert (centre["lon"], centre["lat"]) == ([0.0], [13.5])
    assert frame["layout"]["geo"]["showland"] is False


class FakeBackend:
    """Draws a frame picture for frame figures and a flat map for the rest; can refuse."""

    def __init__(self) -> None:
        self.renders: list[str] = []
        self.busy = False

    @contextlib.contextmanager
    def job(self):
        if self.busy:
            raise render.ImagesBusy("busy")

        def run(fig, fmt, preset):
            frame = len(fig["data"]) == 2 and fig["data"][1]["marker"]["color"] == "#ff0000"
            self.renders.append("frame" if frame else "map")
            if frame:
                return frame_png()
            return png(lambda d: d.rectangle((0, 0, 399, 199), fill=(230, 159, 0, 255)))

        yield run


@pytest.fixture()
def pictures(dataset):
    backend = FakeBackend()
    cache = render.ImageCache(render.RENDERER, version="test", directory=None, backend=backend)
    figure = {"data": [], "layout": {"geo": {"lataxis": {"range": [-58, 85]}}}}
    return Pictures(dataset, lambda state: figure, cache=cache, background=False), backend


def test_a_page_names_a_picture_only_once_it_is_made(pictures):
    pics, backend = pictures
    oat = ViewState(indicator="oat")
    assert pics.url(oat) is None and backend.renders == []  # no background: nothing rendered
    pics.bytes_of(oat)
    assert backend.renders == ["map", "frame"]
    url = pics.url(oat.with_(lang="ar"), "/atlas/")  # the same picture in every language
    assert url == f"/atlas/first-pixels/map.webp?indicator=oat&v={pics.digest}"
    pics.bytes_of(ViewState(indicator="dcr"))
    assert backend.renders == ["map", "frame", "map"]  # the frame of a world map is measured once


def test_the_route_serves_the_picture_for_a_year_and_refuses_clearly(pictures, dataset):
    pics, backend = pictures
    server = Flask(__name__)
    first_pixels.register(server, dataset, pics)
    client = server.test_client()
    response = client.get(f"/first-pixels/map.webp?indicator=oat&v={pics.digest}")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    stale = client.get("/first-pixels/map.webp?indicator=oat&v=old")  # another data version's URL
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "public, max-age=300"
    bad = client.get("/first-pixels/map.webp?indicator=<script>")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "indicator"
    twice = client.get("/first-pixels/map.webp?indicator=oat&indicator=dcr")
    assert twice.status_code == 400 and twice.get_json()["parameter"] == "indicator"
    backend.busy = True
    busy = client.get("/first-pixels/map.webp?indicator=dcr")
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"


def test_the_served_app_names_no_picture_until_one_is_made(client):
    import threading

    # a view no test renders: its page has the first screen but no picture, and nothing was queued
    # (tests build the app without background renders: a page never starts Chromium)
    page = client.get("/?indicator=prison_oat&edition=2022&region=asia").get_data(as_text=True)
    assert "first-pixels/map.webp" not in page
    assert '<div class="first-screen"' in page
    assert not any(t.name == "first-pixels" for t in threading.enumerate())


def test_one_worker_of_a_host_prerenders(dataset, tmp_path):
    """Workers sharing the image cache: the first takes the lock and prerenders, the others don't."""

    def pictures() -> Pictures:
        cache = render.ImageCache(render.RENDERER, version="test", directory=tmp_path, backend=FakeBackend())
        return Pictures(dataset, lambda state: {"data": [], "layout": {}}, cache=cache)

    first, second = pictures(), pictures()
    assert first._first_to_prerender() is True
    assert second._first_to_prerender() is False
