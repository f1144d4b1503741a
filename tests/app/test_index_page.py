"""The index page (dashboard/app/index_page.py): what the page sends before any script runs."""

from __future__ import annotations


def test_no_early_map_outside_the_map_view(client):
    page = client.get("/?view=trend").get_data(as_text=True)
    assert 'id="early-map"' not in page
    landing = client.get("/").get_data(as_text=True)
    assert landing.count('id="early-map"') == 1
    # plotly.js and the early map run before React and Dash's renderer
    order = [
        landing.index(name) for name in ("plotly-geo.min.js", "dashboard_early.js", "react@", "dash_renderer")
    ]
    assert order == sorted(order)
