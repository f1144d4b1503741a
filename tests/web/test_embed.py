"""/embed page, the standalone HTML renderer, share links and link-preview meta (no browser)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import plotly.graph_objects as go
import pytest

from dashboard.app import share
from dashboard.core.config import ROOT
from dashboard.core.state import ViewState
from dashboard.web.embed import PageTexts, standalone_html
from dashboard.web.factory import create_app

MINI = ROOT / "tests" / "fixtures" / "mini"
HOSTILE = '</script><script>alert(1)</script><!-- "&'


@pytest.fixture(scope="module")
def mini():
    return create_app(MINI).server.test_client()


def json_block(page: str, block_id: str) -> object:
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    assert match, block_id
    return json.loads(match.group(1))


def test_embed_page_is_framable_and_self_contained(mini):
    response = mini.get("/embed?indicator=dcr&region=western-europe")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    page = response.get_data(as_text=True)
    assert "<h1>Drug consumption rooms · 2023 update · Western Europe</h1>" in page
    assert (
        "Source: Harm Reduction International, Global State of Harm Reduction 2023 update to key data" in page
    )
    assert 'href="/?indicator=dcr&amp;region=western-europe" target="_top"' in page
    assert re.findall(r'<script src="([^"]+)"', page) == ["/embed/plotly-geo.min.js", "/embed/embed.js"]
    assert '<link rel="icon" href="data:,">' in page  # no /favicon.ico request (a 404)
    assert "https://" not in "".join(re.findall(r'(?:src|href)="([^"]+)"', page))
    config = json_block(page, "hra-config")
    assert config["topojsonURL"] == "/assets/geo/" and config["scrollZoom"] is False
    figure = json_block(page, "hra-figure")
    assert figure["layout"]["showlegend"] is False  # the legend is HTML, under the map
    assert {"DEU", "FRA"} <= {loc for trace in figure["data"] for loc in trace.get("locations", [])}


def test_full_dashboard_is_not_framable(mini):
    response = mini.get("/")
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_embed_bad_values_fall_back_with_visible_escaped_note(mini):
    page = mini.get("/embed?edition=%3Cscript%3Ealert(1)%3C/script%3E&region=mars").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "Unknown edition &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;" in page
    assert page.count('class="note" role="status"') == 2
    assert "<h1>Needle and syringe programmes · 2023 update · World</h1>" in page


def test_embed_scripts_are_served_locally(mini):
    plotly_js = mini.get("/embed/plotly-geo.min.js")
    assert plotly_js.status_code == 200 and plotly_js.mimetype == "text/javascript"
    assert b"plotly.js (geo - minified)" in plotly_js.get_data()[:200]  # not the 4.8 MB full bundle
    assert len(plotly_js.get_data()) < 2_000_000
    assert mini.get("/embed/plotly.min.js").status_code == 404
    page_js = mini.get("/embed/embed.js")
    assert b"hra-embed-height" in page_js.get_data()
    host = mini.get("/assets/embed-host.js")
    assert host.status_code == 200 and b"hra-embed-height" in host.get_data()


def test_standalone_html_escapes_every_text_and_the_figure():
    fig = go.Figure(go.Scatter(x=[1], y=[1], name=HOSTILE))
    texts = PageTexts(
        subtitle=HOSTILE, source=HOSTILE, disclaimer="d", alt=HOSTILE, legend_title=HOSTILE,
        legend=(("#0072B2", HOSTILE),), link_href="/?a=1&b=2", link_text=HOSTILE, notes=(HOSTILE,),
    )  # fmt: skip
    page = standalone_html(fig, HOSTILE, texts, "plotly.min.js", "geo/")
    assert "<script>alert(1)" not in page and "<!--" not in page
    scripts = re.findall(r"<script\b", page)
    assert len(scripts) == 4  # two JSON blocks, plotly.js, the inlined page script
    assert json_block(page, "hra-figure")["data"][0]["name"] == HOSTILE

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_data(self, data: str) -> None:
            self.found.append(data)

    parser = Texts()
    parser.feed(page)
    assert parser.found.count(HOSTILE) >= 5  # round-trips as text, not markup


def test_share_links_track_the_view():
    links = share.hrefs(ViewState(indicator="dcr", edition="2024", region="oceania"), "/atlas/")
    assert links["csv"] == "/atlas/api/v1/coverage.csv?indicator=dcr&edition=2024&region=oceania"
    assert links["png-a4"] == "/atlas/api/v1/map.png?preset=a4&indicator=dcr&edition=2024&region=oceania"
    assert links["data"] == "/atlas/api/v1/data.csv"
    code = share.embed_code(
        "https://a.example/embed?x=1&y=2", "https://a.example/assets/embed-host.js", 'A "t"'
    )
    assert 'src="https://a.example/embed?x=1&amp;y=2"' in code and 'title="A &quot;t&quot;"' in code
    assert code.endswith('<script src="https://a.example/assets/embed-host.js" defer></script>')


def test_link_preview_meta_on_the_dashboard(mini):
    page = mini.get("/?edition=2022&region=eurasia&x=%22%3E%3Cscript%3E").get_data(as_text=True)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert image == "http://localhost/api/v1/map.png?preset=slide&amp;edition=2022&amp;region=eurasia"
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert re.search(r'<meta property="og:description" content="[^"]*Harm Reduction International', page)
    assert "<script>" not in page.split("</head>")[0].replace("<script>var renderer", "")
