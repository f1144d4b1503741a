"""``python -m bench.images [-n 200]``: image load against the production command, site probed.

Starts ``gunicorn app:server -b 127.0.0.1:PORT`` from the repository root (so gunicorn.conf.py
applies: gthread workers and the one render service of the host) with an empty image cache, then
fires ``n`` concurrent requests for distinct map images (PNG and SVG, every preset, language,
indicator, edition and region mixed) while ``/api/v1/summary.json`` is probed every 50 ms. It
prints the images' latency, their answers by status (a 503 must carry ``Retry-After``), the
probe's latency, and the memory of the server's process tree (master, workers, render service,
Chromium): idle before, peak during, and after the render service has been idle. A second pass
asks again for every image that was made, which the shared disk cache must answer at once.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psutil

from bench.latency import percentile
from bench.servers import GUNICORN, ROOT, wait_until_prerendered

PORT = 8073
MB = 1000 * 1000
INDICATORS = ["nsp", "oat", "dcr", "policy", "naloxone", "services"]
EDITIONS = ["2020", "2022", "2023", "2024"]
REGIONS = ["", "asia", "eurasia", "western-europe", "latin-america", "sub-saharan-africa", "oceania"]
PRESETS = ["slide", "square", "a4"]
LANGS = ["en", "es", "fr", "ru", "ar"]
FORMATS = ["png", "svg"]


def production_command(port: int) -> list[str]:
    """The command of docs/operations.md on a bench port (the rest comes from gunicorn.conf.py)."""
    return [str(GUNICORN), "app:server", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]


def image_paths(n: int, seed: int = 15) -> list[str]:
    """``n`` distinct image paths, a deterministic mix of every kind of view."""
    combos = list(itertools.product(INDICATORS, EDITIONS, REGIONS, PRESETS, LANGS, FORMATS))
    random.Random(seed).shuffle(combos)
    paths = []
    for indicator, edition, region, preset, lang, fmt in combos[:n]:
        query = f"indicator={indicator}&edition={edition}&preset={preset}&lang={lang}"
        paths.append(f"/api/v1/map.{fmt}?{query}" + (f"&region={region}" if region else ""))
    return paths


def tree_memory(pid: int) -> tuple[float, float]:
    """(RSS summed, PSS summed) in bytes of a process and all its descendants."""
    rss = pss = 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


@dataclass
class Answer:
    status: int
    ms: float
    retry_after: str | None = None


def fetch(url: str, timeout: float = 90) -> Answer:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return Answer(response.status, (time.perf_counter() - start) * 1000)
    except urllib.error.HTTPError as exc:
        exc.read()
        return Answer(exc.code, (time.perf_counter() - start) * 1000, exc.headers.get("Retry-After"))
    except OSError:
        return Answer(0, (time.perf_counter() - start) * 1000)  # 0: no HTTP answer at all


@dataclass
class Result:
    n: int
    images: list[Answer]
    probes: list[Answer]
    cached: list[Answer]
    idle_rss: float
    idle_pss: float
    peak_rss: float
    peak_pss: float
    after_rss: float
    after_pss: float
    settle_s: float
    wall_s: float
    statuses: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        ok = [a.ms for a in self.images if a.status == 200]
        busy = [a for a in self.images if a.status == 503]
        probe = [a.ms for a in self.probes]
        cached = [a.ms for a in self.cached]
        by_status = ", ".join(f"{s}: {c}" for s, c in sorted(Counter(a.status for a in self.images).items()))
        failed = [
            a for a in self.images if a.status not in (200, 503) or (a.status == 503 and not a.retry_after)
        ]
        q = percentile
        out = [
            f"{self.n} concurrent distinct image requests in {self.wall_s:.1f} s; "
            f"answers by status: {by_status}",
            f"  503 with Retry-After: {sum(1 for a in busy if a.retry_after)} of {len(busy)}; "
            f"other failures: {len(failed)}",
        ]
        if ok:
            out.append(
                f"  image latency (200s): p50 {q(ok, 0.5):.0f} ms, p95 {q(ok, 0.95):.0f} ms, "
                f"max {max(ok):.0f} ms"
            )
        if busy:
            b = [a.ms for a in busy]
            out.append(f"  refusal latency (503s): p50 {q(b, 0.5):.0f} ms, p95 {q(b, 0.95):.0f} ms")
        if probe:
            probe_ok = sum(1 for a in self.probes if a.status == 200)
            out.append(
                f"summary.json probe during the run: {len(probe)} requests ({probe_ok} ok), "
                f"p50 {q(probe, 0.5):.0f} ms, p95 {q(probe, 0.95):.0f} ms, max {max(probe):.0f} ms"
            )
        if cached:
            out.append(
                f"cached second pass ({len(cached)} images made above): p50 {q(cached, 0.5):.1f} ms, "
                f"p95 {q(cached, 0.95):.1f} ms, statuses {dict(Counter(a.status for a in self.cached))}"
            )
        out.append(
            f"server tree memory (RSS / PSS): idle {self.idle_rss / MB:.0f} / {self.idle_pss / MB:.0f} MB, "
            f"peak {self.peak_rss / MB:.0f} / {self.peak_pss / MB:.0f} MB, after {self.after_rss / MB:.0f} / "
            f"{self.after_pss / MB:.0f} MB ({self.settle_s:.0f} s after the last image)"
        )
        return out

    @property
    def probe_p95(self) -> float:
        return percentile([a.ms for a in self.probes], 0.95)

    @property
    def failures(self) -> int:
        return sum(
            1 for a in self.images if a.status not in (200, 503) or (a.status == 503 and not a.retry_after)
        )


def run(n: int = 200, port: int = PORT, settle: float = 90) -> Result:
    """Serve, load, measure; stop the server."""
    cache = tempfile.mkdtemp(prefix="atlas-bench-images-")
    env = {**os.environ, "ATLAS_IMAGE_CACHE": cache}
    server = subprocess.Popen(production_command(port), cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {server.returncode}")
            if fetch(base + "/healthz", 2).status == 200:
                break
            time.sleep(0.2)
        # the server renders its landing views' first pictures at start: let it finish, so the
        # burst meets a server at rest (then the render service's Chromium is warm or idle-closed)
        wait_until_prerendered(base)
        time.sleep(12)  # the render service warms its Chromium up
        idle_rss, idle_pss = tree_memory(server.pid)
        peak = [idle_rss, idle_pss]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                rss, pss = tree_memory(server.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                time.sleep(0.25)

        probes: list[Answer] = []

        def probe() -> None:
            editions = itertools.cycle(EDITIONS)
            while not done.is_set():
                probes.append(fetch(f"{base}/api/v1/summary.json?edition={next(editions)}", 30))
                time.sleep(0.05)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=probe, daemon=True)]
        for thread in threads:
            thread.start()
        paths = image_paths(n)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=n) as pool:
            images = list(pool.map(lambda p: fetch(base + p), paths))
        wall = time.perf_counter() - start
        done.set()
        for thread in threads:
            thread.join()
        made = [p for p, a in zip(paths, images, strict=True) if a.status == 200]
        with ThreadPoolExecutor(max_workers=16) as pool:
            cached = list(pool.map(lambda p: fetch(base + p), made))
        finished = time.perf_counter()
        after = tree_memory(server.pid)
        while time.perf_counter() - finished < settle and (
            after[0] > 1.2 * idle_rss or after[1] > 1.2 * idle_pss
        ):
            time.sleep(2)
            after = tree_memory(server.pid)
        return Result(
            n,
            images,
            probes,
            cached,
            idle_rss,
            idle_pss,
            peak[0],
            peak[1],
            after[0],
            after[1],
            time.perf_counter() - finished,
            wall,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="concurrent image requests (default 200)")
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args(argv)
    result = run(args.n, args.port)
    print("\n".join(result.lines()))
    met = result.probe_p95 <= 250 and result.failures == 0 and result.peak_pss <= 1500 * MB
    met = met and result.after_pss <= 1.2 * result.idle_pss
    print(
        "targets (probe p95 <= 250 ms, only 200 or 503+Retry-After, peak <= 1.5 GB, after <= idle + 20 %):",
        "met" if met else "NOT met",
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
