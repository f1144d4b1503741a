"""The trend, changes and regions views in a real browser: tabs, lists with sources, numbers = the API."""

from __future__ import annotations

import io

import pandas as pd
import pytest

pytestmark = pytest.mark.browser


def test_changes_trend_and_regions_views(page, live_server, client):
    p = page.page if hasattr(page, "page") else page
    p.goto(f"{live_server.url}/?view=changes&indicator=nsp&edition=2024&compare=2023")
    p.locator(".change-gained [data-iso3]").first.wait_for(timeout=20_000)
    gained = p.locator(".change-gained [data-iso3]").evaluate_all("els => els.map(e => e.dataset.iso3)")
    lost = p.locator(".change-lost [data-iso3]").evaluate_all("els => els.map(e => e.dataset.iso3)")
    assert sorted(gained) == ["BGR", "BRA", "GHA"] and sorted(lost) == ["DOM", "GIN"]
    assert p.locator(".change-gained [data-iso3] a.source").count() >= 3
    assert p.locator("#map-section").is_hidden()

    p.locator("#view-tab-trend").click()
    p.wait_for_url("**view=trend**")
    p.locator(".trend-table").first.wait_for()
    p.goto(f"{live_server.url}/?view=trend&indicator=oat")
    p.locator(".trend-table").wait_for(timeout=20_000)
    cells = p.locator(".trend-table tbody td:nth-child(2)").all_inner_texts()
    assert cells == ["84", "87", "88", "94"]

    p.goto(f"{live_server.url}/?view=regions&edition=2024")
    p.locator(".regions-table").wait_for(timeout=20_000)
    # the cells' own text (innerText's tabs depend on layout, which may not be applied yet)
    rows = p.locator(".regions-table tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.cells].map(c => c.textContent.trim()))"
    )
    assert len(rows) == 9
    api = pd.read_csv(io.BytesIO(client.get("/api/v1/regions.csv?edition=2024").data))
    for cells, (_, row) in zip(rows, api.iterrows()):
        assert cells[0] == row["region"] and int(cells[1]) == row["countries"]
        assert int(cells[2]) == row["nsp_yes"] and int(cells[3]) == row["nsp_unknown"]
