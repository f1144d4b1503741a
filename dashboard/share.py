"""Download, embed and cite controls for the dashboard (filled in by the exports issue).

Interface used by layout.py and factory.py:
- ``controls(state, t)`` returns the component placed in the dashboard's toolbar;
- ``register(app, dataset)`` adds the callbacks that keep its links in sync with the URL state.
"""

from __future__ import annotations

from dash import Dash, html

from dashboard.data import Dataset
from dashboard.i18n import Translate
from dashboard.state import ViewState


def controls(state: ViewState, t: Translate) -> html.Div:
    return html.Div(id="share-controls", className="share")


def register(app: Dash, dataset: Dataset) -> None:
    """No callbacks yet."""
