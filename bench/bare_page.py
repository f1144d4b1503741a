"""The floor of the paint benchmark: a bare page that draws the Atlas's own landing map with plotly.js.

Nothing but the app's own bundle (``assets/vendor/plotly-geo.min.js``) and geometry
(``assets/geo/world_50m.json``, fetched by plotly.js from ``topojsonURL``), served with the same
compression as the Atlas (flask-compress, brotli), and the landing view's figure (every country of
the data, the same traces the dashboard draws) inline in the page. It is what plotly.js alone
costs, so ``bench.page`` can say how much the Atlas adds to it, as a ratio measured in the same run.

    gunicorn bench.bare_page:app -w 2 -b 127.0.0.1:8074
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, Response
from flask_compress import Compress
from plotly.io.json import to_json_plotly

from dashboard.app.layout import views_of
from dashboard.core.state import ViewState
from dashboard.dataset.load import load_dataset
from dashboard.web.caching import COMPRESSED_TYPES, COMPRESSION

ROOT = Path(__file__).resolve().parent.parent
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>bare plotly.js map</title>
<style>body{margin:0;font-family:system-ui,sans-serif}#map{width:100%;height:540px}</style></head>
<body>
<div id="map"></div>
<script src="/assets/vendor/plotly-geo.min.js"></script>
<script>
var figure = FIGURE;
Plotly.newPlot("map", figure.data, figure.layout, CONFIG);
</script>
</body>
</html>"""


def page_html() -> str:
    """The page: the landing view's figure exactly as the dashboard builds it."""
    figure = views_of(load_dataset()).figure(ViewState())
    config = {"topojsonURL": "/assets/geo/", "scrollZoom": False, "displayModeBar": False, "responsive": True}
    text = to_json_plotly(figure).replace("</", "<\\/")
    return PAGE.replace("FIGURE", text).replace("CONFIG", json.dumps(config))


def create_app() -> Flask:
    app = Flask(__name__, static_folder=str(ROOT / "assets"), static_url_path="/assets")
    app.config.update(COMPRESSION, COMPRESS_MIMETYPES=COMPRESSED_TYPES)
    Compress(app)
    html = page_html()

    @app.get("/")
    def index() -> Response:
        return Response(html, mimetype="text/html")

    @app.get("/healthz")
    def healthz() -> Response:
        return Response("ok", mimetype="text/plain")

    return app


app = create_app()
