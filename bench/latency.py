"""Server-side callback latency: replay the callback requests a browser made, in process.

No network and no browser: the Flask test client posts each recorded ``_dash-update-component``
body ``rounds`` times and times the app's answer, so the figure is the server's own work.

    python -m bench.latency            # records the bodies with bench.page first (needs a server)
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass

from dashboard.web.factory import create_app


@dataclass
class Latency:
    calls: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) by linear interpolation."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def replay(bodies: list[str], rounds: int = 10) -> Latency:
    """Time every body ``rounds`` times against a fresh app (after one untimed warm-up pass)."""
    client = create_app().server.test_client()
    payloads = [json.loads(b) for b in bodies]
    for payload in payloads:
        client.post("/_dash-update-component", json=payload)
    times = []
    for _ in range(rounds):
        for payload in payloads:
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=payload)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code not in (200, 204):
                raise RuntimeError(f"callback answered {response.status_code}: {payload['output'][:80]}")
    return Latency(len(times), percentile(times, 0.5), percentile(times, 0.95), max(times))


def main(argv: list[str]) -> int:
    from bench.page import measure

    url = argv[0] if argv else "http://127.0.0.1:8070/"
    result = replay(measure(url, loads=1).callback_bodies)
    print(f"{result.calls} callback calls: p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms")
    print(f"  (max {result.max_ms:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
