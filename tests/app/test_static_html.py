"""The first screen: a component tree written as static HTML, and the index page that carries it."""

from __future__ import annotations

import re

import dash_ag_grid as dag
from dash import dcc, html

from dashboard.app import index_page
from dashboard.app.props import aria
from dashboard.app.static_html import css, to_html


def test_tags_classes_text_and_attributes_are_written_and_escaped():
    tree = html.Div(
        [html.H2("Yes & no <b>", className="title"), html.A("HRI", href="/x?a=1&b=2", title='say "hi"')],
        className="box",
        hidden=True,
        **aria(label="Map of NSP"),
    )
    assert to_html(tree) == (
        '<div class="box" hidden aria-label="Map of NSP">'
        '<h2 class="title">Yes &amp; no &lt;b&gt;</h2>'
        '<a href="/x?a=1&amp;b=2" title="say &#34;hi&#34;">HRI</a></div>'
    )


def test_ids_become_data_ids_and_labels_point_nowhere():
    tree = html.Div([html.Label("Show", htmlFor="control"), html.Select(id="control")], id="bar")
    out = to_html(tree)
    assert ' id="' not in out and " for=" not in out
    assert 'data-id="bar"' in out and 'data-id="control"' in out


def test_selects_keep_the_selected_option_and_booleans_are_bare():
    tree = html.Select(
        [html.Option("A", value="a"), html.Option("B", value="b", selected=True, disabled=False)],
    )
    assert (
        to_html(tree) == '<select><option value="a">A</option><option selected value="b">B</option></select>'
    )


def test_styles_are_css_and_custom_properties_survive():
    assert css({"blockSize": "9px", "--map-h": "300px"}) == "block-size: 9px; --map-h: 300px"
    assert to_html(html.Div(style={"minInlineSize": 0})) == '<div style="min-inline-size: 0"></div>'


def test_behaviour_only_components_write_nothing_and_boxes_keep_their_class():
    tree = html.Div(
        [
            dcc.Location(id="url"),
            dcc.Clipboard(target_id="x"),
            dcc.Graph(id="map", className="map-graph"),
            dag.AgGrid(
                id="grid",
                className="atlas-grid",
                style={"height": "420px"},
                dashGridOptions={"localeText": {"loadingOoo": "Loading…"}},
            ),
            dcc.Input(id="find", type="search", placeholder="Type a name", autoComplete="off"),
        ]
    )
    out = to_html(tree)
    assert out == (
        '<div><div data-id="map" class="dash-graph map-graph"></div>'
        '<div data-id="grid" class="atlas-grid grid-pending" style="height: 420px">Loading…</div>'
        '<input data-id="find" type="search" placeholder="Type a name" autocomplete="off"></div>'
    )


def test_an_image_is_timed_by_its_class():
    out = to_html(html.Img(src="/p.webp", alt="", className="first-pixels"))
    assert out == '<img alt="" class="first-pixels" src="/p.webp" elementtiming="first-pixels">'


def test_the_first_screen_carries_the_fit_script_and_the_grid_is_deferred():
    scripts = (
        '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35m1.min.js"></script>\n'
        '<script src="/assets/dashboard_fit.js?m=1"></script>\n<script src="/assets/other.js?m=1"></script>'
    )
    rest, grid = index_page.defer_grid(scripts)
    assert grid == ' data-grid-src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35m1.min.js"'
    first, rest = index_page.first_screen("<p>page</p>", rest)
    assert first == (
        '<div class="first-screen" aria-hidden="true" inert><p>page</p></div>'
        '<script src="/assets/dashboard_fit.js?m=1"></script>'
    )
    assert rest == '<script src="/assets/other.js?m=1"></script>'


def test_the_index_page_shows_the_view_as_static_html_before_the_scripts(client):
    page = client.get("/?indicator=oat&edition=2024&lang=fr").get_data(as_text=True)
    start = page.index('<div class="first-screen"')
    first = page[start : page.index("<script", start)]  # the static page, up to the scripts after it
    assert "Traitement par agonistes opioïdes" in first  # the view's own title, in its language
    assert re.search(r'<option selected value="2024">', first)
    assert ' id="' not in first  # no id twice on the page
    assert "dash_ag_grid.v" not in page.split("data-grid-src")[0].rsplit("<script", 1)[-1]
    assert page.index("first-screen") < page.index("dashboard_fit.js") < page.index("_dash-renderer")
