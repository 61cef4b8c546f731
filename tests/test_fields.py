"""The field table: the committed JSON Schemas are generated from it, and the loader
reports every independent problem of a file in one run, each at the line of its value."""

from __future__ import annotations

from pathlib import Path

from test_rules import INSTANSI

from conftest import ROOT
from katalog_sop.read import schema
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.read.fields import SOP, Kind, Need


def test_committed_schemas_are_the_generated_ones() -> None:
    assert set(schema.SPECS) == {"sop", "instansi", "peraturan-dicabut"}
    for name in schema.SPECS:
        committed = (ROOT / "docs" / "schema" / f"{name}.schema.json").read_text("utf-8")
        assert committed == schema.render(name), (
            f"docs/schema/{name}.schema.json is out of date: run "
            "`.venv/bin/python -m katalog_sop.read.schema docs/schema` and commit the result")


def test_schema_requires_what_the_table_requires() -> None:
    generated = schema.generate("sop")
    required = [f.key for f in SOP.fields if f.need is Need.REQUIRED]
    assert generated["required"] == required
    assert set(generated["properties"]) == set(SOP.keys)
    unless_draft = [f.key for f in SOP.fields if f.need is Need.UNLESS_DRAFT]
    assert generated["allOf"][0]["then"]["required"] == unless_draft
    steps = next(f for f in SOP.fields if f.kind is Kind.STEPS)
    assert generated["properties"]["langkah"]["maxItems"] == steps.max_items


FIVE_MISTAKES = """\
nomor: "800/1"
nama: Contoh
tanggal:
  pembuatan: 2020-02-31
  efektif: 2020-03-01
disahkan_oleh:
  jabatan: Kepala Dinas
dasar_hukum: []
pelaksana: [Kasi, Sekretaris]
keterkaitan:
  - Teks bebas
  - sop: tidak-ada
langkah:
  - kegiatan: Menyusun draft
    pelaksana: Kasie
  - kegiatan: Memeriksa draft
    pelaksana: Sekretaris
    durasi: 10 menit
    keputusan: {ya: selesai, tidak: 9}
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "sops" / "dinas"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(INSTANSI)
    (folder / "contoh.yaml").write_text(text)
    return [str(p) for p in load_catalogue(tmp_path / "sops", tmp_path).errors]


def test_five_unrelated_mistakes_are_reported_together(tmp_path: Path) -> None:
    f = "sops/dinas/contoh.yaml"
    assert _errors(tmp_path, FIVE_MISTAKES) == [
        f'{f}:4: tanggal.pembuatan: "2020-02-31" bukan tanggal yang sah; tulis TTTT-BB-HH '
        "(misalnya 2020-02-04) atau TTTT-BB untuk bulan saja",
        f"{f}:8: dasar_hukum: tidak boleh kosong",
        f'{f}:12: keterkaitan[2].sop: SOP "tidak-ada" tidak ada di katalog',
        f'{f}:15: langkah[1].pelaksana: "Kasie" bukan salah satu pelaksana SOP ini '
        '(maksud Anda "Kasi"?)',
        f'{f}:18: langkah[2]: kunci "durasi" tidak dikenal',
        f'{f}:19: langkah[2].keputusan.tidak: tujuan "9" tidak ada; tulis nomor langkah '
        "(1 sampai 2), id langkah, atau selesai",
    ]


def test_flow_is_checked_even_when_another_section_has_errors(tmp_path: Path) -> None:
    text = FIVE_MISTAKES.replace("dasar_hukum: []", "dasar_hukum: [UU]").replace(
        "pembuatan: 2020-02-31", "pembuatan: 2020-02-03").replace("    pelaksana: Kasie\n",
        "    pelaksana: Kasi\n    keputusan: {ya: 1, tidak: selesai}\n").replace(
        "    durasi: 10 menit\n    keputusan: {ya: selesai, tidak: 9}\n", "")
    errors = _errors(tmp_path, text)
    assert any(e.endswith("langkah[2]: langkah ini tidak pernah dicapai dari langkah 1")
               for e in errors), errors
    assert any("tidak-ada" in e for e in errors), errors
