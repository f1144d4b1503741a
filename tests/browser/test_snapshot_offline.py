"""A snapshot page draws its map from file:// with no network request at all."""

from __future__ import annotations

import pytest

from dashboard.web import snapshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("indicator", ["nsp", "services"])
def test_snapshot_page_draws_offline(browser, tmp_path, indicator):
    snapshot.main([str(tmp_path), "--editions", "2023", "--indicators", indicator, "--no-png"])
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((tmp_path / "2023" / f"{indicator}.html").as_uri())
        page.wait_for_selector("#hra-map[data-drawn=true]", timeout=20_000)
        assert page.locator(".choroplethlocation").count() > 150
        assert page.locator(".scattergeo path.point").count() > 10, "small states drawn as dots"
        assert [u for u in requests if not u.startswith("file://")] == []
        assert errors == []
        page.goto((tmp_path / "index.html").as_uri())
        page.get_by_role("link", name="map").first.click()
        page.wait_for_selector("#hra-map[data-drawn=true]", timeout=20_000)
    finally:
        context.close()
