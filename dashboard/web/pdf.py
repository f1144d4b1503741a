"""HTML to PDF with the system Chromium's own print engine (CDP ``Page.printToPDF``).

Why Chromium and not WeasyPrint: the image export already needs Chromium, so no new system
library is added; and the PDF is the browser's own print of the page's print stylesheet, so a
visitor's "Print" gives the same page as ``/country/<ISO3>.pdf``. The browser is driven through
``choreographer`` (kaleido's dependency), kept warm on a background event loop like the image
renderer (``dashboard.web.render``): a cold start takes seconds, a warm print well under one.

The page is written to a temporary file and opened from there (every stylesheet and image is
inlined into it), and network access is switched off in the tab, so printing never leaves the
machine. One print at a time per process; results are cached per (ISO-3, language).
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cachetools import LRUCache

from dashboard.web.render import BROWSER_NAMES, ImagesUnavailable, get_browser_path

PRINT_TIMEOUT = 60  # seconds, a cold start included
A4_INCHES = (8.27, 11.69)
logger = logging.getLogger(__name__)


class PdfUnavailable(ImagesUnavailable):
    """No Chromium to print with, or printing failed: the route answers 503."""


class PdfPrinter:
    """One long-lived headless Chromium that prints HTML files to PDF bytes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one print at a time: the machine has few cores
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: Any = None

    def _start(self) -> None:
        path = get_browser_path(BROWSER_NAMES)
        if not path or not Path(path).exists():
            logger.error("pdf: no Chromium found on PATH (tried %s)", ", ".join(BROWSER_NAMES))
            raise PdfUnavailable("PDF export needs Chromium, which is not installed on this server.")
        from choreographer import Browser  # imported late: only PDF requests need it

        async def open_browser() -> Any:
            browser = Browser(path=path, headless=True)
            await browser.open()
            return browser

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="pdf", daemon=True).start()
        try:
            self._browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(PRINT_TIMEOUT)
        except Exception as exc:
            loop.call_soon_threadsafe(loop.stop)
            logger.exception("pdf: Chromium at %s could not start", path)
            raise PdfUnavailable(f"Chromium could not start for PDF export ({type(exc).__name__}).") from exc
        self._loop = loop
        atexit.register(self.close)

    def close(self) -> None:
        loop, browser = self._loop, self._browser
        self._loop = self._browser = None
        if loop is None:
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)

    async def _print(self, url: str) -> bytes:
        tab = await self._browser.create_tab("about:blank")
        try:
            await tab.send_command("Page.enable")
            await tab.send_command("Network.enable")
            await tab.send_command(
                "Network.emulateNetworkConditions",
                params={"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            )
            loaded = tab.subscribe_once("Page.loadEventFired")
            await tab.send_command("Page.navigate", params={"url": url})
            await loaded
            answer = await tab.send_command(
                "Page.printToPDF",
                params={
                    "preferCSSPageSize": True,
                    "printBackground": True,
                    "paperWidth": A4_INCHES[0],
                    "paperHeight": A4_INCHES[1],
                    "displayHeaderFooter": False,
                },
            )
            if "error" in answer:
                raise RuntimeError(str(answer["error"])[:300])
            return base64.b64decode(answer["result"]["data"])
        finally:
            with contextlib.suppress(Exception):
                await self._browser.close_tab(tab)

    def print_html(self, html: str) -> bytes:
        """The PDF of a complete, self-contained HTML page (``PdfUnavailable`` when it fails)."""
        with self._lock:
            if self._loop is None:
                self._start()
            loop = self._loop
            assert loop is not None
            with tempfile.TemporaryDirectory(prefix="atlas-pdf-") as tmp:
                page = Path(tmp) / "page.html"
                page.write_text(html, encoding="utf-8")
                future = asyncio.run_coroutine_threadsafe(self._print(page.as_uri()), loop)
                try:
                    return future.result(PRINT_TIMEOUT)
                except Exception as exc:
                    future.cancel()
                    logger.exception("pdf: printing failed; restarting Chromium")
                    self.close()
                    raise PdfUnavailable(f"The PDF could not be made ({type(exc).__name__}).") from exc


PRINTER = PdfPrinter()  # one browser per process, started by the first PDF request


class PdfCache:
    """PDF bytes per key (ISO-3, language), least recently used dropped first."""

    def __init__(self, printer: PdfPrinter, size: int = 64) -> None:
        self.printer = printer
        self._items: LRUCache[tuple[str, str], bytes] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str], build: Callable[[], str]) -> bytes:
        with self._lock:
            data = self._items.get(key)
        if data is None:
            data = self.printer.print_html(build())
            with self._lock:
                self._items[key] = data
        return data
