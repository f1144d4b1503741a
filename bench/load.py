"""Requests per second under ``gunicorn -w 2`` with wrk, beside a bare Flask JSON endpoint.

python -m bench.load          # starts both servers on 127.0.0.1:8070 and :8071
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

from bench.servers import gunicorn

ATLAS_PORT, BARE_PORT = 8070, 8071
DURATION_S, THREADS, CONNECTIONS = 10, 2, 16
ENDPOINTS = [
    ("summary.json", "/api/v1/summary.json", {}),
    ("coverage.csv", "/api/v1/coverage.csv", {}),
    ("coverage.csv, gzip", "/api/v1/coverage.csv", {"Accept-Encoding": "gzip"}),
    ("summary.json, region", "/api/v1/summary.json?edition=2024&region=asia", {}),
]


@dataclass
class Run:
    label: str
    url: str
    requests: int
    rps: float
    errors: int  # socket errors plus non-2xx/3xx answers
    latency_p50_ms: float | None
    command: str


def wrk_command(url: str, headers: dict[str, str], duration_s: int = DURATION_S) -> list[str]:
    extra = [arg for k, v in headers.items() for arg in ("-H", f"{k}: {v}")]
    return ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration_s}s", "--latency", *extra, url]


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1, "s": 1e3}[unit]


def parse_wrk(output: str) -> tuple[int, float, int, float | None]:
    """(requests, requests/s, errors, p50 latency in ms) from wrk's report."""
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    p50 = re.search(r"50%\s+([\d.]+(?:us|ms|s))", output)
    return requests, rps, errors, to_ms(p50.group(1)) if p50 else None


def run_wrk(label: str, url: str, headers: dict[str, str], duration_s: int = DURATION_S) -> Run:
    command = wrk_command(url, headers, duration_s)
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration_s + 30
    ).stdout
    return Run(label, url, *parse_wrk(output), " ".join(command))


def measure(duration_s: int = DURATION_S) -> list[Run]:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: `make bench` installs it (apt-get install wrk)")
    runs = []
    with gunicorn("bench.bare_app:app", BARE_PORT, probe="/summary.json") as bare:
        runs.append(run_wrk("bare Flask JSON", bare + "/summary.json", {}, duration_s))
    with gunicorn("app:server", ATLAS_PORT, probe="/healthz") as atlas:
        for label, path, headers in ENDPOINTS:
            run_wrk(label, atlas + path, headers, 2)  # warm-up, not counted
            runs.append(run_wrk(label, atlas + path, headers, duration_s))
    return runs


def main(argv: list[str]) -> int:
    for run in measure(int(argv[0]) if argv else DURATION_S):
        print(f"{run.label:<22} {run.rps:>8.0f} req/s  {run.errors} errors  p50 {run.latency_p50_ms} ms")
        print(f"  {run.command}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
