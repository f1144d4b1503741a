"""gunicorn settings for the Atlas (read by ``gunicorn app:server`` from the repository root).

The production command is ``.venv/bin/gunicorn app:server``; see docs/operations.md. Command-line
options override these (``-w``, ``-b``, ``--threads``). Besides the workers, the master starts ONE
image render service for the host (``python -m dashboard.web.render``, a child of the master on a
private Unix socket): a fixed number of warm Chromium renderers and a bounded queue shared by every
worker, so images cannot take the request threads or the memory of the site. It is restarted if
it dies and stopped with the master.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

bind = "127.0.0.1:8050"
workers = 2  # processes; each holds the data (~115 MB) and answers pages and the API
worker_class = "gthread"  # a slow client or an image waiting for a renderer holds a thread, not a process
threads = 16  # per worker: more than the render places of the host (renderers + queue), so
# images waiting for a renderer can never hold every thread of a worker
timeout = 60  # s; an image gives up long before (ATLAS_RENDER_TIMEOUT, 20 s)
graceful_timeout = 20
keepalive = 5

_service: dict[str, object] = {}


def _spawn() -> subprocess.Popen:
    command = [sys.executable, "-m", "dashboard.web.render", "--socket", os.environ["ATLAS_RENDER_SOCKET"]]
    return subprocess.Popen(command, cwd=Path(__file__).resolve().parent, start_new_session=True)


def _watch() -> None:
    while not _service.get("stopping"):
        time.sleep(2)
        process = _service.get("process")
        if (
            isinstance(process, subprocess.Popen)
            and process.poll() is not None
            and not _service.get("stopping")
        ):
            sys.stderr.write(f"image render service exited ({process.returncode}); restarting it\n")
            _service["process"] = _spawn()


def on_starting(server) -> None:
    """Start the render service before the workers fork, so they inherit its address and key."""
    directory = Path(tempfile.mkdtemp(prefix="atlas-render-"))
    os.environ["ATLAS_RENDER_SOCKET"] = str(directory / "render.sock")
    os.environ["ATLAS_RENDER_KEY"] = secrets.token_hex(16)
    os.environ.setdefault(
        "ATLAS_IMAGE_CACHE", str(Path(tempfile.gettempdir()) / f"atlas-images-{os.getuid()}")
    )
    _service["process"] = _spawn()
    for _ in range(100):  # up to 10 s for the socket to appear
        if Path(os.environ["ATLAS_RENDER_SOCKET"]).exists():
            break
        time.sleep(0.1)
    threading.Thread(target=_watch, name="render-watch", daemon=True).start()


def on_exit(server) -> None:
    """Stop the render service and its Chromium with the master."""
    _service["stopping"] = True
    process = _service.get("process")
    if not isinstance(process, subprocess.Popen):
        return
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=8)
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)  # Chromium, if it outlived the service
