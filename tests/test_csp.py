"""Content Security Policy: every page carries one, the site works under it in Chromium, and
an inline script that got into the content would not run."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from katalog_sop.site import csp

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _violations(browser: Any) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser")
            if "Content Security Policy" in entry["message"] or entry["level"] == "SEVERE"]


def test_every_page_has_a_policy_allowing_only_theme_scripts(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        match = POLICY.search(html)
        assert match, page
        assert html.index(match[0]) < html.index("<script"), page
        rules = dict(rule.split(" ", 1) for rule in match[1].split("; "))
        assert "'unsafe-inline'" not in rules["script-src"]
        assert "'unsafe-eval'" not in rules["script-src"]
        allowed = set(re.findall(r"'sha256-[^']+'", rules["script-src"]))
        assert allowed == set(csp.inline_script_hashes(html))
        assert len(allowed) <= len(csp.THEME_SCRIPTS)
    headers = (built_site / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'self';" in headers


def test_a_script_smuggled_into_the_content_gets_no_hash() -> None:
    page = ('<html><head></head><body><script>var palette=__md_get("x")</script>'
            '<article class="md-content__inner md-typeset">'
            '<script>var palette=__md_get("evil")</script><script>alert(1)</script>'
            "</article></body></html>")
    assert csp.inline_script_hashes(page) == [csp._digest('var palette=__md_get("x")')]


@pytest.mark.browser
def test_site_works_under_the_policy(browser: Any, site_url: str) -> None:
    browser.get_log("browser")
    for path in ("/", "/satpolpp-lumajang/", "/satpolpp-lumajang/pengukuran-kinerja/",
                 "/cari/?q=kinerja", "/panduan-penyunting/", "/tidak-ada/"):
        browser.get(site_url + path)
        time.sleep(1.0)
        assert [v for v in _violations(browser) if "404" not in v] == [], path
    browser.get(site_url + "/satpolpp-lumajang/pengukuran-kinerja/")
    level = browser.execute_script("return window.mermaid.mermaidAPI.getConfig().securityLevel")
    assert level == "strict"


@pytest.mark.browser
def test_injected_inline_script_is_blocked(browser: Any, built_site: Path, site_url: str) -> None:
    page = built_site / "satpolpp-lumajang" / "pengukuran-kinerja" / "index.html"
    original = page.read_text()
    try:
        page.write_text(original.replace('<div class="sop-halaman"',
                                         "<script>window.__disusupkan = 1</script>"
                                         '<div class="sop-halaman"', 1))
        browser.get_log("browser")
        browser.get(site_url + "/satpolpp-lumajang/pengukuran-kinerja/?segar")
        time.sleep(0.5)
        assert "window.__disusupkan = 1" in browser.page_source
        assert browser.execute_script("return window.__disusupkan") is None
        violations = _violations(browser)
        assert any("Content Security Policy" in v for v in violations), violations
    finally:
        page.write_text(original)


def test_readme_documents_the_header() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "Content-Security-Policy" in readme and "_headers" in readme
