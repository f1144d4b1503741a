"""What the log says when something fails: enough to act on (view, preset, exception, traceback),
while the visitor sees only a plain message."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading

import pytest

from dashboard.core.config import ROOT, ConfigError, from_env
from dashboard.web import render
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"


class FailingKaleido:
    async def calc_fig(self, *args, **kwargs):
        raise ValueError("plotly.js choked on the figure")

    async def close(self):
        pass


class FailingRenderer(render.Renderer):
    """A renderer whose (fake) browser starts but fails every image."""

    def _start(self) -> None:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()
        self._loop, self._kaleido = loop, FailingKaleido()


def records(caplog, name: str, level: int = logging.ERROR) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == name and r.levelno >= level]


def test_log_level_is_read_from_the_environment():
    assert from_env({}).log_level == "INFO"
    assert from_env({"LOG_LEVEL": "debug"}).log_level == "DEBUG"
    with pytest.raises(ConfigError, match="LOG_LEVEL must be one of"):
        from_env({"LOG_LEVEL": "loud"})


def test_a_failed_render_is_logged_with_view_preset_and_traceback(monkeypatch, caplog):
    monkeypatch.setattr(render, "RENDERER", FailingRenderer())
    client = create_app(MINI).server.test_client()
    with caplog.at_level(logging.INFO):
        response = client.get("/api/v1/map.png?preset=square&region=asia")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "choked" not in body and "Traceback" not in body
    (failure,) = records(caplog, "dashboard.web.render")
    assert failure.exc_info and failure.exc_info[0] is ValueError  # the traceback, in the log
    assert "png" in failure.getMessage() and "1080x1080" in failure.getMessage()
    (request,) = records(caplog, "dashboard.web.api")
    message = request.getMessage()
    assert "region=asia" in message and "preset square" in message and "ValueError" in message


def test_missing_chromium_is_logged(monkeypatch, caplog):
    monkeypatch.setattr(render, "RENDERER", render.Renderer())
    monkeypatch.setattr(render, "get_browser_path", lambda names: None)
    client = create_app(MINI).server.test_client()
    with caplog.at_level(logging.INFO):
        assert client.get("/api/v1/map.svg?indicator=dcr").status_code == 503
    assert "no Chromium" in records(caplog, "dashboard.web.render")[0].getMessage()
    assert "indicator=dcr" in records(caplog, "dashboard.web.api")[0].getMessage()


def test_a_500_is_logged_with_method_path_and_traceback(caplog):
    app = create_app(MINI)

    @app.server.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with caplog.at_level(logging.INFO):
        response = app.server.test_client().get("/boom?x=1")
    assert response.status_code == 500 and "secret" not in response.get_data(as_text=True)
    (record,) = records(caplog, "dashboard.web.security")
    assert record.getMessage() == "500 on GET /boom?x=1 (RuntimeError: secret internals)"
    assert record.exc_info and record.exc_info[0] is RuntimeError


def test_a_refused_callback_request_is_logged_not_shown(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.post("/_dash-update-component", json={"inputs": []})
    assert response.status_code == 400
    assert (
        "refused callback request" in records(caplog, "dashboard.web.security", logging.INFO)[0].getMessage()
    )


def start(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import app"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_refused_start_up_is_one_logged_line_and_debug_adds_the_traceback():
    result = start({"PORT": "abc"})
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert " ERROR dashboard.startup: Harm Reduction Atlas cannot start: PORT must be" in line
    assert line.endswith("(ConfigError)")

    result = start({"PORT": "abc", "LOG_LEVEL": "DEBUG"})
    assert result.returncode == 1 and "Traceback" in result.stderr and "ConfigError" in result.stderr
