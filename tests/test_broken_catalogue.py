"""A broken catalogue stops the build with one ``file:line: message`` line per problem."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, Build, copy_project, mkdocs_build

BROKEN_SOP = """\
nomor: 800.1
nama: Pengukuran Kinerja
tanggal:
  pembuatan: 2020-02-30
  efektif: 2020-03-01
disahkan_oleh:
  jabatan: Kepala Dinas
  nip: 196505081986031016
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
pelaksana: [Kasi, Sekretaris]
langkah:
  - kegiatan: Menyusun draft
    pelaksana: Kasi
    waktu: 1:30
  - kegiatan: Memeriksa draft
    pelaksana: Sekretariss
    keputusan:
      ya: selesai
      tidak: 7
  - kegiatan: Mengarsipkan
    pelaksana: Kasi
    warna: merah
"""

MISSING_NAME = """\
nomor: "800/2"
tanggal: {pembuatan: 2020-02-04, efektif: 2020-02-05}
disahkan_oleh: {jabatan: Kepala Dinas}
dasar_hukum: [UU 25/2009]
pelaksana: [Kasi]
langkah:
  - kegiatan: Menyusun
    pelaksana: Kasi
"""

UNPARSEABLE = """\
nama: Rusak
langkah:
  - kegiatan: "tidak ditutup
    pelaksana: Kasi
"""


def _broken_sops(tmp_path: Path) -> Path:
    sops = tmp_path / "sops"
    shutil.copytree(ROOT / "sops", sops)
    agency = sops / "dinas-rusak"
    agency.mkdir()
    (agency / "instansi.yaml").write_text("nama: Dinas Contoh\npemerintah: Pemerintah Kota Contoh\n"
                                          "situs: javascript:alert(1)\n")
    (agency / "pengukuran.yaml").write_text(BROKEN_SOP)
    (agency / "tanpa-nama.yaml").write_text(MISSING_NAME)
    (agency / "tidak-terbaca.yaml").write_text(UNPARSEABLE)
    return sops


def test_broken_catalogue_fails_with_every_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", sops=_broken_sops(tmp_path))

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("sops/")]
    assert problem_lines == [
        'sops/dinas-rusak/instansi.yaml:3: situs: "javascript:alert(1)" bukan alamat http:// '
        "atau https:// yang sah",
        'sops/dinas-rusak/pengukuran.yaml:1: nomor: 800.1 dibaca YAML sebagai angka, bukan teks; '
        'beri tanda kutip: nomor: "800.1"',
        'sops/dinas-rusak/pengukuran.yaml:4: tanggal.pembuatan: "2020-02-30" bukan tanggal yang '
        "sah; tulis TTTT-BB-HH (misalnya 2020-02-04) atau TTTT-BB untuk bulan saja",
        "sops/dinas-rusak/pengukuran.yaml:8: disahkan_oleh.nip: 196505081986031016 dibaca YAML "
        'sebagai angka, bukan teks; beri tanda kutip: nip: "196505081986031016"',
        "sops/dinas-rusak/pengukuran.yaml:15: langkah[1].waktu: 1:30 dibaca YAML sebagai angka, "
        'bukan teks; beri tanda kutip: waktu: "1:30"',
        'sops/dinas-rusak/pengukuran.yaml:17: langkah[2].pelaksana: "Sekretariss" bukan salah '
        'satu pelaksana SOP ini (maksud Anda "Sekretaris"?)',
        'sops/dinas-rusak/pengukuran.yaml:20: langkah[2].keputusan.tidak: tujuan "7" tidak ada; '
        "tulis nomor langkah (1 sampai 3), id langkah, atau selesai",
        'sops/dinas-rusak/pengukuran.yaml:23: langkah[3]: kunci "warna" tidak dikenal',
        "sops/dinas-rusak/tanpa-nama.yaml:1: nama: wajib diisi",
        "sops/dinas-rusak/tidak-terbaca.yaml:5: YAML tidak dapat dibaca: berkas berakhir sebelum "
        "tanda kutip atau kurung ditutup (found unexpected end of stream)",
    ]
    assert not (tmp_path / "site" / "dinas-rusak").exists()


def test_clean_catalogue_builds(real_build: Build) -> None:
    assert real_build.result.returncode == 0, real_build.result.stderr
    assert "Traceback" not in real_build.result.stderr
