"""Retake the screenshots of docs/screenshots/ from a running app (viewport pictures, headless Chromium).

    PORT=8095 python app.py &        # the app on its embedded data
    python scripts/screenshots.py http://127.0.0.1:8095

Each picture waits until the live map has drawn (``#map-wrap.is-drawn``) and the network is quiet.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LAPTOP, PROJECTOR, PHONE = (1366, 768), (1280, 720), (390, 844)
# file -> (viewport, path and query)
SHOTS = {
    "dashboard.png": (LAPTOP, "/"),
    "lang-en.png": (LAPTOP, "/?lang=en"),
    "lang-es.png": (LAPTOP, "/?lang=es"),
    "lang-fr.png": (LAPTOP, "/?lang=fr"),
    "lang-ru.png": (LAPTOP, "/?lang=ru"),
    "lang-ar.png": (LAPTOP, "/?lang=ar"),
    "panel.png": (LAPTOP, "/?country=COL"),
    "projector.png": (PROJECTOR, "/"),
    "projector-ru.png": (PROJECTOR, "/?lang=ru"),
    "mobile.png": (PHONE, "/"),
    "mobile-ru.png": (PHONE, "/?lang=ru"),
}


def main(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, ((width, height), path) in SHOTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(base.rstrip("/") + path)
            page.wait_for_selector("#map-wrap.is-drawn", timeout=60_000)
            if "country=" in path:
                page.wait_for_selector("#panel-heading", timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / name))
            print(OUT / name)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050")
