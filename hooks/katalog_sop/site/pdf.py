"""The optional PDF step: every SOP page printed by headless Chromium, after its diagram.

Needs ``selenium`` (requirements-dev.txt) and Chromium with chromedriver (Debian packages
``chromium`` and ``chromium-driver``; other paths through ``KATALOG_CHROMIUM`` and
``KATALOG_CHROMEDRIVER``). A page whose diagram did not render stops the step with an error:
no PDF is ever written without its diagram.
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DIAGRAM_TIMEOUT = 30.0

# Material renders each diagram into a closed shadow root; open it so the step can check it.
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) {"
    "  return attach.call(this, Object.assign({}, init, {mode: 'open'})); };"
)

# 'ok' when every diagram on the page is an SVG swimlane (or there is none to draw), 'error'
# if Mermaid failed, else null.
DIAGRAM_STATE = """
const pending = document.querySelectorAll('pre.mermaid').length;
const hosts = [...document.querySelectorAll('div.mermaid')];
if (pending) return null;
// A page without a diagram (one too large to draw) has nothing to wait for.
if (!hosts.length) return document.querySelector('.sop-diagram') ? null : 'ok';
for (const host of hosts) {
  const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
  if (!svg) return null;
  if (svg.getAttribute('aria-roledescription') === 'error') return 'error';
}
return 'ok';
"""


PAGE_TIMEOUT = 60
"""Seconds a page may take to load or answer a script before the step gives up."""


class PdfError(Exception):
    """The PDF step could not print a page as it should be."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


# Chromium flags that work headless as root on a machine without a network beyond loopback.
CHROME_ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site served on a loopback port, as ``http://127.0.0.1:<port>/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _driver() -> Any:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as err:
        raise PdfError("paket selenium belum terpasang (pip install -r requirements-dev.txt)"
                       ) from err
    chromium = os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium")
    chromedriver = os.environ.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver")
    for path in (chromium, chromedriver):
        if not Path(path).exists():
            raise PdfError(f"{path} tidak ada (pasang paket Debian chromium dan chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    except Exception as err:  # selenium's own errors: Chromium did not start
        raise PdfError(f"Chromium tidak dapat dijalankan: {type(err).__name__}") from None
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    driver.set_script_timeout(PAGE_TIMEOUT)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OPEN_SHADOW_ROOTS})
    return driver


def _wait_for_diagram(driver: Any, page: str) -> None:
    deadline = time.monotonic() + DIAGRAM_TIMEOUT
    while time.monotonic() < deadline:
        state = driver.execute_script(DIAGRAM_STATE)
        if state == "ok":
            return
        if state == "error":
            raise PdfError(f"{page}: Mermaid gagal menggambar diagram alir")
        time.sleep(0.1)
    raise PdfError(f"{page}: diagram alir tidak selesai digambar dalam {DIAGRAM_TIMEOUT:.0f} detik")


def _print(driver: Any, base: str, site: Path, page: str) -> Path:
    driver.get(base + page)
    _wait_for_diagram(driver, page)
    # The same code path as the reader's print dialog: beforeprint fits the diagram.
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "preferCSSPageSize": True, "printBackground": True, "displayHeaderFooter": False,
    })
    target = site / page / f"{Path(page).name}.pdf"
    target.write_bytes(base64.b64decode(result["data"]))
    return target


def render_site(site: Path) -> list[Path]:
    """Print every SOP page of a built site (see ``render_all``)."""
    targets = sorted(p.parent for p in site.glob("*/*/index.html"))
    return render_all(site, [t.relative_to(site).as_posix() + "/" for t in targets])


def render_all(site: Path, pages: list[str]) -> list[Path]:
    """Print each SOP page (``instansi/sop/``) of a built site to ``instansi/sop/sop.pdf``."""
    written: list[Path] = []
    sop_pages = [page for page in pages
                 if 'class="sop-halaman"' in (site / page / "index.html").read_text("utf-8")]
    with serve(site) as base:
        driver = _driver()
        try:
            for page in sop_pages:
                try:
                    written.append(_print(driver, base, site, page))
                except PdfError:
                    raise
                except Exception as err:  # selenium's and urllib3's errors (time-outs)
                    raise PdfError(f"{page}: Chromium tidak menjawab ({type(err).__name__}); "
                                   "halaman ini terlalu berat untuk dicetak") from None
        finally:
            driver.quit()
    return written
