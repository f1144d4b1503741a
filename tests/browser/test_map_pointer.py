"""A real mouse on the map: hover shows the country and its status, a click opens its panel.

Dispatching plotly events (as test_dashboard.py does) skips plotly's own hit-testing, which is
where a missing hover anchor in the geometry (``properties.ct``) used to throw; so these tests move
and click the pointer like a person.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


def centre_of(p, iso3: str) -> tuple[float, float]:
    """Screen centre of a country's shape (found through the data plotly binds to each path)."""
    box = p.evaluate(
        """iso3 => {
        const path = [...document.querySelectorAll('#map .choroplethlocation')]
            .find(el => el.__data__ && el.__data__.loc === iso3);
        path.scrollIntoView({block: 'center', inline: 'center'});
        const r = path.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
    }""",
        iso3,
    )
    return box[0], box[1]


@pytest.mark.parametrize(
    ("path", "iso3", "name", "status"),
    [
        ("/", "BRA", "Brazil", "No"),
        ("/?indicator=dcr&edition=2024", "AUS", "Australia", "Yes"),
        ("/?indicator=policy&lang=fr", "DZA", "Algérie", "Oui"),
    ],
)
def test_hover_and_click_a_country_with_the_mouse(page, live_server, path, iso3, name, status):
    p = page.page
    p.goto(live_server.url + path)
    p.wait_for_selector("#map .choroplethlocation", timeout=TIMEOUT)
    p.wait_for_timeout(300)  # let plotly finish its first layout pass
    x, y = centre_of(p, iso3)
    p.mouse.move(x - 3, y - 3)
    p.mouse.move(x, y)
    hover = p.wait_for_selector("#map .hoverlayer .hovertext", timeout=TIMEOUT)
    text = hover.text_content()
    assert name in text and status in text
    p.mouse.click(x, y)
    p.wait_for_selector(f"#country-panel h2:has-text('{name}')", timeout=TIMEOUT)
    assert f"country={iso3}" in p.url
    assert page.console_errors == []
    assert page.external_requests == []
