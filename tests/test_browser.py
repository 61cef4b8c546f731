"""What a reader sees: every SOP page in a real headless Chromium."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from katalog_sop.catalogue import load_catalogue

pytestmark = pytest.mark.browser

CATALOGUE = load_catalogue(ROOT / "sops", ROOT).catalogue
assert CATALOGUE is not None, "the real catalogue must load"

# Reads the rendered diagram out of the shadow root Material puts it in.
READ_DIAGRAM = """
const hosts = [...document.querySelectorAll('div.mermaid')];
return hosts.map(host => {
  const root = host.shadowRoot;
  const svg = root && root.querySelector('svg');
  if (!svg) return null;
  const texts = [...svg.querySelectorAll('*')]
    .filter(el => el.tagName.toLowerCase() !== 'style' && el.children.length === 0)
    .map(el => el.textContent.trim()).filter(t => t);
  return {
    role: svg.getAttribute('aria-roledescription'),
    text: texts.join(' | '),
    width: svg.getBoundingClientRect().width,
  };
});
"""


def _wait_for_diagrams(driver: Any, timeout: float = 30.0) -> list[dict[str, Any] | None]:
    deadline = time.monotonic() + timeout
    diagrams: list[dict[str, Any] | None] = []
    while time.monotonic() < deadline:
        diagrams = driver.execute_script(READ_DIAGRAM)
        if diagrams and all(d is not None for d in diagrams):
            return diagrams
        time.sleep(0.2)
    return diagrams


def _requests(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.mark.parametrize("sop", CATALOGUE.sops, ids=lambda sop: sop.key)
def test_sop_page_renders_swimlane_diagram(sop: Any, browser: Any, site_url: str) -> None:
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(f"{site_url}/{sop.instansi}/{sop.slug}/")

    diagrams = _wait_for_diagrams(browser)

    assert len(diagrams) == 1, f"expected one rendered diagram, got {diagrams}"
    diagram = diagrams[0]
    assert diagram is not None, "the diagram did not render to SVG"
    assert diagram["role"] == "swimlane", diagram["text"]
    assert "Syntax error" not in diagram["text"]
    assert diagram["width"] > 100
    for lane in sop.pelaksana:
        assert lane in diagram["text"], f"lane {lane!r} missing from the diagram"
    for terminator in ("Mulai", "Selesai"):
        assert terminator in diagram["text"]
    console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert console == []
    foreign = [url for url in _requests(browser)
               if urlsplit(url).scheme in ("http", "https", "ws", "wss")
               and urlsplit(url).hostname != "127.0.0.1"]
    assert foreign == []


def test_lanes_are_in_form_order(browser: Any, site_url: str) -> None:
    """The lanes appear left to right in the order of the form's columns."""
    sop = CATALOGUE.sop("satpolpp-lumajang/pengumpulan-data-kinerja")
    assert sop is not None
    browser.get(f"{site_url}/{sop.instansi}/{sop.slug}/")
    assert _wait_for_diagrams(browser)
    positions = browser.execute_script("""
        const svg = document.querySelector('div.mermaid').shadowRoot.querySelector('svg');
        return [...svg.querySelectorAll('text, span, div, p')]
          .filter(el => el.children.length === 0 && el.textContent.trim())
          .map(el => [el.textContent.trim(), el.getBoundingClientRect().left]);
    """)
    first_left = {}
    for label, left in positions:
        first_left.setdefault(label, left)
    lefts = [first_left[name] for name in sop.pelaksana]
    assert lefts == sorted(lefts), dict(zip(sop.pelaksana, lefts, strict=True))


def test_pages_without_diagram_do_not_load_mermaid(browser: Any, site_url: str) -> None:
    browser.get_log("performance")
    for path in ("/", "/satpolpp-lumajang/", "/tentang/"):
        browser.get(site_url + path)
        assert browser.execute_script("return typeof window.mermaid") == "undefined"
    assert not [url for url in _requests(browser) if "mermaid" in url]


def test_home_lists_instansi_with_counts(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/")
    rows = browser.execute_script("""
        return [...document.querySelectorAll('table.katalog-instansi tbody tr')]
          .map(tr => [...tr.cells].map(td => td.textContent.trim()));
    """)
    expected = [[a.nama, a.pemerintah, str(len(CATALOGUE.sops_of(a.slug)))]
                for a in CATALOGUE.instansi]
    assert rows == expected


def test_search_finds_an_sop(browser: Any, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url + "/")
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.send_keys("pengukuran")
    deadline = time.monotonic() + 15
    titles: list[str] = []
    while time.monotonic() < deadline and not titles:
        titles = browser.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item h1')]"
            ".map(h => h.textContent.trim())")
        time.sleep(0.2)
    assert any("PENGUKURAN KINERJA" in title.upper() for title in titles), titles
