"""Start-up: bad settings or data stop the app with one clear line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dashboard.core.config import ROOT, ConfigError, from_env


def start(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import app.py as gunicorn would (``app:server``), with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-c", "import app"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_data_directory_names_the_file(tmp_path):
    result = start({"ATLAS_DATA_DIR": str(tmp_path / "nowhere")})
    assert result.returncode == 1
    assert "cannot start" in result.stderr and ".csv: file is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_data_names_file_row_and_column(data_copy):
    path = data_copy / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Asia", "Atlantis", 1) if "Asia" in lines[3] else "QQQ" + lines[3][3:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = start({"ATLAS_DATA_DIR": str(data_copy)})
    assert result.returncode == 1
    assert "countries.csv, row 4, column" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1"])
def test_bad_port_is_a_config_error(port):
    with pytest.raises(ConfigError, match="PORT must be a whole number"):
        from_env({"PORT": port})
    result = start({"PORT": port})
    assert result.returncode == 1 and "PORT must be" in result.stderr and "Traceback" not in result.stderr


def test_defaults():
    settings = from_env({})
    assert (settings.host, settings.port, settings.debug) == ("127.0.0.1", 8050, False)
    assert from_env({"DEBUG": "1"}).debug is True
