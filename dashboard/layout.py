"""Page layout (components only; behaviour lives in callbacks.py)."""

from __future__ import annotations

from dash import Dash, dcc, html

from dashboard import ids
from dashboard.data import Dataset
from dashboard.indicators import INDICATORS


def graph_config(app: Dash) -> dict[str, object]:
    """Plotly config: geometry from our own assets (never the CDN), no scroll-zoom, no logo."""
    return {
        "topojsonURL": app.get_asset_url("geo/"),
        "scrollZoom": False,
        "displaylogo": False,
        "responsive": True,
    }


def serve(app: Dash, dataset: Dataset):
    def page() -> html.Div:
        return html.Div(
            [
                dcc.Location(id=ids.URL, refresh=False),
                html.Header(html.H1("Harm Reduction Atlas")),
                html.Main(
                    [
                        html.Div(
                            [html.Div(id=f"{ids.CARD}-{i}", className="card") for i in INDICATORS],
                            className="cards",
                        ),
                        dcc.Graph(id=ids.MAP, config=graph_config(app)),
                    ]
                ),
            ]
        )

    return page
