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
