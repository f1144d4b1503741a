"""Smoke tests of bench/: its functions run and return numbers (no timing is asserted)."""

from __future__ import annotations

import pytest

from bench import latency, load, page

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8070/api/v1/summary.json
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.90ms    1.20ms  20.00ms   80.00%
  Latency Distribution
     50%    6.83ms
     75%    7.50ms
  3658 requests in 2.00s, 1.01MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   1829.00
Transfer/sec:    505.00KB
"""


def test_wrk_report_is_parsed():
    assert load.parse_wrk(WRK_OUTPUT) == (3658, 1829.0, 7, 6.83)
    assert load.to_ms("850.00us") == pytest.approx(0.85)


def test_each_endpoint_is_a_ratio_to_the_floor_runs_around_it():
    def run(label: str, rps: float, errors: int = 0) -> load.Run:
        return load.Run(label, "http://127.0.0.1/x", int(rps * 10), rps, errors, 1.0, "wrk ...")

    floor = [run("bare Flask", 1400), run("bare Flask", 1600), run("bare Flask", 1000, errors=1)]
    summary, csv = load.interleave(floor, [run("summary.json", 1050), run(load.SAME_BODY_LABEL, 600)])
    assert summary.floor_rps == 1500 and summary.ratio == pytest.approx(0.7) and summary.met
    assert csv.floor_rps == 1300 and csv.ratio == pytest.approx(600 / 1300)
    assert csv.errors == 1 and csv.met is False  # below 0.7x, and a floor run had an error
    same = load.Comparison(run(load.SAME_BODY_LABEL, 1200), (floor[0], floor[1]), 0.7, load.SAME_BODY_FLOOR)
    assert same.met and f"= 0.80x {load.SAME_BODY_FLOOR} (1500 req/s)" in same.line()
    assert summary.line().startswith("summary.json") and "= 0.70x bare Flask (1500 req/s)" in summary.line()
    other = load.interleave(floor[:2], [run("summary.json, region", 700)])[0]
    assert other.target is None and other.met is None  # reported, no target
    with pytest.raises(ValueError):
        load.interleave(floor[:2], [run("summary.json", 1), run("coverage.csv", 1)])


def test_wrk_command_is_bounded_and_on_loopback():
    command = load.wrk_command("http://127.0.0.1:8070/api/v1/summary.json", {"Accept-Encoding": "gzip"}, 3)
    assert "-d3s" in command and command[-1].startswith("http://127.0.0.1:")


def test_percentile():
    assert latency.percentile([1, 2, 3, 4, 5], 0.5) == 3
    assert latency.percentile([10, 20], 0.95) == pytest.approx(19.5)


@pytest.mark.browser
def test_page_measures_and_latency_replay_return_numbers(browser, live_server):
    url = live_server.url + "/"
    load_ = page.first_load(browser, url)
    assert load_.paint_ms > 0 and load_.encoded > 0 and load_.decoded >= load_.encoded
    assert load_.duplicates == []
    updates = page.switch_updates(browser, url, page.INDICATOR_SWITCHES[:1])
    calls = [t for t in updates[0] if page.UPDATE_PATH in t.url]
    assert calls and all(t.encoded > 0 for t in calls)
    result = latency.replay([t.post_data for t in calls], rounds=2)
    assert result.calls == 2 * len(calls) and 0 < result.p50_ms <= result.p95_ms


def test_image_burst_paths_are_distinct_views_and_a_bare_503_is_a_failure(client):
    from bench import images as image_load

    paths = image_load.image_paths(200)
    assert len(set(paths)) == 200
    assert {p.split("?")[0] for p in paths} == {"/api/v1/map.png", "/api/v1/map.svg"}
    for path in paths[:40]:  # every one is a valid view: no 400 in the burst
        query = path.split("?")[1]
        assert client.get(f"/api/v1/summary.json?{query}").status_code == 200, path
    answers = [image_load.Answer(200, 5.0), image_load.Answer(503, 1.0, "5"), image_load.Answer(503, 1.0)]
    result = image_load.Result(3, answers, [image_load.Answer(200, 3.0)], [], *[1.0] * 6, 0.0, 1.0)
    assert result.failures == 1  # a 503 without Retry-After is not a clean refusal
    assert image_load.production_command(8073)[1:4] == ["app:server", "-b", "127.0.0.1:8073"]
