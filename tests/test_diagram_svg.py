"""Diagrams drawn at build time (``KATALOG_DIAGRAM=svg``): real builds with real Chromium and
the vendored Mermaid; the pages carry the SVG, load no Mermaid, and read well without
JavaScript, on a phone and in print."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from test_browser import _requests
from test_rules import INSTANSI, VALID

from conftest import (
    IN_CI,
    ROOT,
    SOP_KEYS,
    Build,
    copy_project,
    mkdocs_build,
    real_sop,
    require_chromium,
)
from katalog_sop.model import Catalogue
from katalog_sop.render import mermaid
from katalog_sop.site import chromium, csp, diagrams, pdf

SVG = "svg"
DRAWN = re.compile(r"Diagram alir: (\d+) digambar, (\d+) dari cache")
PLACEHOLDER = "data-diagram-alir"
MERMAID_JS = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"


@dataclass(frozen=True)
class SvgBuild:
    """A finished build with diagrams drawn at build time, and the project it came from."""

    project: Path
    site: Path
    result: subprocess.CompletedProcess[str]


def _build_svg(base: Path, sops: Path | None = None) -> SvgBuild:
    project = copy_project(base / "project", sops=sops)
    site = base / "site"
    return SvgBuild(project, site, mkdocs_build(project, site, env={"KATALOG_DIAGRAM": SVG}))


def _drawn(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    """(drawn now, taken from the cache), from the build's log."""
    found = DRAWN.findall(result.stderr)
    assert len(found) == 1, result.stderr[-2000:]
    return int(found[0][0]), int(found[0][1])


@pytest.fixture(scope="session")
def svg_build(tmp_path_factory: pytest.TempPathFactory) -> SvgBuild:
    """The real catalogue built with ``KATALOG_DIAGRAM=svg`` and an empty cache."""
    require_chromium()
    built = _build_svg(tmp_path_factory.mktemp("svg"))
    assert built.result.returncode == 0, built.result.stderr
    return built


def _page(site: Path, key: str) -> str:
    return (site / key / "index.html").read_text("utf-8")


def _svg(page: str) -> Any:
    """The one inline diagram of a page, parsed."""
    svgs = BeautifulSoup(page, "html.parser").find_all("svg", class_="sop-diagram__svg")
    assert len(svgs) == 1, len(svgs)
    return svgs[0]


def _texts(svg: Any) -> list[str]:
    """Every text of the drawing, its wrapped lines joined by a space."""
    texts = []
    for text in svg.find_all("text"):
        rows = text.find_all("tspan", class_="row")
        texts.append(" ".join(row.get_text() for row in rows) if rows else text.get_text())
    return [" ".join(t.split()) for t in texts if t.strip()]


# --- the built pages ----------------------------------------------------------------------------

def test_no_page_loads_mermaid(svg_build: SvgBuild) -> None:
    pages = sorted(svg_build.site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = path.read_text("utf-8")
        assert "mermaid.min.js" not in page, path
        assert "mermaidConfig" not in page, path
        assert '<pre class="mermaid"' not in page, path
        assert PLACEHOLDER not in page, path
        # The policy allows the theme's inline scripts only, as in js mode (test_csp).
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
        assert policy is not None, path
        assert set(re.findall(r"'sha256-[^']+'", policy[1])) == set(
            csp.inline_script_hashes(page)), path
    assert _drawn(svg_build.result) == (len(SOP_KEYS), 0)


@pytest.mark.parametrize("key", SOP_KEYS)
def test_every_sop_page_has_its_swimlane_inline(key: str, real_catalogue: Catalogue,
                                                svg_build: SvgBuild) -> None:
    sop = real_sop(real_catalogue, key)
    page = _page(svg_build.site, key)
    svg = _svg(page)
    name = f"Diagram alir {sop.nama}"
    assert svg["role"] == "img"
    assert svg["aria-label"] == name
    assert svg.find("title").get_text() == name
    assert svg.find("foreignobject") is None  # labels are SVG text: print-safe
    assert svg.find("script") is None
    assert not [attr for tag in svg.find_all(True) for attr in tag.attrs
                if attr.lower().startswith("on")]
    # Mermaid wraps long labels, splitting a word too long for its box: compare unspaced.
    texts = {"".join(text.split()) for text in _texts(svg)}
    for lane in sop.pelaksana:
        assert "".join(lane.split()) in texts, (lane, texts)
    for step in sop.langkah:
        label = step.keputusan.pertanyaan if step.keputusan and step.keputusan.pertanyaan \
            else step.kegiatan
        assert "".join(f"{step.nomor}. {label}".split()) in texts, (step.nomor, texts)
    assert {"Mulai", "Selesai"} <= texts
    # Ids are unique on the page, the drawing's all under its own prefix.
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert all(i.startswith(diagrams.SVG_ID) for i in re.findall(r'\sid="([^"]+)"', str(svg)))
    # The diagram's text is not indexed (the procedure table holds the same text).
    section = BeautifulSoup(page, "html.parser").find("section", class_="sop-alur")
    assert section is not None and section.has_attr("data-pagefind-ignore")
    assert section.find("svg") is not None


def _fragments(site: Path) -> dict[str, str]:
    """Pagefind's indexed text of every page, by URL (gzip, a signature, then JSON)."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found[record["url"]] = record["content"]
    return found


def test_search_index_holds_the_same_text_as_without_svg(svg_build: SvgBuild,
                                                         built_site: Path) -> None:
    with_svg, without = _fragments(svg_build.site), _fragments(built_site)
    assert set(with_svg) == set(without)
    sop_pages = [url for url in with_svg if url.count("/") == 3]
    assert len(sop_pages) == len(SOP_KEYS)
    for url in with_svg:
        assert with_svg[url] == without[url], url


def test_a_rebuild_draws_only_what_changed(svg_build: SvgBuild, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(svg_build.project, project)  # with its .cache/, as actions/cache restores
    again = mkdocs_build(project, tmp_path / "site", env={"KATALOG_DIAGRAM": SVG})
    assert again.returncode == 0, again.stderr
    assert _drawn(again) == (0, len(SOP_KEYS))
    for key in SOP_KEYS:
        assert _page(tmp_path / "site", key) == _page(svg_build.site, key), key

    changed = project / "sops" / "satpolpp-lumajang" / "pengukuran-kinerja.yaml"
    text = changed.read_text("utf-8")
    changed.write_text(re.sub(r"(\n  - kegiatan: )", r"\1Segera ", text, count=1), "utf-8")
    third = mkdocs_build(project, tmp_path / "site3", env={"KATALOG_DIAGRAM": SVG})
    assert third.returncode == 0, third.stderr
    assert _drawn(third) == (1, len(SOP_KEYS) - 1)
    folders = [p for p in (project / diagrams.CACHE_DIR).iterdir() if p.is_dir()]
    assert len(folders) == 1  # the full build keeps only what it used
    assert len(list(folders[0].glob("*.svg"))) == len(SOP_KEYS)
    assert "Segera " in " ".join(_texts(_svg(_page(tmp_path / "site3",
                                                    "satpolpp-lumajang/pengukuran-kinerja"))))


def test_pdf_step_prints_the_inline_svg(real_catalogue: Catalogue, svg_build: SvgBuild,
                                        tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("pdftotext missing: CI must run the print tests")
        pytest.skip("pdftotext missing")
    sop = real_sop(real_catalogue, "satpolpp-lumajang/pengumpulan-data-kinerja")
    site = tmp_path / "site"
    shutil.copytree(svg_build.site, site)
    [written] = pdf.render_all(site, [f"{sop.instansi}/{sop.slug}/"])
    text = " ".join(subprocess.run(["pdftotext", str(written), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for lane in sop.pelaksana:
        assert lane in text, lane
    assert "Mulai" in text and "Selesai" in text


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def svg_site_url(svg_build: SvgBuild) -> Iterator[str]:
    with chromium.serve(svg_build.site) as base:
        yield base


READ_SVG = """
const svg = document.querySelector('.sop-diagram svg.sop-diagram__svg');
if (!svg) return null;
const box = svg.getBoundingClientRect();
const lanes = [...svg.querySelectorAll('.swimlane-label text')].map(text => {
  const r = text.getBoundingClientRect();
  return [[...text.querySelectorAll('tspan.row')].map(t => t.textContent).join(' '),
          r.left, r.height];
});
return {width: box.width, height: box.height, visible: svg.checkVisibility(),
        natural: parseFloat(getComputedStyle(svg).getPropertyValue('--sop-diagram-lebar')),
        lanes: lanes, scripts: 'mermaid' in window,
        pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth};
"""


@pytest.mark.browser
@pytest.mark.parametrize("key", SOP_KEYS)
def test_diagram_shows_without_javascript(key: str, real_catalogue: Catalogue,
                                          nojs_browser: Any, svg_site_url: str) -> None:
    sop = real_sop(real_catalogue, key)
    nojs_browser.get_log("performance")
    nojs_browser.get(svg_site_url + key + "/")
    seen = nojs_browser.execute_script(READ_SVG)
    assert seen is not None
    assert seen["scripts"] is False  # katalog.js did not run: JavaScript is really off
    assert seen["visible"] and seen["width"] > 300 and seen["height"] > 100
    # Every lane, left to right in the form's order.
    by_position = sorted(seen["lanes"], key=lambda lane: lane[1])
    assert ["".join(name.split()) for name, _, _ in by_position] == [
        "".join(lane.split()) for lane in sop.pelaksana]
    assert not [url for url in _requests(nojs_browser) if "mermaid" in url]


@pytest.mark.browser
def test_diagram_is_readable_on_a_phone_and_opens_full_screen(
        real_catalogue: Catalogue, browser: Any, svg_site_url: str) -> None:
    from selenium.webdriver.common.by import By

    sop = real_sop(real_catalogue, "kecamatan-sumbersuko/pengumpulan-data-kinerja")
    browser.get_log("browser")
    browser.get_log("performance")
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{svg_site_url}{sop.instansi}/{sop.slug}/")
        seen = browser.execute_script(READ_SVG)
        assert seen["pageWidth"] <= seen["viewport"]  # the page itself never scrolls sideways
        # In the page: never drawn smaller than 0.6 of its size (the box scrolls instead).
        assert seen["width"] >= 0.6 * seen["natural"] - 1 or seen["width"] >= seen["natural"]
        assert min(height for _, _, height in seen["lanes"]) >= 9

        assert not browser.find_element(By.CSS_SELECTOR, ".sop-diagram__tutup").is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".sop-diagram__buka").click()
        full = browser.execute_script(READ_SVG)
        box = browser.execute_script(
            "const r = document.querySelector('.sop-diagram--svg').getBoundingClientRect();"
            "const html = document.documentElement;"
            "return [r.left, r.top, r.width, r.height, html.clientWidth, html.clientHeight];")
        assert box[:2] == [0, 0] and box[2] == box[4] and box[3] == box[5]  # the whole screen
        assert abs(full["width"] - full["natural"]) < 1  # its own size, scrolled both ways
        assert min(height for _, _, height in full["lanes"]) >= 15
        assert not browser.find_element(By.CSS_SELECTOR, ".sop-diagram__buka").is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".sop-diagram__tutup").click()
        closed = browser.execute_script(READ_SVG)
        assert closed["width"] == seen["width"]
    finally:
        browser.set_window_size(1400, 1000)
    console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert console == []  # CSP violations are SEVERE too
    assert not [url for url in _requests(browser) if "mermaid" in url]


# --- editor text, other flows ---------------------------------------------------------------

HOSTILE_NAME = 'Contoh "mermaid" <b>&amp;</b>'  # mermaid2 re-writes a page with that word
HOSTILE_LANE = 'Kasi </text><script>alert(1)</script> & "Umum"'
HOSTILE_STEP = "Memeriksa &#60;b&#62; <img src=x onerror=alert(2)> ]]> #35; 100% (draf)"


def test_editor_text_reaches_the_svg_as_text_only(tmp_path: Path) -> None:
    require_chromium()
    sops = tmp_path / "sops"
    shutil.copytree(ROOT / "tests" / "data" / "alur-v2", sops)
    (sops / "dinas").mkdir()
    (sops / "dinas" / "instansi.yaml").write_text(INSTANSI, "utf-8")
    hostile = (VALID.replace("pelaksana: [Kasi, Sekretaris]",
                             f"pelaksana: [{json.dumps(HOSTILE_LANE)}, Sekretaris]")
               .replace("    pelaksana: Kasi\n", f"    pelaksana: {json.dumps(HOSTILE_LANE)}\n")
               .replace("kegiatan: Memeriksa draft", f"kegiatan: {json.dumps(HOSTILE_STEP)}")
               .replace("nama: Contoh", f"nama: {json.dumps(HOSTILE_NAME)}"))
    (sops / "dinas" / "contoh.yaml").write_text(hostile, "utf-8")
    built = _build_svg(tmp_path, sops=sops)
    assert built.result.returncode == 0, built.result.stderr

    page = _page(built.site, "dinas/contoh")
    assert 'data-pagefind-body=""' in page  # mermaid2 did parse and re-write this page
    svg = _svg(page)
    assert svg["aria-label"] == f"Diagram alir {HOSTILE_NAME}"
    texts = {"".join(text.split()) for text in _texts(svg)}
    assert "".join(HOSTILE_LANE.split()) in texts
    # A reference an editor typed stays as typed.
    assert "".join(f"2. {HOSTILE_STEP}".split()) in texts, texts
    assert svg.find("script") is None and svg.find("img") is None
    assert not [attr for tag in svg.find_all(True) for attr in tag.attrs
                if attr.lower().startswith("on")]
    # Contract v2 flows draw too: a way back to the decision itself, joint steps.
    for page in built.site.glob("*/*/index.html"):
        assert _texts(_svg(page.read_text("utf-8"))), page


# --- choosing the mode, and failures --------------------------------------------------------

def test_forced_svg_without_chromium_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site",
                          env={"KATALOG_DIAGRAM": SVG, "KATALOG_CHROMIUM": "/tidak/ada/chromium"})
    assert result.returncode == 1
    assert ("KATALOG_DIAGRAM=svg: diagram alir tidak dapat digambar saat pembangunan: "
            "/tidak/ada/chromium tidak ada (pasang paket Debian chromium dan chromium-driver "
            "(atau tunjukkan letaknya dengan KATALOG_CHROMIUM dan KATALOG_CHROMEDRIVER))"
            ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_automatic_mode_without_chromium_draws_in_the_browser(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site",
                          env={"KATALOG_DIAGRAM": "", "KATALOG_CHROMEDRIVER": "/tidak/ada"})
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "Diagram alir digambar" in line]
    assert notes == ["INFO    -  Diagram alir digambar di peramban pengunjung "
                     "(KATALOG_DIAGRAM=js), karena /tidak/ada tidak ada (pasang paket Debian "
                     "chromium dan chromium-driver (atau tunjukkan letaknya dengan "
                     "KATALOG_CHROMIUM dan KATALOG_CHROMEDRIVER))"]
    page = _page(tmp_path / "site", SOP_KEYS[0])
    assert '<pre class="mermaid">' in page and "mermaid.min.js" in page
    assert not (project / diagrams.CACHE_DIR).exists()


def test_choose_follows_the_setting_and_what_is_installed(tmp_path: Path) -> None:
    found = {"KATALOG_CHROMIUM": str(tmp_path / "chromium"),
             "KATALOG_CHROMEDRIVER": str(tmp_path / "chromedriver")}
    for name in found.values():
        Path(name).touch()
    gone = {**found, "KATALOG_CHROMIUM": str(tmp_path / "tidak-ada")}
    assert diagrams.choose("", found) == ("svg", None)
    assert diagrams.choose(SVG, found) == ("svg", None)
    assert diagrams.choose("js", found) == ("js", None)
    assert diagrams.choose("js", gone) == ("js", None)
    mode, note = diagrams.choose("", gone)
    assert mode == "js" and note is not None and "tidak-ada tidak ada" in note
    with pytest.raises(diagrams.DiagramError, match="KATALOG_DIAGRAM=svg: "):
        diagrams.choose(SVG, gone)


def test_a_diagram_mermaid_cannot_draw_names_its_file(tmp_path: Path) -> None:
    require_chromium()
    cache = diagrams.open_cache(tmp_path, ROOT / "docs", MERMAID_JS)
    good = "swimlane-beta TB\n  subgraph lane1[\"A\"]\n    a[\"x\"]\n  end\n"
    with pytest.raises(diagrams.DiagramError) as raised:
        diagrams.draw(cache, [("sops/dinas/baik.yaml", good),
                              ("sops/dinas/rusak.yaml", "swimlane-beta TB\n  a -->\n")])
    assert str(raised.value).startswith(
        "sops/dinas/rusak.yaml: Mermaid gagal menggambar diagram alir: "), str(raised.value)
    assert cache.path(mermaid.key(good)).exists()  # what was drawn before is kept
    assert not cache.path(mermaid.key("swimlane-beta TB\n  a -->\n")).exists()


def test_the_build_stops_naming_the_file_whose_diagram_fails(real_catalogue: Catalogue,
                                                             tmp_path: Path) -> None:
    require_chromium()
    project = copy_project(tmp_path / "project")
    # A Mermaid that fails every diagram, as the real one would on a source it cannot lay out.
    (project / "docs/assets/vendor/mermaid/mermaid.min.js").write_text(
        'globalThis["mermaid"] = {initialize() {}, render() {'
        ' return Promise.reject(new Error("Cannot read properties of undefined")); }};\n')
    result = mkdocs_build(project, tmp_path / "site", env={"KATALOG_DIAGRAM": SVG})
    assert result.returncode == 1
    # Drawn in page order: the first instansi's first SOP fails first.
    first = real_catalogue.sops_of(real_catalogue.instansi[0].slug)[0].source
    assert (f"Diagram alir tidak dibuat: {first}: Mermaid gagal menggambar diagram alir: "
            "Cannot read properties of undefined") in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


# --- the post-processing, alone ---------------------------------------------------------------

RAW = ('<svg id="sop-swimlane" width="100%" xmlns="http://www.w3.org/2000/svg" class="flowchart" '
       'style="max-width: 210.123456px;" viewBox="-5.5 -44 210.123456 80.98765" '
       'role="graphics-document document" aria-roledescription="swimlane">'
       '<style>#sop-swimlane .a{stroke-width:0.75px;}</style>'
       '<g class="cluster" id="lane1"><rect x="0.123456" width="10.5" height="3.14159"/></g>'
       '<path d="M-16.0703125 -17 C1.23456e-5 2.5, 3 4" data-points="W3sieCI6MX1d" '
       'marker-end="url(#sop-swimlane_pointEnd)"/><use href="#lane1"/></svg>')


def test_tidy_cuts_geometry_digits_and_keeps_every_id_under_the_prefix() -> None:
    tidied = diagrams.tidy(RAW)
    assert tidied.startswith(
        '<svg id="sop-swimlane" class="sop-diagram__svg" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="-5.5 -44 210.12 80.98" width="210.12" height="80.98" '
        'style="--sop-diagram-lebar: 210.12px" role="img">')
    assert 'id="sop-swimlane-lane1"' in tidied and 'href="#sop-swimlane-lane1"' in tidied
    assert 'x="0.12"' in tidied and 'height="3.14"' in tidied
    assert 'd="M-16.07 -17 C1.23e-5 2.5, 3 4"' in tidied
    assert "data-points" not in tidied and "aria-roledescription" not in tidied
    assert "stroke-width:0.75px" in tidied  # the CSS is left as Mermaid wrote it


def test_tidy_draws_a_stadium_as_a_rounded_rectangle() -> None:
    stadium = ('<g class="basic label-container outer-path"><path d="M-16.07 -17 C-4.1 -17, '
               '7.9 -17, 16.07 -17 C33.07 -17, 33.07 17, 16.07 17 C0 17, -16.07 17, -16.07 17 '
               'C-33.07 17, -33.07 -17, -16.07 -17" stroke="none" fill="#ECECFF"></path>'
               '<path d="M-16.07 -17 C0 -17, 16.07 -17, 16.07 -17" stroke="#9370DB" '
               'fill="none"></path></g>')
    tidied = diagrams.tidy(RAW.replace("</svg>", stadium + "</svg>"))
    assert ('<g class="basic label-container outer-path"><rect x="-33.07" y="-17.00" '
            'width="66.14" height="34.00" rx="17.00" ry="17.00"></rect></g></svg>') in tidied
    assert "#9370DB" not in tidied


def test_tidy_refuses_what_is_not_a_swimlane() -> None:
    error = RAW.replace('aria-roledescription="swimlane"', 'aria-roledescription="error"')
    with pytest.raises(diagrams.DiagramError, match=r"sops/a/b\.yaml: Mermaid tidak menggambar"):
        diagrams.tidy(error, "sops/a/b.yaml")


def test_inline_names_the_drawing_with_the_page_text_escaped_once(tmp_path: Path) -> None:
    cache = diagrams.open_cache(tmp_path, ROOT / "docs", MERMAID_JS)
    key = mermaid.key("sumber")
    cache.path(key).write_text(diagrams.tidy(RAW))
    for written in ("Diagram alir A &amp; B &quot;C&quot; &lt;D&gt;&#10;E",  # as the template
                    'Diagram alir A &amp; B "C" &lt;D&gt;\nE'):  # as an HTML parser re-writes
        page = f'<p>x</p><div><span {PLACEHOLDER}="{key}">{written}</span></div>'
        done = diagrams.inline(page, cache)
        name = "Diagram alir A &amp; B &quot;C&quot; &lt;D&gt;&#10;E"
        assert f'role="img" aria-label="{name}"><title>{name}</title><style>' in done
        assert done.startswith("<p>x</p><div><svg ") and done.endswith("</svg></div>")
    with pytest.raises(diagrams.DiagramError):
        diagrams.inline(f'<span {PLACEHOLDER}="{"0" * 64}">x</span>', cache)
    with pytest.raises(diagrams.DiagramError, match="tidak dikenali"):
        diagrams.inline(f"<span title=x {PLACEHOLDER}='{key}'>x</span>", cache)
    assert html.unescape(name) == 'Diagram alir A & B "C" <D>\nE'


def test_build_keeps_no_cache_in_js_mode(built_site: Path, real_build: Build) -> None:
    assert "Diagram alir:" not in real_build.result.stderr
    page = _page(built_site, SOP_KEYS[0])
    assert PLACEHOLDER not in page and '<pre class="mermaid">' in page


def test_a_linked_cache_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    outside = tmp_path / "di-luar"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".cache").symlink_to(outside, target_is_directory=True)
    with pytest.raises(diagrams.DiagramError, match=r"^\.cache adalah tautan \(symlink\)"):
        diagrams.open_cache(project, ROOT / "docs", MERMAID_JS)
    assert not any(outside.iterdir())
    (project / ".cache").unlink()
    (project / ".cache" / "diagram-alir").mkdir(parents=True)
    (project / ".cache" / "diagram-alir" / "x").symlink_to(outside)  # a link elsewhere is fine
    cache = diagrams.open_cache(project, ROOT / "docs", MERMAID_JS)
    shutil.rmtree(cache.folder)
    cache.folder.symlink_to(outside, target_is_directory=True)
    with pytest.raises(diagrams.DiagramError, match=r"^\.cache/diagram-alir/[0-9a-f]{32} adalah"):
        diagrams.open_cache(project, ROOT / "docs", MERMAID_JS)


def test_a_drawing_through_a_link_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("RAHASIA-token-ghp_0123456789", "utf-8")
    cache = diagrams.open_cache(tmp_path / "project", ROOT / "docs", MERMAID_JS)
    key = mermaid.key("sumber")
    cache.path(key).symlink_to(secret)
    with pytest.raises(diagrams.DiagramError, match="tidak ada") as raised:
        diagrams.inline(f'<span {PLACEHOLDER}="{key}">Diagram alir A</span>', cache)
    assert "RAHASIA" not in str(raised.value)


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "HOME": str(project),
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                        "PATH": os.environ["PATH"]})


def test_drawings_committed_to_git_stop_the_build(tmp_path: Path) -> None:
    """A pull request could force-add a drawing under .cache/ whose name is the key of a
    page's diagram: it would replace that diagram. The build refuses to use such a cache."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")  # CI has git (it cloned the repository)
    require_chromium()
    project = copy_project(tmp_path / "project")
    (project / ".gitignore").write_text(".cache/\n", "utf-8")
    cache = diagrams.open_cache(project, project / "docs", MERMAID_JS)
    planted = cache.path(mermaid.key("sumber"))
    planted.write_text('<svg><a href="https://contoh.invalid/">Bayar di sini</a></svg>', "utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-f", "mkdocs.yml", planted.relative_to(project).as_posix())
    _git(project, "commit", "-q", "-m", "x")
    result = mkdocs_build(project, tmp_path / "site", env={"KATALOG_DIAGRAM": SVG})
    assert result.returncode != 0
    assert (f"{planted.relative_to(project).as_posix()} tersimpan di git" in result.stderr
            and "git rm -r --cached .cache" in result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    _git(project, "rm", "-q", "-r", "--cached", ".cache")
    assert diagrams.open_cache(project, project / "docs", MERMAID_JS) == cache
