"""Settings read from the environment, in one place, with safe production defaults."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ConfigError(ValueError):
    """An environment variable has a value the Atlas cannot use."""


@dataclass(frozen=True)
class Corrections:
    """Where "suggest a correction" reports go: ``url`` (a template with ``{title}`` and ``{body}``,
    e.g. an issue tracker's new-issue URL) or ``email`` (a ``mailto:``); neither: shown to copy."""

    url: str = ""
    email: str = ""


def corrections_from_env(env: dict[str, str] | None = None) -> Corrections:
    """``CORRECTIONS_URL`` (http(s), with ``{title}`` or ``{body}``) and ``CORRECTIONS_EMAIL``."""
    env = dict(os.environ) if env is None else env
    url, email = env.get("CORRECTIONS_URL", "").strip(), env.get("CORRECTIONS_EMAIL", "").strip()
    if url and (
        not url.startswith(("https://", "http://")) or ("{title}" not in url and "{body}" not in url)
    ):
        raise ConfigError(f"CORRECTIONS_URL must be an http(s) URL with {{title}} and {{body}} (got {url!r})")
    if email and ("@" not in email or any(c in email for c in '?&/ <>"\n')):
        raise ConfigError(f"CORRECTIONS_EMAIL must be one e-mail address (got {email!r})")
    return Corrections(url, email)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    data_dir: Path = ROOT / "data"
    log_level: str = "INFO"
    corrections: Corrections = Corrections()


def from_env(env: dict[str, str] | None = None) -> Settings:
    """``HOST``, ``PORT``, ``DEBUG=1``, ``ATLAS_DATA_DIR`` (another validated data directory) and
    ``LOG_LEVEL`` (``DEBUG`` … ``CRITICAL``, default ``INFO``); ``CORRECTIONS_URL`` and
    ``CORRECTIONS_EMAIL`` (see :func:`corrections_from_env`)."""
    env = dict(os.environ) if env is None else env
    log_level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (got {env['LOG_LEVEL']!r})")
    port = env.get("PORT", "8050")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"PORT must be a whole number from 1 to 65535 (got {port!r})")
    return Settings(
        host=env.get("HOST", "127.0.0.1"),
        port=int(port),
        debug=env.get("DEBUG", "") == "1",
        data_dir=Path(env.get("ATLAS_DATA_DIR", ROOT / "data")),
        log_level=log_level,
        corrections=corrections_from_env(env),
    )


def requested_log_level(env: dict[str, str] | None = None) -> str:
    """``LOG_LEVEL`` if it is a valid level, else ``INFO``: for logging why the settings were refused."""
    level = (os.environ if env is None else env).get("LOG_LEVEL", "").strip().upper()
    return level if level in LOG_LEVELS else "INFO"


def configure_logging(level: str = "INFO") -> None:
    """Log records of ``level`` and above to stderr, one line each (tracebacks on the lines after).

    Called once by the entry point (``app.py``); a host that configured logging itself keeps its
    handlers (``basicConfig`` is then a no-op) and only the Atlas's own level is set.
    """
    logging.basicConfig(level=level, format=LOG_FORMAT)
    logging.getLogger("dashboard").setLevel(level)
