"""``python -m bench``: every speed figure of BENCHMARKS.md against its target, as one table.

Starts the Atlas under ``gunicorn app:server -w 2`` on 127.0.0.1:8072 for the browser figures,
then the load test (bench.load: 8070 and 8071), then the image burst (bench.images: 8073). Exit
status 1 when a target is missed.
"""

from __future__ import annotations

import os
import statistics

from bench import images as image_load
from bench import latency, load, page
from bench.servers import gunicorn

PAGE_PORT = 8072
KB, MB = 1000, 1000 * 1000


def rows() -> list[tuple[str, str, str, bool | None]]:
    """(measure, figure, target, met) for every figure; ``met`` is None where there is no target."""
    with gunicorn("app:server", PAGE_PORT, probe="/healthz") as url:
        figures = page.measure(url + "/")
    lat = latency.replay(figures.callback_bodies)
    paint = statistics.median(figures.paint_ms)
    worst_update = max(figures.update_encoded)
    out = [
        (
            "bytes per map update (worst of 9 switches, compressed)",
            f"{worst_update / KB:.1f} KB",
            "<= 15 KB",
            worst_update <= 15 * KB,
        ),
        (
            "bytes per map update (worst, uncompressed)",
            f"{max(figures.update_decoded) / KB:.1f} KB",
            "",
            None,
        ),
        (
            "geometry re-sent on update",
            str(figures.geometry_in_updates),
            "False",
            not figures.geometry_in_updates,
        ),
        (
            f"first load, compressed ({figures.requests} requests)",
            f"{figures.first_load_encoded / MB:.2f} MB",
            "<= 2 MB",
            figures.first_load_encoded <= 2 * MB,
        ),
        ("first load, uncompressed", f"{figures.first_load_decoded / MB:.2f} MB", "", None),
        ("duplicate bundles in first load", str(len(figures.duplicates)), "0", not figures.duplicates),
        (
            f"first map paint (median of {len(figures.paint_ms)} cold loads)",
            f"{paint:.0f} ms",
            "<= 2000 ms",
            paint <= 2000,
        ),
        (f"callback latency p50 ({lat.calls} calls)", f"{lat.p50_ms:.1f} ms", "", None),
        ("callback latency p95", f"{lat.p95_ms:.1f} ms", "", None),
    ]
    for run in load.measure():
        bare = run.label.startswith("bare")
        target = "" if bare else ">= 300 req/s, 0 errors"
        met = None if bare else run.rps >= 300 and run.errors == 0
        out.append(
            (
                f"req/s {run.label} (gunicorn -w 2, wrk -c16)",
                f"{run.rps:.0f} ({run.errors} errors)",
                target,
                met,
            )
        )
    burst = image_load.run(200)  # 200 concurrent distinct images, gunicorn.conf.py's setup (port 8073)
    out += [
        (
            "summary.json p95 during 200 concurrent images",
            f"{burst.probe_p95:.0f} ms",
            "<= 250 ms",
            burst.probe_p95 <= 250,
        ),
        ("image answers other than 200 or 503+Retry-After", str(burst.failures), "0", burst.failures == 0),
        (
            "server tree memory peak (PSS)",
            f"{burst.peak_pss / MB:.0f} MB",
            "<= 1500 MB",
            burst.peak_pss <= 1500 * MB,
        ),
        (
            "server tree memory after the burst (PSS, vs idle)",
            f"{burst.after_pss / MB:.0f} / {burst.idle_pss / MB:.0f} MB",
            "<= idle + 20 %",
            burst.after_pss <= 1.2 * burst.idle_pss,
        ),
    ]
    return out


def main() -> int:
    before = os.getloadavg()[0]
    table = rows()
    after = os.getloadavg()[0]
    print(f"load average (1 min) before/after: {before:.2f} / {after:.2f} on {os.cpu_count()} cores")
    width = max(len(r[0]) for r in table)
    print(f"{'measure':<{width}}  {'figure':>18}  {'target':<24} met")
    for name, figure, target, met in table:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"{name:<{width}}  {figure:>18}  {target:<24} {mark}")
    return 0 if all(met is not False for *_, met in table) else 1


if __name__ == "__main__":
    raise SystemExit(main())
