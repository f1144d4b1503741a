"""Settings read from the environment, in one place, with safe production defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class ConfigError(ValueError):
    """An environment variable has a value the Atlas cannot use."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    data_dir: Path = ROOT / "data"


def from_env(env: dict[str, str] | None = None) -> Settings:
    """``HOST``, ``PORT``, ``DEBUG=1`` and ``ATLAS_DATA_DIR`` (another validated data directory)."""
    env = dict(os.environ) if env is None else env
    port = env.get("PORT", "8050")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"PORT must be a whole number from 1 to 65535 (got {port!r})")
    return Settings(
        host=env.get("HOST", "127.0.0.1"),
        port=int(port),
        debug=env.get("DEBUG", "") == "1",
        data_dir=Path(env.get("ATLAS_DATA_DIR", ROOT / "data")),
    )
