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
