"""Rendering without starving the site: the gate, the render service protocol, the shared disk
cache, idle release and the 503 + Retry-After answer. No Chromium here (fake renderers); the real
renders are in tests/views/test_images.py and tests/browser/test_image_legends.py."""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from pathlib import Path

import pytest

from dashboard.core.config import ROOT
from dashboard.views.images import PRESETS, Preset
from dashboard.web import render
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"
SLIDE = PRESETS["slide"]


class SlowRenderer(render.Renderer):
    """Answers ``b"<fmt>:<width>"`` after waiting for ``release`` (or at once when it is set)."""

    def __init__(self) -> None:
        super().__init__(idle=0)
        self.release = threading.Event()
        self.calls = 0

    def render(self, fig, fmt: str, preset: Preset) -> bytes:
        self.calls += 1
        assert self.release.wait(10)
        return f"{fmt}:{preset.width}".encode()


class FakeKaleido:
    async def calc_fig(self, fig, opts=None, topojson=None):
        return b'<svg><path d="M562.7460753118173,408.98416893422836L-3.14159,2.5"/></svg>'

    async def close(self):
        pass


class FakeChromiumRenderer(render.Renderer):
    def _start(self) -> None:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()
        self._loop, self._kaleido = loop, FakeKaleido()


def test_svg_paths_are_rounded_to_a_tenth_of_a_pixel():
    svg = b'<svg><path d="M562.7460753118173,408.98416893422836L-3.14159,2.5" class="x.123456"/></svg>'
    assert render.compact_svg(svg) == b'<svg><path d="M562.7,408.9L-3.1,2.5" class="x.123456"/></svg>'


def test_gate_refuses_at_once_beyond_renderers_plus_queue():
    gate = render.Gate(renderers=1, queue=1)
    with gate.place(), gate.place():
        start = time.perf_counter()
        with pytest.raises(render.ImagesBusy), gate.place():
            pass
        assert time.perf_counter() - start < 0.1  # refused without waiting
    with gate.place(), gate.renderer(wait=1), pytest.raises(render.ImagesBusy), gate.renderer(wait=0.05):
        pass  # places are given back; a second renderer is not there


def test_renderer_closes_chromium_when_idle_and_rounds_svg():
    renderer = FakeChromiumRenderer(idle=0.2)
    assert renderer.render({"data": []}, "svg", SLIDE) == b'<svg><path d="M562.7,408.9L-3.1,2.5"/></svg>'
    assert renderer.running
    time.sleep(0.6)
    assert not renderer.running  # memory given back
    warm = FakeChromiumRenderer(idle=0.2, warm=True)
    warm.render({"data": []}, "png", SLIDE)
    first = warm._kaleido
    time.sleep(0.6)
    assert warm.running and warm._kaleido is not first  # a fresh browser waits for the next image


def test_the_render_service_renders_for_clients_and_refuses_when_full(tmp_path):
    address, key = str(tmp_path / "render.sock"), secrets.token_bytes(16)
    slow = SlowRenderer()
    threading.Thread(
        target=render.serve, args=(address, key, slow, render.Gate(renderers=1, queue=0)), daemon=True
    ).start()
    for _ in range(50):
        if Path(address).exists():
            break
        time.sleep(0.05)
    client = render.RemoteBackend(address, key)
    results: list[bytes] = []

    def first() -> None:
        with client.job() as run:
            results.append(run({"data": []}, "png", SLIDE))

    thread = threading.Thread(target=first)
    thread.start()
    for _ in range(100):
        if slow.calls:
            break
        time.sleep(0.02)
    with pytest.raises(render.ImagesBusy), client.job():  # the one place is taken: refused before building
        pytest.fail("a refused job must not run")
    slow.release.set()
    thread.join(5)
    assert results == [b"png:1920"]
    with client.job() as run:  # the place was given back
        assert run({"data": []}, "svg", PRESETS["square"]) == b"svg:1080"
    with (
        pytest.raises(render.ImagesUnavailable),
        render.RemoteBackend(str(tmp_path / "none.sock"), key).job(),
    ):
        pass


def test_disk_cache_is_shared_between_processes_and_keyed_by_data_version(tmp_path):
    renderer = SlowRenderer()
    renderer.release.set()
    built: list[int] = []

    def build():
        built.append(1)
        return {"data": []}, "png", SLIDE

    def cache(version: str) -> render.ImageCache:
        return render.ImageCache(
            renderer, version=version, directory=tmp_path, backend=render.LocalBackend(renderer)
        )

    key = ("https://atlas.example/?indicator=dcr", "slide", "png")
    assert cache("v1").get(key, build) == b"png:1920"
    assert cache("v1").get(key, build) == b"png:1920"  # another worker: from disk, nothing built
    assert len(built) == 1 and renderer.calls == 1
    assert cache("v2").get(key, build) == b"png:1920"  # new data: drawn again
    assert len(built) == 2 and len(list(tmp_path.glob("*.png"))) == 2


def test_a_full_queue_is_a_503_with_retry_after(monkeypatch):
    slow = SlowRenderer()
    monkeypatch.setattr(
        render, "backend_from_env", lambda renderer: render.LocalBackend(slow, render.Gate(1, 0))
    )
    client = create_app(MINI).server.test_client()
    answers = []
    thread = threading.Thread(target=lambda: answers.append(client.get("/api/v1/map.png?indicator=oat")))
    thread.start()
    for _ in range(200):
        if slow.calls:
            break
        time.sleep(0.02)
    busy = client.get("/api/v1/map.svg?indicator=dcr")
    slow.release.set()
    thread.join(10)
    assert busy.status_code == 503 and busy.headers["Retry-After"] == str(render.RETRY_AFTER)
    assert "busy" in busy.get_json()["error"]
    assert answers[0].status_code == 200 and answers[0].get_data() == b"png:1920"


def test_render_png_is_the_public_way_to_a_png(monkeypatch):
    slow = SlowRenderer()
    slow.release.set()
    monkeypatch.setattr(render, "backend_from_env", lambda renderer: render.LocalBackend(slow))
    assert render.render_png({"data": []}, "square") == b"png:1080"
    assert render.render_png({"data": []}, Preset(100, 50)) == b"png:100"
