"""Dash callbacks: URL state in, cards and map out."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from dashboard import ids
from dashboard.data import Dataset
from dashboard.figures import map_figure, status_data
from dashboard.indicators import INDICATORS, headline_counts
from dashboard.state import parse_view


def register(app: Dash, dataset: Dataset) -> None:
    editions, countries = dataset.edition_ids, list(dataset.countries.index)

    @app.callback(
        [Output(f"{ids.CARD}-{i}", "children") for i in INDICATORS] + [Output(ids.MAP, "figure")],
        Input(ids.URL, "search"),
    )
    def update(search: str | None):
        from urllib.parse import parse_qsl

        state, _ = parse_view(dict(parse_qsl((search or "").lstrip("?"))), editions, countries, strict=False)
        counts = headline_counts(dataset, state.edition, state.region)
        cards = [
            html.Div([html.Strong(str(counts[i]["count"])), " ", INDICATORS[i].label]) for i in INDICATORS
        ]
        data = status_data(
            dataset.wide(state.edition), state.indicator if state.indicator != "services" else "nsp", "Status"
        )
        return [*cards, map_figure(data, state.region, dataset.countries["region"])]
