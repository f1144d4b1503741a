"""Start gunicorn on a loopback port for the length of a ``with`` block."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def gunicorn_command(app: str, port: int, workers: int = 2) -> list[str]:
    """The production command line of docs/operations.md, on a bench port."""
    return [str(GUNICORN), app, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"]


@contextmanager
def gunicorn(app: str, port: int, probe: str = "/", workers: int = 2) -> Iterator[str]:
    """Serve ``app`` (``module:callable``) on 127.0.0.1:``port``; yield its base URL once it answers."""
    process = subprocess.Popen(gunicorn_command(app, port, workers), cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):  # up to 30 s to import the app and load the data
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn {app} exited with status {process.returncode}")
            try:
                with urllib.request.urlopen(url + probe, timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn {app} did not answer on {url}{probe}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:  # a worker still finishing a request: do not wait for it
            process.kill()
            process.wait(timeout=10)


def wait_until_prerendered(url: str, timeout_s: float = 180) -> str:
    """Wait until the Atlas at ``url`` has made the first pictures it makes at start (the landing
    view of every map layer, in the background: dashboard/web/first_pixels.py), so no figure is
    measured while that work still takes the processor. "ready", or what was still missing."""
    from dashboard.core.indicators import MAP_INDICATORS

    deadline = time.monotonic() + timeout_s
    waiting = list(MAP_INDICATORS)
    while waiting and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/?indicator={waiting[0]}", timeout=10) as response:
                named = b"first-pixels/map.webp" in response.read()
        except OSError:
            named = False
        if named:
            waiting.pop(0)
        else:
            time.sleep(1)
    return "ready" if not waiting else f"(no picture of {', '.join(waiting)} after {timeout_s:.0f} s)"
