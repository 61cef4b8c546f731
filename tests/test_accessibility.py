"""The catalogue for everyone and on a phone: axe-core (WCAG 2.0/2.1 A and AA) in the real
headless Chromium at desktop and phone widths, and no page wider than a phone's screen.

axe-core is the npm package pinned in ``package.json`` (``npm ci`` installs it into
``node_modules/``); it is injected into each page with ``execute_script``, which the pages'
Content Security Policy does not govern.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import IN_CI, ROOT
from katalog_sop.model import Catalogue, Status
from katalog_sop.site import chromium, pdf

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

DESKTOP, PHONE = 1366, 390
PHONE_HEIGHT = 844

AXE_PAGES = ("beranda", "instansi", "sop-berlaku", "sop-draf", "cari", "panduan", "laporan")
"""The page kinds axe checks (the issue's list); ``_path`` says which page each is."""

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
  }))))
  .catch(error => done({error: String(error)}));
"""

# Null while Pagefind is still searching or a result still waits for its fragment.
RESULTS_READY = """
const message = document.querySelector('.pagefind-ui__message');
const cards = [...document.querySelectorAll('.pagefind-ui__result')];
if (!message || message.innerText.trim().endsWith('...') || !cards.length
    || cards.some(c => !c.querySelector('.pagefind-ui__result-link'))) return null;
return cards.length;
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, at the version ``package.json`` pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    if not AXE.is_file():
        message = f"axe-core not installed ({AXE}): run `npm ci` in {ROOT}"
        if IN_CI:
            pytest.fail(message + ": CI must run the accessibility tests")
        pytest.skip(message)
    installed = json.loads((AXE.parent / "package.json").read_text())["version"]
    assert installed == pinned, f"node_modules has axe-core {installed}, package.json pins " \
                                f"{pinned}: run `npm ci`"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def viewport(browser: Any) -> Iterator[Any]:
    """Sets the page's viewport width (a phone's is a mobile viewport); the shared browser
    gets its own size back afterwards."""

    def resize(width: int) -> None:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": PHONE_HEIGHT if width == PHONE else 900,
            "deviceScaleFactor": 1, "mobile": width == PHONE,
        })

    try:
        yield resize
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _first_word(name: str) -> str:
    return next(word for word in name.split() if len(word) > 3 and word.upper() != "SOP")


def _path(kind: str, catalogue: Catalogue) -> str:
    berlaku = next(sop for sop in catalogue.sops if sop.status is Status.BERLAKU)
    draf = next(sop for sop in catalogue.sops if sop.status is Status.DRAF)
    return {
        "beranda": "/",
        "instansi": f"/{berlaku.instansi}/",
        "sop-berlaku": f"/{berlaku.instansi}/{berlaku.slug}/",
        "sop-draf": f"/{draf.instansi}/{draf.slug}/",
        "cari": f"/cari/?q={_first_word(berlaku.nama).lower()}",
        "panduan": "/panduan-penyunting/",
        "laporan": "/laporan-kesesuaian/",
    }[kind]


def _wait(browser: Any, script: str, what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (value := browser.execute_script(script)) is not None:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not ready after {timeout:.0f} s")


def _open(browser: Any, url: str) -> None:
    """Load a page as a reader sees it: its diagram drawn, its search results shown."""
    browser.get(url)
    if browser.execute_script("return document.querySelector('.sop-diagram') !== null"):
        assert _wait(browser, pdf.DIAGRAM_STATE, f"{url} diagram") == "ok", url
    if browser.execute_script("return new URL(location.href).searchParams.has('q')"):
        _wait(browser, RESULTS_READY, f"{url} search results")


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " / ".join((node["summary"] or "").splitlines()[1:3])
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("kind", AXE_PAGES)
def test_no_serious_accessibility_violations(kind: str, width: int, real_catalogue: Catalogue,
                                             browser: Any, viewport: Any, site_url: str,
                                             axe_source: str) -> None:
    viewport(width)
    path = _path(kind, real_catalogue)
    _open(browser, site_url + path)
    browser.set_script_timeout(chromium.PAGE_TIMEOUT)
    browser.execute_script(axe_source)
    violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
    assert not isinstance(violations, dict), violations
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert failing == [], f"{path} at {width} px:\n{_report(failing)}"


def _every_page(site: Path, catalogue: Catalogue) -> list[str]:
    """Every HTML page of the built site, plus the search page with results."""
    pages = sorted("/" + page.relative_to(site).as_posix().removesuffix("index.html")
                   for page in site.rglob("*.html"))
    return [*pages, _path("cari", catalogue)]


def test_no_page_is_wider_than_a_phone(real_catalogue: Catalogue, built_site: Path,
                                       browser: Any, viewport: Any, site_url: str) -> None:
    viewport(PHONE)
    pages = _every_page(built_site, real_catalogue)
    kinds = {f"/{sop.instansi}/{sop.slug}/" for sop in real_catalogue.sops}
    assert kinds <= set(pages) and "/404.html" in pages
    wide = {}
    for path in pages:
        _open(browser, site_url + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        if width > PHONE:
            wide[path] = width
    assert wide == {}, f"pages wider than {PHONE} px: {wide}"


def test_the_diagram_has_an_accessible_name(real_catalogue: Catalogue, browser: Any,
                                            site_url: str) -> None:
    sop = real_catalogue.sops[0]
    _open(browser, f"{site_url}/{sop.instansi}/{sop.slug}/")
    named = browser.execute_script("""
        const svg = document.querySelector('div.mermaid').shadowRoot.querySelector('svg');
        const text = attribute => (svg.getAttribute(attribute) || '').split(' ')
          .map(id => svg.querySelector('#' + CSS.escape(id))).filter(Boolean)
          .map(el => el.textContent).join(' ');
        return [text('aria-labelledby'), text('aria-describedby')];
    """)
    assert named[0] == "Diagram alir"
    assert named[1].startswith(f"{len(sop.langkah)} langkah dalam {len(sop.pelaksana)} kolom")
