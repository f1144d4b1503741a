"""The recipes and references a developer follows stay true (datasette's ``tests/test_docs.py`` idea)."""

from __future__ import annotations

import re

from dashboard.core.config import ROOT
from dashboard.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalog_path

DASH_INTERNALS = re.compile(r"^/(_dash-|_reload-hash|_favicon\.ico|static/|assets/|<path:path>)")


def documented_routes() -> set[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    return set(re.findall(r"`(/[^`\s?]*)`", text))


def test_every_route_in_the_url_map_is_in_docs_api_md(app):
    routes = {r.rule for r in app.server.url_map.iter_rules() if not DASH_INTERNALS.match(r.rule)}
    assert routes, "no routes found"
    missing = sorted(routes - documented_routes())
    assert not missing, f"add a row to docs/api.md for: {missing}"


def test_every_language_has_a_catalog():
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            assert catalog_path(lang).is_file(), f"{lang}: run the CONTRIBUTING.md language recipe"


def test_contributing_names_the_commands_it_relies_on():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make ([\w-]+)", text):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"make {target} is not in the Makefile"
    assert "pre-commit install" in text and (ROOT / ".pre-commit-config.yaml").is_file()
    for path in re.findall(r"`((?:dashboard|tests|scripts|data|docs)/[\w/.-]+\.\w+)`", text):
        assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"


IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+\.png)\)")


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_dashboard_guide_and_its_screenshots_exist():
    guide = ROOT / "docs" / "dashboard.md"
    assert guide.is_file(), "docs/dashboard.md (the dashboard guide) is missing"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/dashboard.md)" in readme, "the README's dashboard section should link docs/dashboard.md"
    shots = [(guide.parent / src) for src in IMAGE.findall(guide.read_text(encoding="utf-8"))]
    shots += [(ROOT / src) for src in IMAGE.findall(readme)]
    assert shots, "docs/dashboard.md embeds no screenshot"
    for shot in shots:
        assert shot.is_file(), f"screenshot {shot.relative_to(ROOT)} is referenced but does not exist"
    # The README's main screenshot shows the first screen of a 1366×768 laptop (issue 11).
    assert png_size(ROOT / "docs" / "screenshots" / "dashboard.png") == (1366, 768)
