"""/api/v1/{trend,changes,regions}.{csv,json,png,svg}: same parameters and strict 400s as the other routes."""

from __future__ import annotations

import io

import pandas as pd
import pytest


@pytest.mark.parametrize("name", ["trend", "changes", "regions"])
def test_csv_and_json_hold_the_same_rows(client, name):
    csv = client.get(f"/api/v1/{name}.csv?edition=2024&compare=2023")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert f"harm-reduction-atlas_{name}_nsp_2024_world.csv" in csv.headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(csv.data), keep_default_na=False, dtype=str)
    body = client.get(f"/api/v1/{name}.json?edition=2024&compare=2023").get_json()
    assert body["view"] == name and body["source"].startswith("Source: Harm Reduction International")
    assert body["columns"] == list(frame.columns)
    assert len(body["rows"]) == len(frame)


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("view=bogus", "view"),
        ("edition=1999", "edition"),
        ("region=mars", "region"),
        ("preset=huge", "preset"),
    ],
)
def test_bad_values_are_400_naming_the_parameter(client, query, parameter):
    route = "/api/v1/regions.png" if parameter == "preset" else "/api/v1/trend.csv"
    response = client.get(f"{route}?{query}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter


def test_images_are_503_without_chromium(client, monkeypatch):
    from dashboard.web import render

    monkeypatch.setattr(render, "get_browser_path", lambda names: None)
    monkeypatch.setattr(render.RENDERER, "_loop", None)
    response = client.get("/api/v1/trend.png?lang=ar&preset=a4&indicator=dcr")
    assert response.status_code == 503
    assert "Chromium" in response.get_json()["error"]
