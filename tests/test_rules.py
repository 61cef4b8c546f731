"""One fixture per rule of the data contract, each pinning the exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from katalog_sop.problems import RULES
from katalog_sop.read.catalogue import load_catalogue

INSTANSI = "nama: Dinas Contoh\npemerintah: Pemerintah Kota Contoh\n"

VALID = """\
nomor: "800/1"
nama: Contoh
tanggal:
  pembuatan: 2020-02-04
  efektif: 2020-03-01
disahkan_oleh:
  jabatan: Kepala Dinas
dasar_hukum:
  - UU 25/2009
pelaksana: [Kasi, Sekretaris]
langkah:
  - kegiatan: Menyusun draft
    pelaksana: Kasi
    kelengkapan: Data
    waktu: 1 hari
    output: Draft
  - kegiatan: Memeriksa draft
    pelaksana: Sekretaris
    kelengkapan: Draft
    waktu: 10 menit
    output: Draft diperiksa
"""


def _check(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[list[str], list[str]]:
    sops = tmp_path / "sops"
    for name, content in {"dinas/instansi.yaml": INSTANSI, **files}.items():
        path = sops / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    result = load_catalogue(sops, tmp_path)
    return [str(p) for p in result.errors], [str(p) for p in result.warnings]


def _sop(replace: str = "", by: str = "", append: str = "") -> str:
    assert replace in VALID
    return VALID.replace(replace, by, 1) + append


F = "sops/dinas/contoh.yaml"

ERROR_CASES: dict[str, tuple[str | bytes, str]] = {
    "yaml-syntax": ("nama: [Contoh\n", f"{F}:2: YAML tidak dapat dibaca: daftar [ ... ] "
                    "tidak ditutup dengan ] (did not find expected ',' or ']')"),
    "yaml-tab": ("nama: Contoh\nlangkah:\n\t- kegiatan: x\n",
                 f"{F}:3: karakter tab dipakai untuk indentasi; YAML hanya menerima spasi"),
    "not-utf8": (b"nama: Contoh\n\xff\xfe\n", f"{F}:2: berkas bukan teks UTF-8 "
                 "(byte tidak sah di posisi 13)"),
    "empty-file": ("", f"{F}:1: berkas kosong"),
    "too-large": ("nama: " + "x" * 1_000_001 + "\n",
                  f"{F}:1: berkas terlalu besar (1000008 byte; paling besar 1000000 byte)"),
    "yaml-alias": (_sop("dasar_hukum:\n  - UU 25/2009", "dasar_hukum:\n  - &a UU 25/2009\n  - *a"),
                   f"{F}:9: anchor/alias YAML (& dan *) tidak didukung"),
    "duplicate-key": (_sop(append="nama: Lagi\n"),
                      f'{F}:22: kunci "nama" ditulis dua kali (pertama di baris 2)'),
    "not-mapping": ("- satu\n- dua\n",
                    f"{F}:1: berkas: harus berupa kumpulan kunci: nilai, bukan daftar"),
    "unknown-key": (_sop("dasar_hukum:", "dasar_hokum:"),
                    f'{F}:8: berkas: kunci "dasar_hokum" tidak dikenal '
                    '(maksud Anda "dasar_hukum"?)'),
    "missing": (_sop('nama: Contoh\n', ""), f"{F}:1: nama: wajib diisi"),
    "empty": (_sop("nama: Contoh", 'nama: "  "'), f"{F}:2: nama: tidak boleh kosong"),
    "yaml-surprise": (_sop('nomor: "800/1"', "nomor: 800.1"),
                      f'{F}:1: nomor: 800.1 dibaca YAML sebagai angka, bukan teks; beri tanda '
                      'kutip: nomor: "800.1"'),
    "wrong-type": (_sop("nama: Contoh", "nama: [Contoh]"),
                   f"{F}:2: nama: harus berupa teks, bukan daftar"),
    "bad-choice": (_sop(append="status: berlku\n"),
                   f'{F}:22: status: "berlku" tidak dikenal; pilih salah satu: berlaku, draf, '
                   'dicabut (maksud Anda "berlaku"?)'),
    "bad-date": (_sop("pembuatan: 2020-02-04", "pembuatan: 4 Februari 2020"),
                 f'{F}:4: tanggal.pembuatan: "4 Februari 2020" bukan tanggal yang sah; tulis '
                 "TTTT-BB-HH (misalnya 2020-02-04) atau TTTT-BB untuk bulan saja"),
    "revisi-before-pembuatan": (_sop("  efektif:", "  revisi: 2019-01-01\n  efektif:"),
                                f"{F}:5: tanggal.revisi (2019-01-01) lebih awal dari "
                                "tanggal.pembuatan (2020-02-04)"),
    "bad-nip": (_sop("  jabatan: Kepala Dinas", '  jabatan: Kepala Dinas\n  nip: "1965 0508"'),
                f'{F}:8: disahkan_oleh.nip: NIP "1965 0508" harus 18 angka (spasi boleh), '
                "ditemukan 8 angka"),
    "diganti-without-dicabut": (_sop(append="diganti_oleh: lain\n"),
                                f"{F}:22: diganti_oleh: hanya boleh diisi bila status: dicabut"),
    "unknown-pelaksana": (_sop("    pelaksana: Sekretaris", "    pelaksana: Sekertaris"),
                          f'{F}:18: langkah[2].pelaksana: "Sekertaris" bukan salah satu '
                          'pelaksana SOP ini (maksud Anda "Sekretaris"?)'),
    "duplicate-pelaksana": (_sop("[Kasi, Sekretaris]", "[Kasi, Sekretaris, Kasi]"),
                            f'{F}:10: pelaksana: "Kasi" ditulis dua kali'),
    "bad-target": (_sop("    pelaksana: Sekretaris",
                        "    pelaksana: Sekretaris\n    keputusan: {ya: selesai, tidak: koreksi}"),
                   f'{F}:19: langkah[2].keputusan.tidak: tujuan "koreksi" tidak ada; tulis nomor '
                   "langkah (1 sampai 2), id langkah, atau selesai"),
    "equal-targets": (_sop("    pelaksana: Sekretaris",
                           "    pelaksana: Sekretaris\n    keputusan: {ya: 1, tidak: 1}"),
                      f"{F}:19: langkah[2].keputusan: ya dan tidak menuju langkah yang sama (1)"),
    "unreachable": (_sop("    pelaksana: Kasi\n",
                         "    pelaksana: Kasi\n    keputusan: {ya: selesai, tidak: 1}\n"),
                    f"{F}:18: langkah[2]: langkah ini tidak pernah dicapai dari langkah 1"),
    "no-exit": (_sop("    pelaksana: Sekretaris",
                     "    pelaksana: Sekretaris\n    keputusan: {ya: 1, tidak: 2}"),
                f"{F}:12: langkah[1]: dari langkah ini alur tidak pernah sampai ke selesai"),
    "duplicate-id": (_sop("  - kegiatan: Memeriksa", "  - id: draf\n    kegiatan: Memeriksa")
                     .replace("  - kegiatan: Menyusun", "  - id: draf\n    kegiatan: Menyusun"),
                     f'{F}:18: langkah[2].id: id "draf" sudah dipakai langkah[1]'),
    "bad-id": (_sop("  - kegiatan: Memeriksa", "  - id: Koreksi Data\n    kegiatan: Memeriksa"),
               f'{F}:17: langkah[2].id: id "Koreksi Data" tidak sah; pakai huruf kecil, angka '
               'dan tanda hubung, bukan angka saja dan bukan "selesai"'),
    "too-many-steps": ("nama: x\nlangkah:\n" + "  - {kegiatan: x, pelaksana: A}\n" * 1001,
                       f"{F}:3: langkah: 1001 langkah; paling banyak 1000"),
    # Contract v2 (flow as real SOPs write it): the line of the offending value.
    "lanjut-on-decision": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    lanjut: 2\n"
             "    keputusan: {ya: 2, tidak: selesai}\n"),
        f"{F}:16: langkah[1].lanjut: langkah keputusan tidak memakai lanjut; tujuannya "
        "ditulis di keputusan"),
    "lanjut-self": (_sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    lanjut: 1\n"),
                    f"{F}:16: langkah[1].lanjut: langkah 1 tidak dapat lanjut ke dirinya "
                    "sendiri"),
    "missing-alternative": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan: {pertanyaan: 'Lengkap?'}\n"),
        f"{F}:16: langkah[1].keputusan: tulis tujuan keputusan: ya dan tidak, atau pilihan"),
    "both-alternatives": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan:\n      ya: 2\n"
             "      tidak: selesai\n      pilihan:\n        - {label: A, ke: 2}\n"
             "        - {label: B, ke: selesai}\n"),
        f"{F}:20: langkah[1].keputusan: ya/tidak dan pilihan tidak boleh dipakai bersama; "
        "pilih salah satu"),
    "too-few-items": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan:\n      pilihan:\n"
             "        - {label: Disetujui, ke: 2}\n"),
        f"{F}:18: langkah[1].keputusan.pilihan: 1 butir; paling sedikit 2"),
    "duplicate-label": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan:\n      pilihan:\n"
             "        - {label: Disetujui, ke: 2}\n        - {label: disetujui, ke: selesai}\n"),
        f'{F}:19: langkah[1].keputusan.pilihan[2].label: label "disetujui" sudah dipakai '
        "pilihan[1]"),
    "diganti-self": (_sop(append="status: dicabut\ndiganti_oleh: contoh\n"),
                     f"{F}:23: diganti_oleh: SOP ini tidak dapat digantikan oleh dirinya sendiri"),
    # The line of the wrong value (the item), not of the list's key (line 22).
    "unknown-sop": (_sop(append="keterkaitan:\n  - sop: tidak-ada\n"),
                    f'{F}:23: keterkaitan[1].sop: SOP "tidak-ada" tidak ada di katalog'),
}


R = "sops/peraturan-dicabut.yaml"
REVOKED = """\
dicabut:
  - peraturan: Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah
    dicabut_oleh: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
    sumber: https://peraturan.go.id/id/uu-no-23-tahun-2014
"""
"""A valid list of revoked regulations (``sops/peraturan-dicabut.yaml``)."""


def _revoked(replace: str = "", by: str = "", append: str = "") -> str:
    assert replace in REVOKED
    return REVOKED.replace(replace, by, 1) + append


_UU_32 = "Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah"
REVOKED_CASES: dict[str, tuple[str, str]] = {
    "not-a-regulation": (
        _revoked(_UU_32, "Peraturan perundang-undangan yang berlaku"),
        f'{R}:2: dicabut[1].peraturan: "Peraturan perundang-undangan yang berlaku" tidak '
        "terbaca sebagai peraturan; tulis jenis, nomor dan tahunnya, misalnya "
        '"Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah"'),
    "several-regulations": (
        _revoked(_UU_32, "UU 32/2004 sebagaimana telah diubah dengan UU 12/2008"),
        f'{R}:2: dicabut[1].peraturan: "UU 32/2004 sebagaimana telah diubah dengan UU 12/2008" '
        "menyebut 2 peraturan; tulis satu peraturan saja"),
    "regulation-without-region": (
        _revoked(_UU_32, "Peraturan Bupati Nomor 40 Tahun 2006"),
        f'{R}:2: dicabut[1].peraturan: "Peraturan Bupati Nomor 40 Tahun 2006" tidak menyebut '
        "daerahnya"),
    "revoked-by-itself": (
        _revoked("Undang-Undang Nomor 23 Tahun 2014", "UU No. 32 Tahun 2004"),
        f"{R}:3: dicabut[1].dicabut_oleh: peraturan tidak dapat dicabut oleh dirinya sendiri"),
    "revoked-twice": (
        _revoked(append="  - peraturan: UU 32/2004\n    dicabut_oleh: UU 1/2020\n"
                        "    sumber: https://peraturan.go.id/id/uu-no-1-tahun-2020\n"),
        f"{R}:5: dicabut[2].peraturan: Undang-Undang Nomor 32 Tahun 2004 sudah tercantum di "
        "dicabut[1]"),
}


@pytest.mark.parametrize("code", sorted(REVOKED_CASES))
def test_each_rule_of_the_revoked_list(code: str, tmp_path: Path) -> None:
    content, expected = REVOKED_CASES[code]
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": VALID, "peraturan-dicabut.yaml": content})
    assert errors == [expected]


def test_revoked_list_is_read_like_an_sop(tmp_path: Path) -> None:
    """Keys, required fields and addresses: the field table's own rules, at their lines."""
    content = _revoked("sumber: https://", "sumber: javascript:").replace(
        "    dicabut_oleh:", "    dicabut_olh:")
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": VALID, "peraturan-dicabut.yaml": content})
    assert errors == [
        f'{R}:2: dicabut[1].dicabut_oleh: wajib diisi',
        f'{R}:3: dicabut[1]: kunci "dicabut_olh" tidak dikenal (maksud Anda "dicabut_oleh"?)',
        f'{R}:4: dicabut[1].sumber: "javascript:peraturan.go.id/id/uu-no-23-tahun-2014" bukan '
        "alamat http:// atau https:// yang sah",
    ]


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_each_error_rule_reports_exact_message_and_line(code: str, tmp_path: Path) -> None:
    content, expected = ERROR_CASES[code]
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": content})
    assert expected in errors, errors


def test_every_error_rule_has_a_fixture() -> None:
    """A new rule must come with its fixture (cross-file ones are tested below)."""
    cross_file = {"duplicate-nomor", "no-instansi", "bad-slug", "bad-file", "bad-url",
                  "reserved-name", "diganti-cycle"}  # the last two: tests/test_hostile.py
    error_codes = {code for code, rule in RULES.items() if not rule.warning}
    assert error_codes - cross_file == {*ERROR_CASES, *REVOKED_CASES}


def test_duplicate_nomor_in_one_instansi(tmp_path: Path) -> None:
    errors, _ = _check(tmp_path, {"dinas/satu.yaml": VALID, "dinas/dua.yaml": VALID})
    assert errors == ['sops/dinas/satu.yaml:1: nomor: "800/1" sudah dipakai sops/dinas/dua.yaml']


def test_same_nomor_in_two_instansi_is_fine(tmp_path: Path) -> None:
    errors, _ = _check(tmp_path, {"dinas/satu.yaml": VALID, "lain/instansi.yaml": INSTANSI,
                                  "lain/satu.yaml": VALID})
    assert errors == []


def test_folder_without_instansi_file(tmp_path: Path) -> None:
    errors, _ = _check(tmp_path, {"lain/satu.yaml": VALID})
    assert errors == ["sops/lain/instansi.yaml:1: folder instansi ini tidak punya instansi.yaml"]


def test_bad_slugs_and_files(tmp_path: Path) -> None:
    errors, _ = _check(tmp_path, {"dinas/Pengukuran Kinerja.yaml": VALID,
                                  "dinas/lain.yml": VALID})
    assert errors == [
        'sops/dinas/Pengukuran Kinerja.yaml:1: nama "Pengukuran Kinerja" tidak sah untuk alamat '
        'halaman; pakai huruf kecil, angka dan tanda hubung saja (misalnya "pengukuran-kinerja")',
        "sops/dinas/lain.yml:1: berkas ini tidak dibaca: ganti akhiran .yml menjadi .yaml",
    ]


def test_situs_must_be_http(tmp_path: Path) -> None:
    sops = {"dinas/instansi.yaml": INSTANSI + "situs: javascript:alert(1)\n"}
    errors, _ = _check(tmp_path, sops)
    assert errors == ['sops/dinas/instansi.yaml:3: situs: "javascript:alert(1)" bukan alamat '
                      "http:// atau https:// yang sah"]


def test_reference_to_another_instansi(tmp_path: Path) -> None:
    linked = _sop(append="keterkaitan:\n  - sop: lain/satu\n")
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": linked, "lain/instansi.yaml": INSTANSI,
                                  "lain/satu.yaml": VALID})
    assert errors == []


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    broken = _sop('nomor: "800/1"', "nomor: 800.1").replace("pelaksana: Kasi\n",
                                                             "pelaksana: Kas\n")
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": broken, "dinas/kosong.yaml": ""})
    assert len(errors) == 3, errors


def test_draft_needs_fewer_fields(tmp_path: Path) -> None:
    draft = ("nama: Contoh\nstatus: draf\ntanggal: {pembuatan: 2020-02}\ndasar_hukum: [UU]\n"
             "pelaksana: [Kasi]\nlangkah:\n  - {kegiatan: Menyusun, pelaksana: Kasi}\n")
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": draft})
    assert errors == []


def test_pengesahan_stands_in_for_efektif(tmp_path: Path) -> None:
    content = _sop("  efektif: 2020-03-01", "  pengesahan: 2020-03-01")
    errors, _ = _check(tmp_path, {"dinas/contoh.yaml": content})
    assert errors == []
    errors, _ = _check(tmp_path / "x", {"dinas/contoh.yaml": _sop("  efektif: 2020-03-01\n", "")})
    assert errors == ["sops/dinas/contoh.yaml:4: tanggal.efektif: wajib diisi "
                      "(atau tanggal.pengesahan; kecuali bila status: draf)"]


_LONG = VALID.split("langkah:")[0] + "langkah:\n" + "".join(
    f"  - {{kegiatan: Langkah {i}, pelaksana: Kasi, kelengkapan: x, waktu: 1 hari, output: y}}\n"
    for i in range(1, 302))

WARNING_CASES: dict[str, tuple[str, str]] = {
    "diagram-too-large": (_LONG, f"{F}:11: langkah: diagram alir tidak digambar: 301 langkah "
                          "dengan 0 keputusan atau lanjut yang kembali ke langkah sebelumnya "
                          "(paling banyak 300 langkah tanpa keputusan itu; 150 langkah dengan "
                          "1 keputusan itu; 40 langkah dengan 8 keputusan itu)"),
    "duplicate-choice-target": (
        _sop("    waktu: 1 hari\n", "    waktu: 1 hari\n    keputusan:\n"
             "      pertanyaan: Keputusan?\n      pilihan:\n"
             "        - {label: Disetujui, ke: 2}\n        - {label: Ditolak, ke: selesai}\n"
             "        - {label: Ditunda, ke: 2}\n"),
        f"{F}:21: langkah[1].keputusan.pilihan[3].ke: menuju tujuan yang sama dengan "
        "pilihan[1] (langkah 2); panah itu tergambar dua kali"),
    "waktu-uncountable": (_sop("waktu: 1 hari", "waktu: Setiap saat"),
                          f'{F}:12: langkah[1].waktu: "Setiap saat" tidak dapat dihitung dalam '
                          "jumlah waktu"),
    "unused-pelaksana": (_sop("[Kasi, Sekretaris]", "[Kasi, Sekretaris, Camat]"),
                         f'{F}:10: pelaksana: kolom "Camat" tidak dipakai langkah mana pun'),
    "kegiatan-starts-with-pelaksana": (
        _sop("Memeriksa draft", "Sekretaris memeriksa draft"),
        f'{F}:17: langkah[2].kegiatan: kegiatan diawali nama pelaksana "Sekretaris"; formulir '
        "menaruh pelaksana di kolomnya sendiri"),
    "keputusan-without-pertanyaan": (
        _sop("    pelaksana: Sekretaris", "    pelaksana: Sekretaris\n"
             "    keputusan: {ya: selesai, tidak: 1}"),
        f"{F}:17: langkah[2].keputusan: keputusan tanpa pertanyaan"),
    "no-mutu-baku": (_sop("    kelengkapan: Draft\n    waktu: 10 menit\n", ""),
                     f"{F}:17: langkah[2]: Mutu Baku belum diisi: kelengkapan, waktu"),
    "many-pelaksana": (_sop("    pelaksana: Sekretaris", "    pelaksana: [Sekretaris, Kasi]"),
                       f"{F}:17: langkah[2]: satu langkah dengan 2 pelaksana"),
    "efektif-before-pembuatan": (_sop("efektif: 2020-03-01", "efektif: 2020-01-01"),
                                 f"{F}:3: tanggal.efektif (2020-01-01) lebih awal dari "
                                 "tanggal.pembuatan (2020-02-04)"),
    # With REVOKED beside it (WARNING_FILES): the line of the entry, the replacement named.
    "dasar-hukum-dicabut": (
        _sop("  - UU 25/2009", "  - UU 25/2009\n  - Undang-undang No. 32 Tahun 2004 tentang "
             "Pemerintahan Daerah sebagaimana telah diubah dengan UU 12/2008"),
        f'{F}:10: dasar_hukum[2]: "Undang-undang No. 32 Tahun 2004" telah dicabut oleh '
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"),
}
WARNING_FILES = {"dasar-hukum-dicabut": {"peraturan-dicabut.yaml": REVOKED}}
"""Files a warning's fixture needs beside the SOP."""


@pytest.mark.parametrize("code", sorted(WARNING_CASES))
def test_each_warning_rule(code: str, tmp_path: Path) -> None:
    content, expected = WARNING_CASES[code]
    errors, warnings = _check(tmp_path, {"dinas/contoh.yaml": content,
                                         **WARNING_FILES.get(code, {})})
    assert errors == []
    # A warning prints as path:line: peringatan: message, everywhere.
    path, line, message = expected.split(":", 2)
    assert f"{path}:{line}: peringatan:{message}" in warnings, warnings


def test_every_warning_rule_has_a_fixture() -> None:
    # not-published is about a file beside the SOPs: tests/test_hostile.py
    warnings = {code for code, rule in RULES.items() if rule.warning}
    assert warnings - {"not-published"} == set(WARNING_CASES)


def test_valid_sop_has_no_problem(tmp_path: Path) -> None:
    assert _check(tmp_path, {"dinas/contoh.yaml": VALID}) == ([], [])
