"""The Content-Security-Policy lets the dashboard and the embed work: zero violations in use."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MAP = ".choroplethlocation"
LISTEN = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_map_draws_and_works_with_no_csp_violation(page, live_server, path):
    page.page.add_init_script(LISTEN)
    response = page.page.goto(live_server.url + path)
    if path == "/embed" and response.status == 404:
        pytest.skip("/embed does not exist yet")
    assert "'self'" in response.headers["content-security-policy"]
    page.page.wait_for_selector(MAP, state="attached", timeout=20_000)
    shape = page.page.locator(MAP).nth(10)
    shape.hover(force=True)
    shape.click(force=True)
    option = page.page.locator("""[id*='"param":"indicator"'][id*='"value":"oat"']""")
    if option.count():
        option.first.click()
    page.page.wait_for_load_state("networkidle")
    assert page.page.locator(MAP).count() > 100
    assert page.page.evaluate("window.__csp") == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    assert page.external_requests == []
