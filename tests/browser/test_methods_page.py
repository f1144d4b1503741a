"""/methods in a real browser (axe clean, English and Arabic) and the Malta panel in French: HRI's
report first in every known cell, no bare rule code, each rule linked to its /methods anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
CELLS = """() => [...document.querySelectorAll('table.facts td')].map(td => ({
  status: td.querySelector('.badge').textContent,
  links: [...td.querySelectorAll('a')].map(a => ({text: a.textContent, href: a.getAttribute('href'),
    label: a.getAttribute('aria-label') || ''})),
}))"""


def test_methods_page_is_axe_clean_and_its_anchors_work(page, live_server):
    page.page.add_init_script(path=str(AXE))
    for lang in ("en", "ar"):
        page.page.goto(f"{live_server.url}/methods?lang={lang}#rule-r3")
        assert page.page.evaluate(RUN_AXE) == [], lang
        assert page.page.evaluate("document.querySelector(':target').id") == "rule-r3"
    assert page.console_errors == [] and page.external_requests == []


def test_malta_panel_in_french_names_hri_first_and_links_its_rules(page, live_server, dataset):
    page.page.goto(f"{live_server.url}/?country=MLT&lang=fr")
    page.page.wait_for_selector("#panel-heading", timeout=30_000)
    cells = page.page.evaluate(CELLS)
    known = [c for c in cells if c["status"] != "Inconnu"]
    assert len(known) >= 16
    reports = set(dataset.report_urls.values())
    for cell in known:
        first = cell["links"][0]
        assert first["text"] == "HRI" and first["href"] in reports, cell
        assert first["label"].startswith("HRI, État mondial de la réduction des risques"), cell
        assert any(re.match(r"methods\?lang=fr#rule-[a-z0-9-]+$", a["href"] or "") for a in cell["links"]), (
            cell
        )
    text = page.page.inner_text("#panel-heading >> xpath=..")
    assert not re.search(r"\b(R[1-5]|P23|DCR rule|Parsed|CDC_2026)\b", text)
    page.page.click("a[href='methods?lang=fr#rule-r3'] >> nth=0")  # opens /methods in a new tab
    assert page.console_errors == []
