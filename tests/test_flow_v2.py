"""Contract v2: flow as real SOPs write it (``lanjut``, ``keputusan.pilihan``), everywhere
the flow is shown, and "Dirujuk oleh" on the pages other SOPs point at.

The catalogue in ``tests/data/alur-v2`` uses every new form: a three-way decision, a jump
forward by number and by id, early ends (``lanjut: selesai``), a way back by id, a
``pilihan`` back to the decision itself, a cross-instansi ``keterkaitan`` and a
``diganti_oleh``.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build
from katalog_sop.model import END, Catalogue
from katalog_sop.read import flow
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import mermaid
from katalog_sop.site import chromium

DATA = ROOT / "tests" / "data" / "alur-v2"
AUDIENSI = "protokol/permohonan-audiensi"
PELIPUTAN = "humas/peliputan-audiensi"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load_catalogue(DATA, DATA)
    assert result.errors == [], [str(p) for p in result.errors]
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture(scope="module")
def v2_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("alur-v2")
    project = copy_project(base / "project", sops=DATA)
    site = base / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _written(key: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / f"{key}.yaml").read_text(encoding="utf-8"))
    return loaded


# --- the flow and the diagram source ---------------------------------------------------------

def test_successors_follow_lanjut_and_every_pilihan(catalogue: Catalogue) -> None:
    sop = catalogue.sop(AUDIENSI)
    assert sop is not None
    exits = flow.successors(sop.langkah)
    assert exits[4] == [(5, "Disetujui"), (8, "Ditolak"), (9, "Didisposisikan")]
    assert exits[7] == [(END, None)] and exits[8] == [(END, None)]
    assert exits[10] == [(3, "Kembali ke telaah"), (END, "Prosedur berhenti")]
    assert flow.flow_problems(sop.langkah) == []


@pytest.mark.parametrize("key", [AUDIENSI, PELIPUTAN])
def test_diagram_has_every_edge_one_end_and_no_self_loop(key: str, catalogue: Catalogue) -> None:
    sop = catalogue.sop(key)
    assert sop is not None
    source = mermaid.diagram(sop)
    edges = re.findall(r"^  (\S+) (?:-->(?:\|\"([^\"]*)\"\|)?|-\.-) (\S+)$", source, re.M)
    assert [e for e in edges if e[0] == e[2]] == []  # crashes Mermaid 11.17.2's swimlane
    assert source.count('(["Selesai"])') == 1
    labels = [html.unescape(label.replace("#", "&#")) for _, label, _ in edges if label]
    for step in sop.langkah:
        if step.keputusan is not None:
            for label, _ in step.keputusan.branches():
                assert label in labels
    # Every step that ends (by lanjut: selesai, a pilihan, or being last) reaches the one end.
    ending = {n for n, targets in flow.successors(sop.langkah).items()
              if any(t == END for t, _ in targets)}
    assert {int(s[1:]) for s, _, t in edges if t == "selesai"} == ending


# --- the rules that need more than one line of fixture --------------------------------------

def _errors(tmp_path: Path, steps: str) -> list[str]:
    sops = tmp_path / "sops"
    (sops / "dinas").mkdir(parents=True)
    (sops / "dinas" / "instansi.yaml").write_text(
        "nama: Dinas Contoh\npemerintah: Pemerintah Kota Contoh\n", encoding="utf-8")
    (sops / "dinas" / "alur.yaml").write_text(
        "nama: Alur\nstatus: draf\ndasar_hukum: UU 25/2009\npelaksana: [Kasi]\nlangkah:\n"
        + steps, encoding="utf-8")
    return [str(p) for p in load_catalogue(sops, tmp_path).errors]


F = "sops/dinas/alur.yaml"


def test_lanjut_to_a_missing_step_suggests_the_id(tmp_path: Path) -> None:
    steps = ("  - {kegiatan: a, pelaksana: Kasi, lanjut: telah}\n"
             "  - {id: telaah, kegiatan: b, pelaksana: Kasi}\n")
    assert _errors(tmp_path, steps) == [
        f'{F}:6: langkah[1].lanjut: tujuan "telah" tidak ada; tulis nomor langkah (1 sampai 2),'
        ' id langkah, atau selesai (maksud Anda "telaah"?)']


def test_lanjut_to_a_number_past_the_end(tmp_path: Path) -> None:
    steps = "  - {kegiatan: a, pelaksana: Kasi, lanjut: 14}\n  - {kegiatan: b, pelaksana: Kasi}\n"
    assert _errors(tmp_path, steps) == [
        f'{F}:6: langkah[1].lanjut: tujuan "14" tidak ada; tulis nomor langkah (1 sampai 2), '
        "id langkah, atau selesai"]


def test_pilihan_ke_to_a_missing_step(tmp_path: Path) -> None:
    steps = ("  - kegiatan: a\n    pelaksana: Kasi\n    keputusan:\n      pilihan:\n"
             "        - {label: Ya, ke: 2}\n        - {label: Tidak, ke: 9}\n"
             "  - {kegiatan: b, pelaksana: Kasi}\n")
    assert _errors(tmp_path, steps) == [
        f'{F}:11: langkah[1].keputusan.pilihan[2].ke: tujuan "9" tidak ada; tulis nomor langkah'
        " (1 sampai 2), id langkah, atau selesai"]


@pytest.mark.parametrize(("item", "missing"), [("{ke: 2}", "label"), ("{label: B}", "ke")])
def test_pilihan_item_without_label_or_ke(item: str, missing: str, tmp_path: Path) -> None:
    steps = ("  - kegiatan: a\n    pelaksana: Kasi\n    keputusan:\n      pilihan:\n"
             f"        - {{label: A, ke: selesai}}\n        - {item}\n"
             "  - {kegiatan: b, pelaksana: Kasi}\n")
    assert _errors(tmp_path, steps) == [
        f"{F}:11: langkah[1].keputusan.pilihan[2].{missing}: wajib diisi"]


def test_step_after_an_early_end_that_nothing_reaches(tmp_path: Path) -> None:
    steps = ("  - {kegiatan: a, pelaksana: Kasi}\n"
             "  - {kegiatan: b, pelaksana: Kasi, lanjut: selesai}\n"
             "  - {kegiatan: c, pelaksana: Kasi}\n")
    assert _errors(tmp_path, steps) == [
        f"{F}:8: langkah[3]: langkah ini tidak pernah dicapai dari langkah 1"]


def test_plain_steps_jumping_in_a_circle_never_end(tmp_path: Path) -> None:
    steps = ("  - {kegiatan: a, pelaksana: Kasi}\n"
             "  - {kegiatan: b, pelaksana: Kasi, lanjut: 1}\n"
             "  - {kegiatan: c, pelaksana: Kasi}\n")
    errors = _errors(tmp_path, steps)
    assert f"{F}:6: langkah[1]: dari langkah ini alur tidak pernah sampai ke selesai" in errors
    assert f"{F}:8: langkah[3]: langkah ini tidak pernah dicapai dari langkah 1" in errors


# --- the built site ---------------------------------------------------------------------------

def test_open_data_carries_the_new_keys_as_written(v2_site: Path) -> None:
    document = json.loads((v2_site / "data" / "katalog-sop.json").read_text(encoding="utf-8"))
    records = {f"{agency['instansi']}/{sop['sop']}": sop
               for agency in document["instansi"] for sop in agency["sop"]}
    for key in (AUDIENSI, PELIPUTAN):
        for written, record in zip(_written(key)["langkah"], records[key]["langkah"],
                                   strict=True):
            if "lanjut" in written:
                assert record["lanjut"] == written["lanjut"]
            else:
                assert "lanjut" not in record
            decision = written.get("keputusan")
            if decision is None:
                assert record["keputusan"] is None
            elif "pilihan" in decision:
                assert record["keputusan"] == {"pertanyaan": decision.get("pertanyaan"),
                                               "pilihan": decision["pilihan"]}
            else:
                assert record["keputusan"] == {"pertanyaan": decision.get("pertanyaan"),
                                               "ya": decision["ya"], "tidak": decision["tidak"]}


def _row_text(page: str, nomor: int) -> str:
    match = re.search(rf'<tr [^>]*\bid="langkah-{nomor}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, f"row {nomor} missing"
    return match[1]


def test_procedure_table_says_where_each_step_goes(v2_site: Path) -> None:
    page = (v2_site / "protokol" / "permohonan-audiensi" / "index.html").read_text()
    assert ('Disetujui: <a href="#langkah-5">langkah 5</a>; Ditolak: <a href="#langkah-8">'
            'langkah 8</a>; Didisposisikan: <a href="#langkah-9">langkah 9</a>'
            in _row_text(page, 4))
    assert '<span class="sop-lanjut">Prosedur selesai</span>' in _row_text(page, 7)
    assert ('Kembali ke telaah: <a href="#langkah-3">langkah 3</a>; Prosedur berhenti: selesai'
            in _row_text(page, 10))
    other = (v2_site / "humas" / "peliputan-audiensi" / "index.html").read_text()
    assert "Lanjut ke" not in _row_text(other, 1)  # the next step needs no words


def test_lanjut_to_a_later_step_is_linked(tmp_path: Path) -> None:
    sops = tmp_path / "sops"
    (sops / "dinas").mkdir(parents=True)
    (sops / "dinas" / "instansi.yaml").write_text(
        "nama: Dinas Contoh\npemerintah: Pemerintah Kota Contoh\n", encoding="utf-8")
    (sops / "dinas" / "lompat.yaml").write_text(
        "nama: Lompat\nstatus: draf\ndasar_hukum: UU 25/2009\npelaksana: [Kasi]\nlangkah:\n"
        "  - {kegiatan: a, pelaksana: Kasi, keputusan: {ya: 2, tidak: 3}}\n"
        "  - {kegiatan: b, pelaksana: Kasi, lanjut: 4}\n"
        "  - {kegiatan: c, pelaksana: Kasi}\n"
        "  - {kegiatan: d, pelaksana: Kasi}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(copy_project(tmp_path / "project", sops=sops), site)
    assert result.returncode == 0, result.stderr
    page = (site / "dinas" / "lompat" / "index.html").read_text()
    assert 'Lanjut ke <a href="#langkah-4">langkah 4</a>' in _row_text(page, 2)


def test_dirujuk_oleh_lists_referrers_across_instansi(v2_site: Path) -> None:
    page = (v2_site / "protokol" / "permohonan-audiensi" / "index.html").read_text()
    section = re.search(r'<section [^>]*class="sop-dirujuk".*?</section>', page, re.S)
    assert section, "no Dirujuk oleh section"
    text = section[0]
    assert 'href="../../humas/peliputan-audiensi/"' in text
    assert "Bagian Hubungan Masyarakat" in text  # the other instansi is named
    assert 'href="../audiensi-lama/"' in text and "digantikan oleh SOP ini" in text
    # Nothing points at these: no section at all.
    for key in (PELIPUTAN, "protokol/audiensi-lama"):
        assert "sop-dirujuk" not in (v2_site / key / "index.html").read_text()


# --- what a reader sees -----------------------------------------------------------------------

READ_DIAGRAM = """
const box = document.querySelector('.sop-diagram');
if (!box) return null;
const host = box.querySelector('div.mermaid');
const svg = (host && host.shadowRoot ? host.shadowRoot : box).querySelector('svg');
if (!svg) return null;
return {
  text: [...svg.querySelectorAll('*')]
    .filter(el => el.tagName.toLowerCase() !== 'style' && el.children.length === 0)
    .map(el => el.textContent.trim()).filter(t => t),
  edgeLabels: [...svg.querySelectorAll('.edgeLabel')].map(el => el.textContent.trim())
    .filter(t => t),
};
"""


@pytest.mark.browser
@pytest.mark.parametrize("key", [AUDIENSI, PELIPUTAN])
def test_v2_diagrams_render_with_every_label_on_an_edge(key: str, catalogue: Catalogue,
                                                         v2_site: Path, browser: Any) -> None:
    sop = catalogue.sop(key)
    assert sop is not None
    with chromium.serve(v2_site) as base:
        browser.get_log("browser")
        browser.get(f"{base}{key}/")
        deadline = time.monotonic() + 30
        diagram = None
        while time.monotonic() < deadline and diagram is None:
            diagram = browser.execute_script(READ_DIAGRAM)
            time.sleep(0.2)
        severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert diagram is not None, "the diagram did not render"
    joined = " | ".join(diagram["text"])
    assert "Syntax error" not in joined and "error" not in joined.lower()
    assert severe == []
    for lane in sop.pelaksana:
        assert lane in diagram["text"]
    for step in sop.langkah:
        if step.keputusan is not None:
            for label, _ in step.keputusan.branches():
                assert label in diagram["edgeLabels"], (label, diagram["edgeLabels"])
