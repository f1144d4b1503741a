"""Composition root: build the Dash app from a validated dataset and wire every module to it."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from dashboard.app import analysis, callbacks, layout
from dashboard.core.config import ROOT
from dashboard.core.state import ViewState
from dashboard.dataset.load import load_dataset
from dashboard.web import analysis_api, api, caching, embed, first_pixels, methods, profile, security


def create_app(data_dir: Path | str | None = None, prerender: bool = False) -> Dash:
    """Load and validate the data (raising ``DataError`` if it is malformed), then build the app.

    ``prerender``: render the landing views' first pictures in the background from the start
    (the served app does; tests and tools that build an app leave Chromium alone)."""
    dataset = load_dataset(data_dir or ROOT / "data")
    app = Dash(
        __name__,
        title="Harm Reduction Atlas",
        assets_folder=str(ROOT / "assets"),
        update_title="",  # the tab title never says "Updating..." (Dash: None or "")
        serve_locally=True,
        compress=False,  # caching.register sets up flask-compress (with CSV), once
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    pictures = first_pixels.Pictures(dataset, layout.views_of(dataset).figure, background=prerender)
    prefix = app.config.requests_pathname_prefix

    def picture(state: ViewState) -> str | None:
        return pictures.url(state, prefix)

    app.layout = layout.serve(app, dataset, picture)
    callbacks.register(app, dataset, picture)
    first_pixels.register(app.server, dataset, pictures)
    if prerender:
        pictures.prerender()
    api.register(app.server, dataset)
    analysis.register(app, dataset)
    analysis_api.register(app.server, dataset)
    embed.register(app, dataset)
    profile.register(app, dataset)
    methods.register(app, dataset)
    caching.register(app)
    security.register(app)  # last: hashes Dash's inline scripts once all callbacks exist
    return app
