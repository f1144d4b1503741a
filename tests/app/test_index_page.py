"""The index page (dashboard/app/index_page.py): what the page sends before any script runs."""

from __future__ import annotations

import re

from dashboard.app.index_page import LATER, held_back


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


def test_dash_scripts_are_held_back_in_order_with_their_exact_text():
    scripts = (
        '<script src="/a.js"></script>\n<script>var x = "</div>";</script>'
        '<script id="_dash-renderer" type="application/javascript">'
        "var renderer = new DashRenderer();</script>"
    )
    held = held_back(scripts)
    assert held.count(f'type="{LATER}"') == 3
    assert "application/javascript" not in held
    # the same tags, same order, same inline text (the page's CSP hashes that text)
    assert held.index("/a.js") < held.index('var x = "</div>";') < held.index("new DashRenderer()")
    assert 'id="_dash-renderer"' in held


def test_every_page_holds_back_dash_and_loads_the_early_script_that_starts_it(client):
    for path in ("/", "/?view=trend", "/?lang=ar&indicator=dcr"):
        page = client.get(path).get_data(as_text=True)
        assert "dashboard_early.js" in page
        # nothing of Dash's runs before the early script has started it
        dash = re.findall(
            r"<script[^>]*_dash-component-suites[^>]*>|<script>|<script id=\"_dash-renderer[^>]*>", page
        )
        assert len(dash) > 5
        assert all(f'type="{LATER}"' in tag for tag in dash), dash
