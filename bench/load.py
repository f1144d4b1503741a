"""Requests per second under ``gunicorn -w 2`` with wrk, as a ratio to a bare Flask JSON endpoint.

python -m bench.load [SECONDS]   # starts both servers on 127.0.0.1:8070 (Atlas) and :8071 (bare)

The floor is ``bench.bare_app`` (one ``jsonify`` route) under the same server: the same
``gunicorn -w 2`` command from the repository root, so gunicorn.conf.py applies to both (gthread,
2 workers x 16 threads, and an image render service with its idle Chromium beside each). Both
servers run for the whole measure, and the floor is measured before and after every Atlas
endpoint (floor, endpoint, floor, endpoint, ..., floor): an endpoint's ratio is its requests/s over
the mean of the two floor runs around it, so a machine that gets busier or quieter during the run
moves both. Every run has a 2 s warm-up that is not counted. :func:`ratios` returns the
comparisons; the targets (``TARGETS``) are ratios, as other work on the host moves absolute figures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

from bench.servers import gunicorn, wait_until_prerendered

ATLAS_PORT, BARE_PORT = 8070, 8071
DURATION_S, THREADS, CONNECTIONS, WARM_UP_S = 10, 2, 16, 2
BARE_LABEL, BARE_PATH = "bare Flask", "/summary.json"
ENDPOINTS = [
    ("summary.json", "/api/v1/summary.json", {}),
    ("coverage.csv", "/api/v1/coverage.csv", {}),
    ("coverage.csv, gzip", "/api/v1/coverage.csv", {"Accept-Encoding": "gzip"}),
    ("summary.json, region", "/api/v1/summary.json?edition=2024&region=asia", {}),
]
# coverage.csv's own floor: the bare Flask route sending the same 200 KB body (bench.bare_app). Against the
# small JSON floor a 200 KB answer measures the loopback and wrk's reading, not the Atlas (reported too).
SAME_BODY_LABEL, SAME_BODY_FLOOR, SAME_BODY_PATH = (
    "coverage.csv, same body",
    "bare Flask, same bytes",
    "/coverage.csv",
)
TARGETS = {"summary.json": 0.7, SAME_BODY_LABEL: 0.7}  # at least this ratio to the floor (issue 11)


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


@dataclass
class Comparison:
    """One Atlas endpoint's run beside the floor runs just before and just after it."""

    run: Run
    floor: tuple[Run, Run]
    target: float | None  # least ratio to the floor; None: reported, no target
    floor_label: str = BARE_LABEL

    @property
    def label(self) -> str:
        return self.run.label

    @property
    def rps(self) -> float:
        return self.run.rps

    @property
    def floor_rps(self) -> float:
        return floor_rps(*self.floor)

    @property
    def ratio(self) -> float:
        return ratio(self.run.rps, self.floor_rps)

    @property
    def errors(self) -> int:
        """Errors of the endpoint's run and of the floor's two runs."""
        return self.run.errors + sum(r.errors for r in self.floor)

    @property
    def met(self) -> bool | None:
        """At least the target ratio with no errors; None where there is no target."""
        return None if self.target is None else self.ratio >= self.target and self.errors == 0

    def line(self) -> str:
        """``summary.json 1100 req/s = 0.78x bare Flask (1410 req/s)``, and errors, p50, target."""
        target = (
            ""
            if self.target is None
            else f"  target >= {self.target:.2f}x: {'met' if self.met else 'NOT met'}"
        )
        return (
            f"{self.label:<22} {self.rps:>6.0f} req/s = {self.ratio:.2f}x {self.floor_label} "
            f"({self.floor_rps:.0f} req/s)  {self.errors} errors  p50 {self.run.latency_p50_ms} ms{target}"
        )


def floor_rps(before: Run, after: Run) -> float:
    return (before.rps + after.rps) / 2


def ratio(rps: float, floor: float) -> float:
    return rps / floor if floor > 0 else 0.0


def interleave(floor: list[Run], runs: list[Run]) -> list[Comparison]:
    """Pair each endpoint run with the floor runs around it: ``floor`` has one run more than ``runs``
    (floor, run, floor, run, ..., floor)."""
    if len(floor) != len(runs) + 1:
        raise ValueError(f"{len(floor)} floor runs for {len(runs)} endpoint runs: expected one more")
    return [Comparison(run, (floor[n], floor[n + 1]), TARGETS.get(run.label)) for n, run in enumerate(runs)]


def ratios(duration_s: int = DURATION_S) -> list[Comparison]:
    """Each Atlas endpoint of ``ENDPOINTS`` as a ratio to the bare Flask floor, in one interleaved run."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: `make bench` installs it (apt-get install wrk)")
    floor, runs, same, same_run = [], [], [], None
    try:
        with (
            gunicorn("bench.bare_app:app", BARE_PORT, probe=BARE_PATH) as bare,
            gunicorn("app:server", ATLAS_PORT, probe="/healthz") as atlas,
        ):
            wait_until_prerendered(atlas)  # its start-up pictures would take the processor

            def measured(label: str, url: str, headers: dict[str, str]) -> Run:
                run_wrk(label, url, headers, WARM_UP_S)  # warm-up, not counted
                return run_wrk(label, url, headers, duration_s)

            floor.append(measured(BARE_LABEL, bare + BARE_PATH, {}))
            for label, path, headers in ENDPOINTS:
                runs.append(measured(label, atlas + path, headers))
                floor.append(measured(BARE_LABEL, bare + BARE_PATH, {}))
            same = [measured(SAME_BODY_FLOOR, bare + SAME_BODY_PATH, {})]
            same_run = measured(SAME_BODY_LABEL, atlas + "/api/v1/coverage.csv", {})
            same.append(measured(SAME_BODY_FLOOR, bare + SAME_BODY_PATH, {}))
    except subprocess.TimeoutExpired as exc:  # a server slow to stop (graceful_timeout) once all is measured
        if len(runs) < len(ENDPOINTS):
            raise
        print(
            f"warning: {' '.join(map(str, exc.cmd))} was still stopping after {exc.timeout} s",
            file=sys.stderr,
        )
    comparisons = interleave(floor, runs)
    if same_run is not None and len(same) == 2:
        target = TARGETS.get(SAME_BODY_LABEL)
        comparisons.append(Comparison(same_run, (same[0], same[1]), target, SAME_BODY_FLOOR))
    return comparisons


def measure(duration_s: int = DURATION_S) -> list[Run]:
    """The first floor run then each endpoint's run, from :func:`ratios` (the plain runs)."""
    comparisons = ratios(duration_s)
    return [comparisons[0].floor[0], *(c.run for c in comparisons)]


def main(argv: list[str]) -> int:
    before = os.getloadavg()
    comparisons = ratios(int(argv[0]) if argv else DURATION_S)
    after = os.getloadavg()
    print(
        f"load average (1/5/15 min) before: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
        f"after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} on {os.cpu_count()} cores"
    )
    floors = [r.rps for r in (comparisons[0].floor[0], *(c.floor[1] for c in comparisons))]
    print(f"{BARE_LABEL} floor runs: " + ", ".join(f"{rps:.0f}" for rps in floors) + " req/s")
    for comparison in comparisons:
        print(comparison.line())
    print("commands:")
    for run in (comparisons[0].floor[0], *(c.run for c in comparisons)):
        print(f"  {run.command}")
    return 0 if all(c.met is not False for c in comparisons) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
