"""Finding your way (issue 11): the names people type, and the eastern Caribbean after zooming in."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 20_000


def test_turkey_finds_turkiye_then_zoom_in_and_click_st_kitts(page, live_server):
    p = page.page
    p.set_viewport_size({"width": 1366, "height": 768})
    p.goto(live_server.url + "/")
    p.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT)
    p.fill("#control-country", "Turkey")
    p.wait_for_selector("#country-panel h2:has-text('Türkiye')", timeout=TIMEOUT)
    assert "country=TUR" in p.url
    assert p.inner_text("#country-status") == ""  # no "no country" for a name it knows
    p.click("#country-panel-close")
    p.wait_for_selector("#country-panel", state="hidden", timeout=TIMEOUT)
    # zoom into the eastern Caribbean: pan the centre there, then zoom in with the + button
    p.evaluate(
        "() => Plotly.relayout(document.querySelector('#map .js-plotly-plot'),"
        " {'geo.center.lon': -62.7, 'geo.center.lat': 17.3})"
    )
    for _ in range(6):
        p.click("#map-zoom-in")
    p.wait_for_timeout(500)
    dot = p.evaluate(
        """() => {
          const gd = document.querySelector('#map .js-plotly-plot');
          const paths = [...gd.querySelectorAll('.scattergeo .point')];
          for (const el of paths) {
            const d = el.__data__;
            if (d && d.tx === undefined) {}
          }
          const traces = gd._fullData;
          for (const tr of traces) {
            if (tr.type !== 'scattergeo' || !tr.customdata) continue;
            const i = tr.customdata.indexOf('KNA');
            if (i < 0) continue;
            const geo = gd._fullLayout.geo._subplot;
            const xy = geo.projection([tr.lon[i], tr.lat[i]]);
            const box = gd.querySelector('.geo .bglayer, .geo').getBoundingClientRect();
            const frame = gd._fullLayout.geo.domain;
            const off = gd._fullLayout._size;
            return {x: off.l + (frame.x[0] * off.w) + xy[0], y: off.t + ((1 - frame.y[1]) * off.h) + xy[1],
                    left: gd.getBoundingClientRect().left, top: gd.getBoundingClientRect().top};
          }
          return null;
        }"""
    )
    assert dot is not None
    p.mouse.click(dot["left"] + dot["x"], dot["top"] + dot["y"])
    p.wait_for_selector("#country-panel h2:has-text('Kitts')", timeout=TIMEOUT)
    assert "country=KNA" in p.url
