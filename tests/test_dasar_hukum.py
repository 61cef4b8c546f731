"""Legal basis as data in the built seed catalogue: the revoked citations in the conformance
report and beside their entries, the "Dasar Hukum" index page, and the open data.

Expected values come from the seed YAML files themselves (read with PyYAML and plain text
search, not with the parser under test) and from the revoked list of issue 14.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_properties_support import Element, parse_html
from test_rules import INSTANSI, REVOKED, VALID

from conftest import ROOT, run_cli
from katalog_sop.read.catalogue import load_catalogue

LUMAJANG = "satpolpp-lumajang"
REVOKED_IN_SEEDS = [
    # (SOP, revoked regulation as the entry writes it, its replacement)
    ("pengumpulan-data-kinerja", "Undang-Undang Nomor 32 Tahun 2004",
     "Undang-Undang Nomor 23 Tahun 2014"),
    ("pengumpulan-data-kinerja", "Undang-Undang Nomor 5 Tahun 2014",
     "Undang-Undang Nomor 20 Tahun 2023"),
    ("pengukuran-kinerja", "Peraturan Pemerintah Nomor 6 Tahun 2008",
     "Peraturan Pemerintah Nomor 13 Tahun 2019"),
]


def _page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text("utf-8"))


def _seed_entries(instansi: str, slug: str) -> list[str]:
    data = yaml.safe_load((ROOT / "sops" / instansi / f"{slug}.yaml").read_text("utf-8"))
    entries = data["dasar_hukum"]
    return [entries] if isinstance(entries, str) else list(entries)


def _line_of(instansi: str, slug: str, text: str) -> int:
    lines = (ROOT / "sops" / instansi / f"{slug}.yaml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"  - {text}"))


def test_report_lists_each_revoked_citation_with_its_replacement(built_site: Path) -> None:
    report = _page(built_site, "laporan-kesesuaian")
    items = [li.text for li in report.find_all("li")]
    revoked = [item for item in items if "telah dicabut oleh" in item]
    assert len(revoked) == len(REVOKED_IN_SEEDS), revoked
    for slug, regulation, replacement in REVOKED_IN_SEEDS:
        entries = _seed_entries(LUMAJANG, slug)
        index = next(i for i, e in enumerate(entries, start=1) if e.startswith(regulation))
        line = _line_of(LUMAJANG, slug, entries[index - 1])
        expected = (f"sops/{LUMAJANG}/{slug}.yaml:{line} dasar_hukum[{index}]: "
                    f'"{regulation}" telah dicabut oleh {replacement}')
        assert any(item.startswith(expected) for item in revoked), (expected, revoked)
    # The report links its readers to the index of regulations.
    assert any(a.attrs.get("href") == "../dasar-hukum/" for a in report.find_all("a"))


def _dasar_hukum_items(site: Path, instansi: str, slug: str) -> list[Element]:
    page = _page(site, f"{instansi}/{slug}")
    return page.one("section", aria_labelledby="dasar-hukum").find_all("li")


def test_sop_pages_show_the_note_beside_the_revoked_entry(built_site: Path) -> None:
    index = _page(built_site, "dasar-hukum")
    ids = {el.attrs["id"] for el in index.iter() if "id" in el.attrs}
    for slug, regulation, replacement in REVOKED_IN_SEEDS:
        items = _dasar_hukum_items(built_site, LUMAJANG, slug)
        entries = _seed_entries(LUMAJANG, slug)
        assert len(items) == len(entries)
        item = next(li for li, entry in zip(items, entries, strict=True)
                    if entry.startswith(regulation))
        note = item.one("span", "sop-dicabut-catatan")
        assert note.text == (f"Catatan katalog: {regulation} sudah dicabut oleh "
                             f"{replacement}.")
        assert "data-pagefind-ignore" in note.attrs
        link = note.one("a").attrs["href"]
        assert link.startswith("../../dasar-hukum/#")
        assert link.split("#", 1)[1] in ids
        # The entry itself is shown exactly as written, before the note.
        assert item.children[0] == next(e for e in entries if e.startswith(regulation))


def test_no_other_entry_has_a_note(real_catalogue: Any, built_site: Path) -> None:
    notes = {(sop.key, index)
             for sop in real_catalogue.sops
             for index, item in enumerate(_dasar_hukum_items(built_site, sop.instansi,
                                                             sop.slug), start=1)
             if item.find_all("span", "sop-dicabut-catatan")}
    expected = set()
    for slug, regulation, _ in REVOKED_IN_SEEDS:
        entries = _seed_entries(LUMAJANG, slug)
        expected.add((f"{LUMAJANG}/{slug}",
                      next(i for i, e in enumerate(entries, start=1)
                           if e.startswith(regulation))))
    assert notes == expected


UU_25 = re.compile(r"(?i)\b(undang[- ]undang|UU)\s+(nomor|no\.?)\s*25\s+tahun\s+2009\b")


def test_index_lists_uu_25_2009_with_every_seed_sop_citing_it(real_catalogue: Any,
                                                              built_site: Path) -> None:
    citing = sorted(f"../{sop.instansi}/{sop.slug}/" for sop in real_catalogue.sops
                    if any(UU_25.search(e) for e in _seed_entries(sop.instansi, sop.slug)))
    assert len(citing) >= 3  # the seeds: two SOPs of Sumbersuko, one of Satpol PP Lumajang
    index = _page(built_site, "dasar-hukum")
    heading = next(h for h in index.find_all("h3")
                   if h.own_text == "Undang-Undang Nomor 25 Tahun 2009")
    entry = next(div for div in index.find_all("div", "dasar-hukum-peraturan")
                 if heading in div.iter())
    links = [a.attrs["href"] for a in entry.find_all("a")]
    assert "https://peraturan.go.id/id/uu-no-25-tahun-2009" in links
    sop_links = sorted(href for href in links if href.count("/") == 3)
    assert sop_links == citing
    # Each SOP with its instansi: the instansi's link, name and government above it.
    for place in entry.one("ul", "dasar-hukum-peraturan__sop").children:
        if isinstance(place, Element):
            agency = place.find_all("a")[0]
            slug = agency.attrs["href"].strip("./")
            assert place.text.startswith(f"{real_catalogue.agency(slug).nama}, "
                                         f"{real_catalogue.agency(slug).pemerintah}")


def test_index_groups_by_kind_newest_first(built_site: Path) -> None:
    index = _page(built_site, "dasar-hukum")
    groups = {section.one("h2").text: [h.own_text for h in section.find_all("h3")]
              for section in index.find_all("section", "dasar-hukum-kelompok")}
    assert list(groups)[:2] == ["Undang-Undang", "Peraturan Pemerintah"]
    laws = groups["Undang-Undang"]
    years = [int(name.rsplit(" ", 1)[1]) for name in laws]
    assert years == sorted(years, reverse=True)
    assert "Undang-Undang Nomor 32 Tahun 2004" in laws  # cited with its amendment
    assert "Undang-Undang Nomor 12 Tahun 2008" in laws
    # Spellings of one regulation are one entry: PermenPANRB / Permenpan RB 35/2012.
    panrb = groups["Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"]
    assert panrb.count("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
                       "Birokrasi Nomor 35 Tahun 2012") == 1
    # A Peraturan Bupati cited without its region is the citing agency's government's.
    assert "Peraturan Bupati Lumajang Nomor 93 Tahun 2021" in groups["Peraturan Bupati"]
    assert "Peraturan Bupati Jember Nomor 3.1 Tahun 2018" in groups["Peraturan Bupati"]


def test_index_marks_revoked_regulations_and_links_what_it_shows(built_site: Path) -> None:
    index = _page(built_site, "dasar-hukum")
    ids = [el.attrs["id"] for el in index.iter() if "id" in el.attrs]
    assert len(ids) == len(set(ids))
    revoked = {div.one("h3").own_text: div for div in index.find_all("div", "dasar-hukum-peraturan")
               if "dasar-hukum-peraturan--dicabut" in div.classes}
    assert set(revoked) == {regulation for _, regulation, _ in REVOKED_IN_SEEDS}
    for _, regulation, replacement in REVOKED_IN_SEEDS:
        line = revoked[regulation].one("p", "dasar-hukum-peraturan__dicabut")
        assert line.text.startswith(f"Dicabut oleh {replacement} (sumber)")
        hrefs = [a.attrs["href"] for a in line.find_all("a")]
        assert hrefs[-1].startswith("https://peraturan.go.id/id/")
        assert hrefs[0].startswith(("#", "https://peraturan.go.id/id/"))
        if hrefs[0].startswith("#"):
            assert hrefs[0][1:] in ids
    for anchor in index.find_all("a"):
        href = anchor.attrs.get("href", "")
        if href.startswith("../") and "#" not in href:
            assert (built_site / "dasar-hukum" / href / "index.html").resolve().is_file(), href


def test_index_is_in_the_navigation_and_linked_from_home(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert 'href="dasar-hukum/"' in home
    nav = _page(built_site, "tentang").find_all("nav", cls="md-nav--primary")[0]
    assert "Dasar Hukum" in [a.text.strip() for a in nav.find_all("a")]


def test_open_data_carries_the_citations_beside_the_text(built_site: Path) -> None:
    document = json.loads((built_site / "data" / "katalog-sop.json").read_text("utf-8"))
    for agency in document["instansi"]:
        for record in agency["sop"]:
            assert record["dasar_hukum"] == _seed_entries(agency["instansi"], record["sop"])
            assert len(record["dasar_hukum_peraturan"]) == len(record["dasar_hukum"])
            for text, found in zip(record["dasar_hukum"], record["dasar_hukum_peraturan"],
                                   strict=True):
                position = 0
                for citation in found:  # the pieces, in order, as written in the entry
                    for piece in (citation["sebelum"], citation["teks"], citation["sesudah"]):
                        position = text.index(piece, position) + len(piece)
    lumajang = next(a for a in document["instansi"] if a["instansi"] == LUMAJANG)
    record = next(r for r in lumajang["sop"] if r["sop"] == "pengumpulan-data-kinerja")
    first, amendment = record["dasar_hukum_peraturan"][0]
    assert (first["jenis"], first["nomor"], first["tahun"]) == ("uu", "32", 2004)
    assert first["dicabut_oleh"] == ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan "
                                     "Daerah")
    assert first["tautan"] == "https://peraturan.go.id/id/uu-no-32-tahun-2004"
    assert amendment["sebelum"] == "sebagaimana telah diubah kedua kalinya dengan"
    assert amendment["dicabut_oleh"] is None
    assert record["dasar_hukum_peraturan"][-1][0]["nama"] == (
        "Peraturan Bupati Lumajang Nomor 93 Tahun 2021")


def test_standalone_site_reads_the_revoked_list_too() -> None:
    result = load_catalogue(ROOT / "sops", ROOT, only=LUMAJANG)
    assert result.catalogue is not None and result.catalogue.revocations
    assert sum("telah dicabut oleh" in str(w) for w in result.warnings) == len(REVOKED_IN_SEEDS)


def _project(tmp_path: Path, revoked: str) -> Path:
    sops = tmp_path / "sops"
    (sops / "dinas").mkdir(parents=True)
    (sops / "dinas" / "instansi.yaml").write_text(INSTANSI)
    (sops / "dinas" / "contoh.yaml").write_text(VALID)
    (sops / "peraturan-dicabut.yaml").write_text(revoked)
    return tmp_path


def test_check_reports_the_revoked_list_s_problems(tmp_path: Path) -> None:
    project = _project(tmp_path, REVOKED.replace("Nomor 32 Tahun 2004 ", "", 1))
    expected = ('sops/peraturan-dicabut.yaml:2: dicabut[1].peraturan: "Undang-Undang tentang '
                'Pemerintahan Daerah" tidak terbaca sebagai peraturan')
    for args in ((), ("sops/peraturan-dicabut.yaml",)):
        result = run_cli(project, "check", *args)
        assert result.returncode == 1
        assert expected in result.stderr
        assert "Traceback" not in result.stderr
    # Checking one instansi leaves the list's problems to the whole check.
    assert run_cli(project, "check", "sops/dinas").returncode == 0


@pytest.mark.parametrize("kind", ["folder", "symlink"])
def test_revoked_list_must_be_a_plain_file(kind: str, tmp_path: Path) -> None:
    project = _project(tmp_path, REVOKED)
    path = project / "sops" / "peraturan-dicabut.yaml"
    path.unlink()
    if kind == "folder":
        path.mkdir()
    else:
        (project / "luar.yaml").write_text(REVOKED)
        path.symlink_to(project / "luar.yaml")
    errors = [str(p) for p in load_catalogue(project / "sops", project).errors]
    assert len(errors) == 1 and errors[0].startswith(
        "sops/peraturan-dicabut.yaml:1: berkas ini tidak dibaca: "), errors


# --- what a reader sees ---


@pytest.mark.browser
def test_note_shows_on_screen_and_not_on_paper(browser: Any, site_url: str) -> None:
    browser.get(f"{site_url}/{LUMAJANG}/pengukuran-kinerja/")
    shown = """return [...document.querySelectorAll('.sop-dicabut-catatan')]
                 .map(el => [el.innerText, el.getBoundingClientRect().height > 0]);"""
    notes = browser.execute_script(shown)
    assert notes == [["Catatan katalog: Peraturan Pemerintah Nomor 6 Tahun 2008 sudah dicabut "
                      "oleh Peraturan Pemerintah Nomor 13 Tahun 2019.", True]]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(shown)[0][1] is False
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_index_page_fits_the_screen(width: int, browser: Any, site_url: str) -> None:
    browser.set_window_size(width, 900)
    try:
        browser.get(f"{site_url}/dasar-hukum/#uu-25-2009")
        fits = browser.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth")
        assert fits
        where = ("const h = document.getElementById('uu-25-2009');"
                 "return h ? [h.innerText, window.scrollY] : null;")
        deadline = time.monotonic() + 10  # the theme may still be laying the page out
        target = browser.execute_script(where)
        while target is not None and target[1] <= 0 and time.monotonic() < deadline:
            time.sleep(0.2)
            target = browser.execute_script(where)
        assert target is not None and target[0].startswith("Undang-Undang Nomor 25 Tahun 2009")
        # The anchor took the reader down the page to the regulation (where exactly it lands
        # depends on layout still settling on a loaded machine).
        assert target[1] > 0
    finally:
        browser.set_window_size(1400, 1000)


def test_revoked_regulations_are_found_however_an_sop_spells_them(tmp_path: Path) -> None:
    revoked = REVOKED + (
        "  - peraturan: Peraturan Bupati Lumajang Nomor 40 Tahun 2006\n"
        "    dicabut_oleh: Peraturan Bupati Lumajang Nomor 2 Tahun 2020\n"
        "    sumber: https://jdih.lumajangkab.go.id/\n")
    spelled = ("dasar_hukum:\n  - UU No. 032 Tahun 2004\n  - undang-undang nomor 32 tahun 2004\n"
               "  - UU 32/2004 tentang Pemerintahan Daerah\n"
               "  - Peraturan Bupati Nomor 40 Tahun 2006\n  - UU 32/2005\n")
    sop = VALID.replace("dasar_hukum:\n  - UU 25/2009\n", spelled)
    sops = tmp_path / "sops"
    for agency, pemerintah in (("lumajang", "Pemerintah Kabupaten Lumajang"),
                               ("jember", "Pemerintah Kabupaten Jember")):
        (sops / agency).mkdir(parents=True)
        (sops / agency / "instansi.yaml").write_text(f"nama: Dinas\npemerintah: {pemerintah}\n")
        (sops / agency / "contoh.yaml").write_text(sop)
    (sops / "peraturan-dicabut.yaml").write_text(revoked)
    result = load_catalogue(sops, tmp_path)
    assert result.errors == []
    found = sorted((w.path, w.line) for w in result.warnings if w.code == "dasar-hukum-dicabut")
    # Three spellings of UU 32/2004 in both; the Perbup without a region only in Lumajang.
    assert found == [("sops/jember/contoh.yaml", line) for line in (9, 10, 11)] + [
        ("sops/lumajang/contoh.yaml", line) for line in (9, 10, 11, 12)]


def test_editor_guide_example_of_the_revoked_list_is_valid(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "panduan-penyunting.md").read_text("utf-8")
    section = guide.split("### Peraturan yang sudah dicabut", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    project = _project(tmp_path, example)
    assert load_catalogue(project / "sops", project).errors == []
