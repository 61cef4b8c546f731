"""The optional PDF step: every SOP page printed by headless Chromium, after its diagram.

Needs what ``chromium`` needs (selenium, Chromium and chromedriver). A page whose diagram
did not render stops the step with an error: no PDF is ever written without its diagram.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

from . import chromium

DIAGRAM_TIMEOUT = 30.0

# 'ok' when every diagram on the page is an SVG swimlane (drawn in the page by Mermaid, or
# drawn at build time and inline), or there is none to draw; 'error' if Mermaid failed in the
# page; else null.
DIAGRAM_STATE = """
const pending = document.querySelectorAll('pre.mermaid').length;
const hosts = [...document.querySelectorAll('div.mermaid')];
const inline = document.querySelectorAll('.sop-diagram svg.sop-diagram__svg').length;
if (pending) return null;
// A page without a diagram (one too large to draw) has nothing to wait for.
if (!hosts.length) return inline || !document.querySelector('.sop-diagram') ? 'ok' : null;
for (const host of hosts) {
  const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
  if (!svg) return null;
  if (svg.getAttribute('aria-roledescription') === 'error') return 'error';
}
return 'ok';
"""


class PdfError(Exception):
    """The PDF step could not print a page as it should be."""


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
    with chromium.serve(site) as base:
        try:
            driver = chromium.start()
        except chromium.ChromiumError as err:
            raise PdfError(str(err)) from None
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
