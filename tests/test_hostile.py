"""What a pull request can put under sops/: each case found by hostile testing, reproduced.

Links are never followed (no byte of an outside file reaches a message), names the site
uses are refused, nothing is skipped silently, digits never raise, hints stay bounded, and
replacement chains cannot loop. ``check`` and the build read through the same
``load_catalogue``; the build cases run a real ``mkdocs build``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_rules import INSTANSI, VALID

from conftest import ROOT, copy_project, mkdocs_build
from katalog_sop import cli
from katalog_sop.read import hints
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.read.files import RESERVED_INSTANSI

SECRET = "RAHASIA-token-ghp_0123456789"


def _sops(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    sops = tmp_path / "sops"
    for name, content in {"dinas/instansi.yaml": INSTANSI, "dinas/contoh.yaml": VALID,
                          **(files or {})}.items():
        (sops / name).parent.mkdir(parents=True, exist_ok=True)
        (sops / name).write_text(content, encoding="utf-8")
    return sops


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           *paths: str) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = cli.main(["check", *paths])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository with a secret file, a valid SOP and an agency."""
    folder = tmp_path / "luar"
    folder.mkdir()
    (folder / "token.txt").write_text(f"nama: {SECRET}\n")
    (folder / "sop.yaml").write_text(VALID.replace("nama: Contoh", f"nama: {SECRET}"))
    agency = folder / "instansi-luar"
    agency.mkdir()
    (agency / "instansi.yaml").write_text(INSTANSI.replace("Dinas Contoh", SECRET))
    (agency / "lain.yaml").write_text(VALID)
    return folder


LINKS = {
    "dinas/token.yaml": "luar/token.txt",
    "dinas/salinan.yaml": "luar/sop.yaml",
    "agensi": "luar/instansi-luar",
    "akar": "/",
    "dinas/nol.yaml": "/dev/zero",
    "dinas/putar.yaml": "dinas/putar.yaml",
    "dinas/hilang.yaml": "luar/tidak-ada.yaml",
}


@pytest.mark.parametrize("link", sorted(LINKS))
def test_links_are_never_followed(link: str, tmp_path: Path, outside: Path,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sops = _sops(tmp_path)
    target = LINKS[link]
    os.symlink(target if target.startswith("/") else tmp_path / target, sops / link)
    code, output = _check(tmp_path, capsys, monkeypatch)
    assert code == 1
    assert output.splitlines()[0] == (
        f"sops/{link}:1: berkas ini tidak dibaca: tautan simbolik (symlink) tidak diterima di "
        "sops/; salin isi berkasnya ke sini sebagai berkas biasa")
    assert SECRET not in output and "bin" not in output.split("\n", 1)[1]
    # Named on its own, the link is reported too (it was filtered out before).
    code, output = _check(tmp_path, capsys, monkeypatch, f"sops/{link}")
    assert code == 1 and f"sops/{link}:1:" in output and SECRET not in output


def test_linked_sops_folder_is_refused(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "repo").mkdir()
    os.symlink(outside, tmp_path / "repo" / "sops")
    result = load_catalogue(tmp_path / "repo" / "sops", tmp_path / "repo")
    assert [str(p) for p in result.errors] == [
        "sops:1: berkas ini tidak dibaca: tautan simbolik (symlink) tidak diterima di sops/; "
        "salin isi berkasnya ke sini sebagai berkas biasa"]


def test_build_refuses_links_and_publishes_nothing_from_outside(tmp_path: Path,
                                                                outside: Path) -> None:
    project = copy_project(tmp_path / "project")
    os.symlink(outside / "token.txt", project / "sops" / "satpolpp-lumajang" / "token.yaml")
    os.symlink(outside / "instansi-luar", project / "sops" / "agensi")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "sops/satpolpp-lumajang/token.yaml:1: berkas ini tidak dibaca: tautan simbolik" \
        in result.stderr
    assert "sops/agensi:1: berkas ini tidak dibaca: tautan simbolik" in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(RESERVED_INSTANSI - {"index"}))
def test_reserved_instansi_names(name: str, tmp_path: Path) -> None:
    sops = _sops(tmp_path, {f"{name}/instansi.yaml": INSTANSI, f"{name}/satu.yaml": VALID})
    errors = [str(p) for p in load_catalogue(sops, tmp_path).errors]
    assert errors == [f'sops/{name}:1: nama instansi "{name}" dipakai oleh situs sendiri; '
                      "halamannya akan menimpa halaman situs"]


def test_sop_named_index_would_replace_the_agency_page(tmp_path: Path) -> None:
    sops = _sops(tmp_path, {"dinas/index.yaml": VALID.replace('"800/1"', '"800/2"')})
    errors = [str(p) for p in load_catalogue(sops, tmp_path).errors]
    assert errors == ['sops/dinas/index.yaml:1: nama SOP "index" dipakai oleh situs sendiri; '
                      "halamannya akan menimpa halaman situs"]


def test_every_docs_page_name_is_reserved() -> None:
    for entry in (ROOT / "docs").iterdir():
        assert entry.name.removesuffix(".md") in RESERVED_INSTANSI, entry.name


def test_hidden_and_readme_entries_are_reported(tmp_path: Path) -> None:
    sops = _sops(tmp_path, {".rahasia/instansi.yaml": INSTANSI, ".rahasia/satu.yaml": VALID,
                            "dinas/.konsep.yaml": VALID, "README.md": "# catatan\n"})
    result = load_catalogue(sops, tmp_path)
    hidden = ("berkas ini tidak dibaca: nama yang diawali titik tersembunyi dan tidak "
              "diterbitkan; hapus titik di awal nama, atau pindahkan berkas ini ke luar sops/")
    assert [str(p) for p in result.errors] == [f"sops/.rahasia:1: {hidden}",
                                               f"sops/dinas/.konsep.yaml:1: {hidden}"]
    assert [str(p) for p in result.warnings] == [
        "sops/README.md:1: peringatan: berkas keterangan ini tidak diterbitkan di situs"]


@pytest.mark.parametrize("target", ['"\u00b2"', '"\u0663"', "1" * 5000, '"' + "7" * 5000 + '"',
                                    "0x1", "1e3"])
def test_odd_digits_in_a_target_are_a_clear_error(target: str, tmp_path: Path) -> None:
    text = VALID.replace("    pelaksana: Sekretaris",
                         f"    pelaksana: Sekretaris\n    keputusan: {{ya: 1, tidak: {target}}}")
    errors = [str(p) for p in load_catalogue(_sops(tmp_path, {"dinas/contoh.yaml": text}),
                                             tmp_path).errors]
    assert len(errors) == 1 and "langkah[2].keputusan.tidak: tujuan" in errors[0], errors
    assert "(1 sampai 2)" in errors[0]


@pytest.mark.parametrize("waktu", ["100000000000000000000000000000000000 menit", "9" * 5000 +
                                   " hari", "12345678901234567890123456789012 jam",
                                   "\u0663 hari"])
def test_huge_or_unicode_waktu_is_shown_as_written(waktu: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", sops=_sops(tmp_path, {
        "dinas/contoh.yaml": VALID.replace("waktu: 10 menit", f'waktu: "{waktu}"')}))
    result = load_catalogue(project / "sops", project)
    assert result.errors == []
    assert any("tidak dapat dihitung" in str(w) for w in result.warnings)
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "dinas" / "contoh" / "index.html").read_text()
    assert f"tidak terhitung: {waktu}" in page  # every digit, not rounded


def test_hints_are_bounded_on_a_file_of_near_misses(tmp_path: Path) -> None:
    names = [f"Pelaksana bagian nomor {i:05d}" for i in range(4000)]
    steps = "".join("  - {kegiatan: x, pelaksana: [" + ", ".join(
        f"Pelaksana bagian nomer {i:05d}" for i in range(k * 4, k * 4 + 4)) + "]}\n"
        for k in range(1000))
    text = VALID.replace("pelaksana: [Kasi, Sekretaris]", "pelaksana: [" + ", ".join(names)
                         + "]").split("langkah:")[0] + "langkah:\n" + steps
    assert len(text) > 240_000
    errors = load_catalogue(_sops(tmp_path, {"dinas/contoh.yaml": text}), tmp_path).errors
    assert len(errors) == 4000  # every problem is still reported ...
    hinted = [p for p in errors if "maksud Anda" in p.message]
    assert len(hinted) == hints.HINTS_PER_FILE  # ... but only the first ones get a hint
    assert 'maksud Anda "Pelaksana bagian nomor 00000"' in hinted[0].message


def test_hint_skips_long_values_and_far_lengths() -> None:
    assert hints.did_you_mean("Sekretariss", ["Sekretaris", "Kasi"]) == \
        ' (maksud Anda "Sekretaris"?)'
    assert hints.did_you_mean("x" * 500, ["x" * 499]) == ""
    assert hints.did_you_mean("ab", ["abcdefghij"]) == ""


def test_replacement_cycles(tmp_path: Path) -> None:
    revoked = "status: dicabut\ndiganti_oleh: {}\n"
    sops = _sops(tmp_path, {
        "dinas/contoh.yaml": VALID + revoked.format("dua"),
        "dinas/dua.yaml": VALID.replace('"800/1"', '"800/2"') + revoked.format("contoh"),
        "dinas/tiga.yaml": VALID.replace('"800/1"', '"800/3"') + revoked.format("tiga"),
    })
    errors = [str(p) for p in load_catalogue(sops, tmp_path).errors]
    assert errors == [
        "sops/dinas/contoh.yaml:23: diganti_oleh: penggantian berputar kembali ke SOP ini "
        "(dinas/contoh \u2192 dinas/dua \u2192 dinas/contoh)",
        "sops/dinas/dua.yaml:23: diganti_oleh: penggantian berputar kembali ke SOP ini "
        "(dinas/dua \u2192 dinas/contoh \u2192 dinas/dua)",
        "sops/dinas/tiga.yaml:23: diganti_oleh: SOP ini tidak dapat digantikan oleh dirinya "
        "sendiri",
    ]


def test_replacement_chain_that_ends_is_fine(tmp_path: Path) -> None:
    sops = _sops(tmp_path, {"dinas/dua.yaml": VALID.replace('"800/1"', '"800/2"')
                            + "status: dicabut\ndiganti_oleh: contoh\n"})
    assert load_catalogue(sops, tmp_path).errors == []


def test_dangling_link_fails_check_and_build_alike(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    link = project / "sops" / "satpolpp-lumajang" / "hilang.yaml"
    os.symlink(tmp_path / "tidak-ada.yaml", link)
    checked = load_catalogue(project / "sops", project)
    assert str(checked.errors[0]).startswith("sops/satpolpp-lumajang/hilang.yaml:1:")
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 1 and "sops/satpolpp-lumajang/hilang.yaml:1:" in built.stderr
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


def _fragments(site: Path) -> list[dict[str, object]]:
    """Pagefind's per-page records (gzip, a signature, then JSON)."""
    import gzip
    import json

    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def test_search_index_holds_the_instansi_once_and_unescaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    agency = project / "sops" / "satpolpp-lumajang" / "instansi.yaml"
    agency.write_text(agency.read_text().replace("\nnama: ", "\nnama: Satpol PP & Damkar 'A' ", 1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = [f for f in _fragments(tmp_path / "site") if "Damkar" in json_text(f)]
    assert len(pages) == 2  # the two SOPs of that instansi
    for page in pages:
        content = str(page["content"])
        assert "&amp;" not in content and "&#x27;" not in content, content[:200]
        meta = page["meta"]
        assert isinstance(meta, dict)
        assert meta["instansi"].startswith("Satpol PP & Damkar 'A' ")
        assert content.count("Damkar") == 1  # the kop only, not the hidden search labels


def json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _looped(steps: int, loops: int) -> str:
    """An SOP of ``steps`` steps whose last ``loops`` decisions each point three steps back."""
    rows = []
    for i in range(1, steps + 1):
        row = f"  - {{kegiatan: Langkah {i}, pelaksana: {'Kasi' if i % 2 else 'Sekretaris'}"
        if steps - loops <= i < steps and i > 3:
            row += f", keputusan: {{pertanyaan: Benar?, ya: {i + 1}, tidak: {i - 3}}}"
        rows.append(row + "}\n")
    return VALID.split("langkah:")[0] + "langkah:\n" + "".join(rows)


@pytest.mark.parametrize("steps,loops,drawn", [(300, 0, True), (301, 0, False),
                                               (150, 1, True), (151, 1, False),
                                               (40, 8, True), (40, 9, False), (41, 2, False)])
def test_diagram_limits(steps: int, loops: int, drawn: bool, tmp_path: Path) -> None:
    from katalog_sop.read import flow

    result = load_catalogue(_sops(tmp_path, {"dinas/contoh.yaml": _looped(steps, loops)}),
                            tmp_path)
    assert result.catalogue is not None, result.errors
    sop = result.catalogue.sops[0]
    assert flow.loops(sop.langkah) == loops
    assert flow.diagram_fits(sop.langkah) is drawn
    warned = [w for w in result.warnings if w.code == "diagram-too-large"]
    assert bool(warned) is not drawn


def test_too_large_diagram_page_has_no_diagram_and_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", sops=_sops(tmp_path, {
        "dinas/contoh.yaml": _looped(100, 3)}))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "dinas" / "contoh" / "index.html").read_text()
    assert "Diagram alir SOP ini terlalu besar untuk digambar (100 langkah)" in page
    assert "mermaid" not in page.lower()  # so mermaid2 adds no script either
    assert page.count('id="langkah-') == 100  # the flow is all in the table


def test_editor_guide_lists_exactly_the_reserved_names() -> None:
    guide = (ROOT / "docs" / "panduan-penyunting.md").read_text("utf-8")
    section = guide.split("## Berkas dan folder yang diterima", 1)[1].split("\n## ", 1)[0]
    paragraph = section.split("tidak boleh menjadi nama folder instansi:", 1)[1].split(".", 1)[0]
    import re

    assert set(re.findall(r"`([^`]+)`", paragraph)) == RESERVED_INSTANSI


def test_steps_in_several_lanes_count_once_per_lane() -> None:
    from katalog_sop.model import Langkah
    from katalog_sop.read import flow

    def steps(count: int, lanes: tuple[str, ...]) -> list[Langkah]:
        return [Langkah(nomor=n, kegiatan="x", pelaksana=lanes) for n in range(1, count + 1)]

    assert flow.diagram_fits(steps(150, ("A", "B")))
    assert not flow.diagram_fits(steps(151, ("A", "B")))
    assert not flow.diagram_fits(steps(300, ("A", "B")))  # stalled Chromium for 120 s
