"""What a reader sees: every SOP page in a real headless Chromium."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import SOP_KEYS, real_sop
from katalog_sop.model import Catalogue

pytestmark = pytest.mark.browser

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


@pytest.mark.parametrize("key", SOP_KEYS)
def test_sop_page_renders_swimlane_diagram(key: str, real_catalogue: Catalogue, browser: Any,
                                           site_url: str) -> None:
    sop = real_sop(real_catalogue, key)
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


def test_lanes_are_in_form_order(real_catalogue: Catalogue, browser: Any, site_url: str) -> None:
    """The lanes appear left to right in the order of the form's columns."""
    sop = real_sop(real_catalogue, "satpolpp-lumajang/pengumpulan-data-kinerja")
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


def test_home_lists_instansi_with_counts(real_catalogue: Catalogue, browser: Any,
                                        site_url: str) -> None:
    browser.get(site_url + "/")
    rows = browser.execute_script("""
        return [...document.querySelectorAll('table.katalog-instansi tbody tr')]
          .map(tr => [...tr.cells].map(td => td.textContent.trim()));
    """)
    expected = [[a.nama, a.pemerintah, str(len(real_catalogue.sops_of(a.slug)))]
                for a in real_catalogue.instansi]
    assert rows == expected


# Null while the search runs: no message yet, "Mencari <query>..." (no results yet), or a card
# still waiting for its fragment (no link yet).
READ_RESULTS = """
const message = document.querySelector('.pagefind-ui__message');
const cards = [...document.querySelectorAll('.pagefind-ui__result')];
if (!message || message.innerText.trim().endsWith('...')
    || cards.some(c => !c.querySelector('.pagefind-ui__result-link'))) return null;
return [message.innerText, cards.map(c => c.innerText)];
"""


def _results(browser: Any, previous: str | None = None) -> tuple[str, list[str]]:
    """The result message ("Ditemukan N hasil ...") and cards, once loaded and changed."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = browser.execute_script(READ_RESULTS)
        if found and found[0] != previous:
            return found[0], found[1]
        time.sleep(0.2)
    raise AssertionError(f"no search results (last: {previous!r})")


def _search(browser: Any, site_url: str, query: str) -> tuple[str, list[str]]:
    """Type ``query`` into the header search box as a reader does."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site_url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "#katalog-cari-kotak")
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    return _results(browser)


@pytest.mark.parametrize("query", ["mengukur", "ukur"])
def test_indonesian_search_finds_pengukuran_kinerja(query: str, real_catalogue: Catalogue,
                                                    browser: Any, site_url: str) -> None:
    _, results = _search(browser, site_url, query)
    expected = [sop for sop in real_catalogue.sops if sop.nama.upper() == "PENGUKURAN KINERJA"]
    assert expected
    for sop in expected:
        agency = next(a for a in real_catalogue.instansi if a.slug == sop.instansi)
        assert any(result.startswith(sop.nama) and agency.nama in result
                   and agency.pemerintah in result and (sop.nomor or "") in result
                   for result in results), (sop.key, results)


def test_search_can_be_limited_to_one_instansi(real_catalogue: Catalogue, browser: Any,
                                               site_url: str) -> None:
    from selenium.webdriver.common.by import By

    message, _ = _search(browser, site_url, "kinerja")
    chosen = next(a for a in real_catalogue.instansi if a.slug == "dpmptsp-lumajang")
    label = f"{chosen.nama} \u2014 {chosen.pemerintah}"
    option = next(el for el in browser.find_elements(By.CSS_SELECTOR,
                                                     ".pagefind-ui__filter-label")
                  if el.text.startswith(label))
    option.click()
    limited_message, limited = _results(browser, previous=message)
    assert int(message.split()[1]) == len(real_catalogue.sops)
    own = real_catalogue.sops_of(chosen.slug)
    assert int(limited_message.split()[1]) == len(limited) == len(own)
    assert all(label in result for result in limited)
