"""/country/COL in Chromium: the facts shown, axe clean, no console error, nothing fetched off-server."""

from __future__ import annotations

import pytest
from test_accessibility import AXE, RUN_AXE, SERIOUS

pytestmark = pytest.mark.browser


def test_colombia_profile_in_a_real_browser(page, live_server):
    p = page.page
    p.add_init_script(path=str(AXE))
    response = p.goto(live_server.url + "/country/COL")
    assert response is not None and response.ok
    p.wait_for_load_state("networkidle")
    row = p.locator("table.profile-facts tr", has_text="Drug consumption rooms")
    assert row.locator("td").nth(2).locator(".badge").inner_text() == "Yes"  # 2023
    assert row.locator("td").nth(3).locator(".badge").inner_text() == "Yes"  # 2024
    assert p.locator("table.profile-compare caption").inner_text().startswith("Countries of Latin America")
    assert p.locator(".profile-sources li").count() >= 2
    violations = [v for v in p.evaluate(RUN_AXE) if v["impact"] in SERIOUS]
    assert violations == []
    assert page.console_errors == [] and page.external_requests == []
