"""Accessibility: axe-core finds no serious or critical violation; the keyboard reaches every control.

axe-core is vendored (tests/vendor/axe.min.js, MPL-2.0) and added as an init script, which the
page's Content-Security-Policy does not block, so the page is tested exactly as served.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
MAP = ".choroplethlocation"
SERIOUS = ("serious", "critical")
PATHS = [
    "/",
    "/embed",
    "/?lang=ar",
    "/?country=COL&indicator=services&compare=2020",
    "/?indicator=services&edition=2024&region=asia&country=VNM",
]
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 8),
  }));
}"""
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]),"
    " textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)
# A composite widget (a data grid) is one Tab stop: arrow keys move inside it (WAI-ARIA grid).
COMPOSITE = ".ag-root-wrapper, [role=grid], [role=treegrid]"
GRID_TAB_LIMIT = 12  # Tab presses inside one grid before we call it a walk through every cell
# Focusable controls a person can see, numbered (data-a11y-index) so Tab stops can be matched;
# each composite widget is numbered once, for all its focusable parts.
CONTROLS = """([focusable, composite]) => {
  const outermost = el => { let c = el.closest(composite), up;
    while (c && (up = c.parentElement && c.parentElement.closest(composite))) c = up; return c; };
  const seen = [];
  for (const el of document.querySelectorAll(focusable)) {
    const hidden = el.closest('[hidden], [inert], [aria-hidden=true]');
    if (hidden || !el.checkVisibility({visibilityProperty: true})) continue;
    const target = outermost(el) || el;
    if (!seen.includes(target)) seen.push(target);
  }
  return seen.map((el, i) => { el.dataset.a11yIndex = i; return el.outerHTML.slice(0, 160); });
}"""
# The focused element: its control index (or its composite's) and whether it is inside a composite.
ACTIVE = """(composite) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {key: '', composite: false};
  const owner = el.closest('[data-a11y-index]');
  return {key: owner ? owner.dataset.a11yIndex : el.outerHTML.slice(0, 160),
          composite: !!el.closest(composite)};
}"""


# every header row of the table has its cells and the body has its cells (ag-grid fills them in steps)
GRID_DRAWN = """() => {
  const rows = [...document.querySelectorAll('.atlas-grid .ag-header-row')];
  return rows.length > 0 && rows.every(r => r.children.length > 0)
    && document.querySelector('.atlas-grid .ag-body-viewport .ag-cell') !== null;
}"""


def open_page(page, url: str) -> None:
    page.add_init_script(path=str(AXE))
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_selector(MAP, state="attached", timeout=20_000)
    page.wait_for_load_state("networkidle")
    if page.locator(".atlas-grid").count():  # the table's script loads after the map: audit it loaded
        page.wait_for_selector(".atlas-grid .ag-row", state="attached", timeout=20_000)
        # and drawn: ag-grid fills its header row a moment after its first rows (a busy machine
        # could catch the empty header row, a transient axe finding)
        page.wait_for_function(GRID_DRAWN, timeout=20_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)


@dataclass
class Report:
    """What axe and the keyboard found on one page."""

    violations: list[dict]  # serious and critical only
    controls: list[str]
    stops: list[tuple[str, bool]]
    walked: list[str]

    def problems(self, path: str) -> dict[str, list[str]]:
        """{check: what failed}; only failing checks."""
        found = {v["id"]: [f"{v['impact']}: {v['help']} {v['targets']}"] for v in self.violations}
        reached = {key for key, _ in self.stops}
        missed = [markup for i, markup in enumerate(self.controls) if str(i) not in reached]
        invisible = [self.controls[int(k)] if k.isdigit() else k for k, shown in self.stops if not shown]
        found |= {"tab-reach": missed, "focus-visible": invisible, "grid-tab": self.walked}
        return {check: what for check, what in found.items() if what}


_reports: dict[str, Report] = {}


@pytest.fixture()
def report(browser, live_server, client):
    """The (cached) report for a path: one browser visit per page for every check."""

    def get(path: str) -> Report:
        if path == "/embed" and client.get("/embed").status_code != 200:
            pytest.skip("/embed does not exist yet")
        if path not in _reports:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                open_page(page, live_server.url + path)
                found = [v for v in page.evaluate(RUN_AXE) if v["impact"] in SERIOUS]
                controls = page.evaluate(CONTROLS, [FOCUSABLE, COMPOSITE])
                _reports[path] = Report(found, controls, *tab_through(page, controls))
            finally:
                context.close()
        return _reports[path]

    return get


@pytest.mark.parametrize("path", PATHS)
def test_no_serious_or_critical_axe_violation_and_every_control_reachable_with_visible_focus(report, path):
    assert report(path).problems(path) == {}


def test_the_checks_can_fail():
    """A page with a missing label, an unreachable control and no focus ring fails each check."""
    bad = Report(
        [
            {
                "id": "label",
                "impact": "critical",
                "help": "Form elements must have labels",
                "targets": ["input"],
            }
        ],
        ["<button>a</button>", "<button>b</button>"],
        [("0", False)],
        [],
    )
    assert set(bad.problems("/")) == {"label", "tab-reach", "focus-visible"}


def tab_through(page, controls: list[str]) -> tuple[list[tuple[str, bool]], list[str]]:
    """Press Tab round the page: (control key, shows a focus indicator) per stop, and the composite
    widgets where Tab walked cell by cell instead of leaving (focus is moved past them to go on)."""
    stops: list[tuple[str, bool]] = []
    walked: list[str] = []
    inside = 0
    for _ in range(len(controls) + 3 * GRID_TAB_LIMIT + 20):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE, COMPOSITE)
        key = active["key"]
        if not key:
            continue  # focus left the page (browser UI) before wrapping round
        if stops and key == stops[0][0]:
            break  # back at the first stop: the whole page has been visited
        if stops and key == stops[-1][0] and active["composite"]:
            inside += 1
            if inside >= GRID_TAB_LIMIT and key.isdigit():
                walked.append(controls[int(key)])
                page.evaluate(
                    "(i) => document.querySelector(`[data-a11y-index='${i}']`)?.focus()",
                    int(key) + 1,
                )
                page.keyboard.press("Shift+Tab")  # back onto the grid's last stop; next Tab leaves
                inside = 0
            continue
        inside = 0
        stops.append((key, focus_visible(page, page.evaluate_handle("document.activeElement"))))
    return stops, walked


def focus_visible(page, handle) -> bool:
    """Whether the focused element looks different unfocused (outline, ring, colour): compare pixels."""
    box = handle.bounding_box()
    viewport = page.viewport_size
    if not box or box["width"] == 0:
        return False
    margin = 6
    x, y = max(box["x"] - margin, 0), max(box["y"] - margin, 0)
    clip = {
        "x": x,
        "y": y,
        "width": min(box["width"] + 2 * margin, viewport["width"] - x),
        "height": min(box["height"] + 2 * margin, viewport["height"] - y),
    }
    focused = page.screenshot(clip=clip)
    handle.evaluate("el => el.blur()")
    blurred = page.screenshot(clip=clip)
    handle.evaluate("el => el.focus({focusVisible: true})")
    return focused != blurred


def test_tab_leaves_the_table_and_arrow_keys_move_between_its_cells(browser, live_server):
    """The table is one Tab stop (WAI-ARIA grid): Tab and Shift+Tab leave it, arrows stay inside."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, live_server.url + "/")
        page.wait_for_selector(".ag-row .ag-cell")
        cell = (
            "(el => el && el.closest('.ag-cell') ? el.closest('.ag-cell').getAttribute('col-id')"
            " + '@' + el.closest('.ag-row').getAttribute('row-index') : null)(document.activeElement)"
        )
        page.locator(".ag-row[row-index='0'] .ag-cell").first.focus()
        first = page.evaluate(cell)
        page.keyboard.press("ArrowDown")
        assert page.evaluate(cell) == first.replace("@0", "@1")
        page.keyboard.press("ArrowRight")
        assert page.evaluate(cell) not in (None, first.replace("@0", "@1"))
        page.keyboard.press("Tab")
        assert page.evaluate(cell) is None, "Tab should leave the grid"
        assert page.evaluate("!!document.activeElement.closest('.ag-root-wrapper')") is False
        page.locator(".ag-row[row-index='1'] .ag-cell").first.focus()
        # the grid takes a cell's focus in its own focusin handler: press only once it has
        page.wait_for_function("!!document.activeElement.closest(\".ag-row[row-index='1']\")")
        page.keyboard.press("Shift+Tab")
        outside = "!document.activeElement.closest('.ag-root-wrapper')"
        try:
            page.wait_for_function(outside, timeout=3000)
        except Exception:
            where = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
            raise AssertionError(f"Shift+Tab should leave the grid; focus is on {where}") from None
    finally:
        context.close()
