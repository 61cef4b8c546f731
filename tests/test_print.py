"""Printed SOP pages: the PDF step renders every seed SOP with headless Chromium, and the PDFs
read like the SOP AP form (checked with poppler's pdfinfo/pdftotext, the QR code with zbarimg).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROMEDRIVER, CHROMIUM, IN_CI, SOP_KEYS, copy_project, mkdocs_build, real_sop
from katalog_sop.model import Catalogue, Sop, Status
from katalog_sop.site import pdf

pytestmark = pytest.mark.browser

SITE_URL = "https://katalog.contoh.go.id/"
A4_LANDSCAPE = "841.92 x 594.96 pts (A4)"
SITE_CHROME = ("Beranda", "Panduan Penyunting", "Laporan Kesesuaian", "Lewati ke", "Cetak",
               "Unduh PDF", "Made with", "Berkas sumber")


def _need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = f"missing tools: {', '.join(missing)}"
        if IN_CI:
            pytest.fail(message + ": CI must run the print tests")
        pytest.skip(message)


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need("pdfinfo", "pdftotext", "pdftoppm")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _need(CHROMIUM, CHROMEDRIVER)
    base = tmp_path_factory.mktemp("pdf")
    project = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project, site, env={"KATALOG_PDF": "1", "KATALOG_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


def _pdf(site: Path, sop: Sop) -> Path:
    return site / sop.instansi / sop.slug / f"{sop.slug}.pdf"


def _text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _flat(text: str) -> str:
    """Whitespace folded; a line broken after a hyphen ("dokumen-|dokumen") joined again."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


@pytest.mark.parametrize("key", SOP_KEYS)
def test_every_sop_prints_as_the_form(key: str, real_catalogue: Catalogue, pdf_site: Path) -> None:
    sop = real_sop(real_catalogue, key)
    path = _pdf(pdf_site, sop)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True,
                          text=True, check=True).stdout
    sizes = re.findall(r"^Page +\d+ size: +(.*)$", info, re.M)
    assert 2 <= len(sizes) <= 12, info
    assert set(sizes) == {A4_LANDSCAPE}

    text = _text(path)
    flat = _flat(text)
    assert (sop.nomor or "\u2014") in flat
    assert _flat(sop.nama) in flat
    for lane in sop.pelaksana:
        # A narrow column breaks a name after a slash ("Kasi/ Kasubag").
        assert lane.replace(" ", "") in flat.replace(" ", ""), lane
    # In content-stream order each cell of the form table is one block of text, wrapped.
    raw = _flat(_text(path, "-raw"))
    for step in sop.langkah:
        assert _flat(step.kegiatan) in raw, step.kegiatan
        if step.keputusan is not None and step.keputusan.pertanyaan:
            assert _flat(step.keputusan.pertanyaan) in raw
    for chrome in SITE_CHROME:
        assert chrome not in flat, chrome
    # The running footer names the SOP and its address on every page, with "x dari y".
    pages = len(sizes)
    assert flat.count(f"{SITE_URL}{sop.instansi}/{sop.slug}/") == pages
    for number in range(1, pages + 1):
        assert f"Halaman {number} dari {pages}" in flat


def test_draft_prints_draf_on_every_page(real_catalogue: Catalogue, pdf_site: Path) -> None:
    drafts = [sop for sop in real_catalogue.sops if sop.status is Status.DRAF]
    assert drafts
    for sop in drafts:
        pages = _text(_pdf(pdf_site, sop), "-raw").split("\f")[:-1]
        assert pages and all(re.search(r"^DRAF$", page, re.M) for page in pages), sop.key
    berlaku = next(sop for sop in real_catalogue.sops if sop.status is Status.BERLAKU)
    assert not re.search(r"^DRAF$", _text(_pdf(pdf_site, berlaku), "-raw"), re.M)


def test_qr_code_on_first_page_is_the_page_address(real_catalogue: Catalogue, pdf_site: Path,
                                                   tmp_path: Path) -> None:
    _need("zbarimg")
    sop = real_catalogue.sops[0]
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png",
                    str(_pdf(pdf_site, sop)), str(tmp_path / "halaman")], check=True)
    image = next(tmp_path.glob("halaman*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True,
                             text=True, check=False).stdout.split()
    assert decoded == [f"{SITE_URL}{sop.instansi}/{sop.slug}/"]


def test_pages_link_their_pdf_only_when_the_step_is_on(real_catalogue: Catalogue, pdf_site: Path,
                                                       built_site: Path) -> None:
    sop = real_catalogue.sops[0]
    with_pdf = (pdf_site / sop.instansi / sop.slug / "index.html").read_text()
    without = (built_site / sop.instansi / sop.slug / "index.html").read_text()
    assert f'href="{sop.slug}.pdf"' in with_pdf and "Unduh PDF" in with_pdf
    assert "Unduh PDF" not in without
    assert not list(built_site.rglob("*.pdf"))


def test_pdf_step_refuses_a_page_whose_diagram_fails(real_catalogue: Catalogue, pdf_site: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Mermaid leaves this diagram unrendered (no error SVG), so the step gives up when its
    # wait runs out: a shorter wait ends the same way, 27 s sooner.
    monkeypatch.setattr(pdf, "DIAGRAM_TIMEOUT", 3.0)
    sop = real_catalogue.sops[0]
    site = tmp_path / "site"
    shutil.copytree(pdf_site, site)
    page = site / sop.instansi / sop.slug / "index.html"
    html = page.read_text()
    broken = re.sub(r'(<pre class="mermaid"><code>).*?(</code>)', r"\1swimlane-beta TB\n  a -->\2",
                    html, count=1, flags=re.S)
    assert broken != html
    page.write_text(broken)
    target = site / sop.instansi / sop.slug / f"{sop.slug}.pdf"
    target.unlink()

    with pytest.raises(pdf.PdfError, match="diagram alir"):
        pdf.render_all(site, [f"{sop.instansi}/{sop.slug}/"])
    assert not target.exists()


def test_cetak_button_waits_for_the_diagram_then_prints(real_catalogue: Catalogue, browser: Any,
                                                        site_url: str) -> None:
    sop = real_catalogue.sops[0]
    browser.get(f"{site_url}/{sop.instansi}/{sop.slug}/")
    browser.execute_script(
        "window.__printed = null; window.print = () => { window.__printed ="
        " document.querySelectorAll('.sop-diagram pre.mermaid').length === 0"
        " && document.querySelectorAll('.sop-diagram div.mermaid').length === 1; };")
    browser.find_element("css selector", "[data-katalog-cetak]").click()
    browser.implicitly_wait(0)
    for _ in range(100):
        if browser.execute_script("return window.__printed") is not None:
            break
        browser.execute_script("return new Promise(r => setTimeout(r, 100))")
    assert browser.execute_script("return window.__printed") is True
