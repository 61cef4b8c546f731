"""Problems found in the data, and the one catalogue of their Indonesian messages.

Every message an editor can see is a ``Rule`` here: its template, and the fix the editor
guide shows beside it. The guide page is generated from ``RULES``, so the two cannot drift.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One kind of problem: a message template and the fix explained to editors."""

    code: str
    template: str
    fix: str
    warning: bool = False


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file, ready to print as ``path:line: message``."""

    path: str
    line: int
    code: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        """The one way a problem is printed: CLI, build error, log and report page."""
        kind = "peringatan: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        """Order problems by file, then line, then text."""
        return (self.path, self.line, self.message)


_RULES = [
    # --- reading the file ---
    Rule("yaml-syntax", "YAML tidak dapat dibaca: {detail}",
         "Periksa indentasi (pakai spasi, sejajar dengan baris di atasnya), titik dua setelah "
         "setiap kunci, dan tanda kutip yang dibuka harus ditutup."),
    Rule("yaml-tab", "karakter tab dipakai untuk indentasi; YAML hanya menerima spasi",
         "Ganti setiap tab di awal baris dengan spasi (dua spasi per tingkat)."),
    Rule("not-utf8", "berkas bukan teks UTF-8 (byte tidak sah di posisi {offset})",
         "Simpan berkas sebagai teks UTF-8 (di GitHub: salin isinya ke berkas baru)."),
    Rule("empty-file", "berkas kosong",
         "Isi berkas dengan data SOP; mulailah dari `katalog-sop new`."),
    Rule("too-large", "berkas terlalu besar ({size} byte; paling besar {limit} byte)",
         "Satu SOP tidak perlu sebesar ini: periksa apakah ada teks yang tersalin berulang."),
    Rule("yaml-alias", "anchor/alias YAML (& dan *) tidak didukung",
         "Tulis isinya langsung, tanpa `&nama` dan `*nama`."),
    Rule("duplicate-key", "kunci \"{key}\" ditulis dua kali (pertama di baris {first})",
         "Hapus salah satu; jika keduanya benar, gabungkan isinya di bawah satu kunci."),
    Rule("not-mapping", "{field}: harus berupa kumpulan kunci: nilai, bukan {found}",
         "Tulis setiap isian sebagai `kunci: nilai` pada baris sendiri, seperti contoh format."),
    # --- keys and types ---
    Rule("unknown-key", "{field}: kunci \"{key}\" tidak dikenal{hint}",
         "Periksa ejaan kunci; daftar kunci yang sah ada di bagian Format."),
    Rule("missing", "{field}: wajib diisi{why}",
         "Tambahkan isian ini; lihat contoh di bagian Format."),
    Rule("empty", "{field}: tidak boleh kosong",
         "Isi dengan teks, atau hapus kunci ini jika tidak wajib."),
    Rule("yaml-surprise",
         "{field}: {raw} dibaca YAML sebagai {reading}, bukan teks; beri tanda kutip: "
         "{key}: \"{raw}\"",
         "YAML mengubah nilai seperti `800.1`, `1:30`, `No`, `yes` atau angka panjang tanpa "
         "kutip menjadi angka atau benar/salah. Apit nilainya dengan tanda kutip ganda."),
    Rule("wrong-type", "{field}: harus berupa {expected}, bukan {found}",
         "Tulis nilai sesuai bentuk yang diminta di bagian Format."),
    Rule("bad-choice", "{field}: \"{value}\" tidak dikenal; pilih salah satu: {choices}{hint}",
         "Gunakan salah satu nilai yang disebut pesan."),
    Rule("bad-slug", "nama \"{name}\" tidak sah untuk alamat halaman; pakai huruf kecil, angka "
         "dan tanda hubung saja{hint}",
         "Ganti nama berkas/folder, misalnya `pengukuran-kinerja.yaml`. Nama ini menjadi alamat "
         "halaman yang permanen."),
    Rule("bad-file", "berkas ini tidak dibaca: {why}",
         "Beri nama berakhiran `.yaml` dan letakkan di folder instansi."),
    Rule("reserved-name", "nama {kind} \"{name}\" dipakai oleh situs sendiri; halamannya akan "
         "menimpa halaman situs",
         "Pilih nama lain untuk folder atau berkas ini, misalnya dengan nama daerahnya "
         "(`dinas-kominfo-lumajang`); daftar nama yang dipakai situs ada di bagian \"Berkas "
         "dan folder yang diterima\" panduan ini."),
    Rule("no-instansi", "folder instansi ini tidak punya instansi.yaml",
         "Buat `instansi.yaml` berisi `nama` dan `pemerintah` (lihat bagian Format)."),
    Rule("bad-url", "{field}: \"{value}\" bukan alamat http:// atau https:// yang sah",
         "Tulis alamat lengkap, misalnya `https://satpolpp.lumajangkab.go.id`."),
    Rule("bad-date", "{field}: \"{value}\" bukan tanggal yang sah; tulis TTTT-BB-HH "
         "(misalnya 2020-02-04) atau TTTT-BB untuk bulan saja",
         "Tulis tanggal dalam bentuk ISO: tahun-bulan-hari, dengan angka."),
    Rule("revisi-before-pembuatan",
         "tanggal.revisi ({revisi}) lebih awal dari tanggal.pembuatan ({pembuatan})",
         "Periksa kembali kedua tanggal pada dokumen yang ditandatangani."),
    Rule("bad-nip", "{field}: NIP \"{value}\" harus 18 angka (spasi boleh), ditemukan {count}",
         "Salin NIP persis dari dokumen, misalnya \"19650508 198603 1 016\", dalam tanda kutip."),
    Rule("diganti-self", "diganti_oleh: SOP ini tidak dapat digantikan oleh dirinya sendiri",
         "Tulis SOP lain yang menggantikannya, atau hapus `diganti_oleh`."),
    Rule("diganti-cycle", "diganti_oleh: penggantian berputar kembali ke SOP ini ({chain})",
         "Periksa `diganti_oleh` setiap SOP dalam rantai itu: SOP pengganti yang terakhir "
         "masih berlaku dan tidak digantikan lagi."),
    Rule("diganti-without-dicabut", "diganti_oleh: hanya boleh diisi bila status: dicabut",
         "Hapus `diganti_oleh`, atau ubah `status` menjadi `dicabut`."),
    # --- steps and flow ---
    Rule("unknown-pelaksana", "{field}: \"{value}\" bukan salah satu pelaksana SOP ini{hint}",
         "Tulis nama pelaksana persis seperti di daftar `pelaksana` SOP, atau tambahkan "
         "kolom itu ke daftar."),
    Rule("duplicate-pelaksana", "pelaksana: \"{value}\" ditulis dua kali",
         "Setiap kolom pelaksana cukup ditulis sekali."),
    Rule("bad-target", "{field}: tujuan \"{value}\" tidak ada; tulis nomor langkah (1 sampai "
         "{count}), id langkah, atau selesai{hint}",
         "Tujuan (`lanjut`, `ya`, `tidak`, `ke`) adalah nomor langkah, `id` langkah, atau "
         "`selesai`."),
    Rule("equal-targets", "{field}: ya dan tidak menuju langkah yang sama ({value})",
         "Keputusan harus bercabang: arahkan `ya` dan `tidak` ke tujuan yang berbeda."),
    Rule("lanjut-on-decision", "{field}: langkah keputusan tidak memakai lanjut; tujuannya "
         "ditulis di keputusan",
         "Hapus `lanjut`: langkah keputusan menuju tujuan `ya`/`tidak` atau `pilihan`-nya."),
    Rule("lanjut-self", "{field}: langkah {nomor} tidak dapat lanjut ke dirinya sendiri",
         "Tulis langkah yang dikerjakan sesudahnya, atau `selesai` bila prosedur berhenti di "
         "sini."),
    Rule("missing-alternative", "{field}: tulis tujuan keputusan: {choices}",
         "Keputusan dua jalan memakai `ya` dan `tidak`; keputusan dengan lebih banyak jalan "
         "memakai `pilihan` (masing-masing `label` dan `ke`)."),
    Rule("both-alternatives",
         "{field}: {first} dan {second} tidak boleh dipakai bersama; pilih salah satu",
         "Pakai `ya` dan `tidak` untuk dua jalan, atau hanya `pilihan` (pindahkan ya/tidak "
         "menjadi butir pilihan)."),
    Rule("too-few-items", "{field}: {count} butir; paling sedikit {least}",
         "Keputusan dengan `pilihan` punya paling sedikit dua jalan; untuk satu jalan pakai "
         "langkah biasa (dengan `lanjut` bila perlu)."),
    Rule("duplicate-label", "{field}: label \"{value}\" sudah dipakai {other}",
         "Setiap jalan keputusan berlabel lain, supaya pembaca tahu jalan mana yang diambil."),
    Rule("unreachable", "langkah[{nomor}]: langkah ini tidak pernah dicapai dari langkah 1",
         "Periksa `lanjut` dan tujuan keputusan sebelumnya: salah satunya harus menuju "
         "langkah ini atau langkah sebelum langkah ini."),
    Rule("no-exit", "langkah[{nomor}]: dari langkah ini alur tidak pernah sampai ke selesai",
         "Ada putaran tanpa jalan keluar: arahkan `lanjut` atau salah satu tujuan keputusan "
         "ke langkah sesudahnya atau ke `selesai`."),
    Rule("duplicate-id", "{field}: id \"{value}\" sudah dipakai langkah[{other}]",
         "Setiap `id` langkah harus unik dalam satu SOP."),
    Rule("bad-id", "{field}: id \"{value}\" tidak sah; pakai huruf kecil, angka dan tanda hubung,"
         " bukan angka saja dan bukan \"selesai\"",
         "Contoh id yang sah: `koreksi`, `verifikasi-data`."),
    Rule("too-many-steps", "langkah: {count} langkah; paling banyak {limit}",
         "Pecah prosedur yang sangat panjang menjadi beberapa SOP yang saling terkait."),
    # --- across files ---
    Rule("unknown-sop", "{field}: SOP \"{value}\" tidak ada di katalog{hint}",
         "Tulis `sop: nama-berkas` (instansi sama) atau `sop: folder-instansi/nama-berkas`."),
    Rule("duplicate-nomor", "nomor: \"{value}\" sudah dipakai {other}",
         "Dua SOP dalam satu instansi tidak boleh bernomor sama; periksa nomor pada dokumen."),
    # --- the list of revoked regulations (sops/peraturan-dicabut.yaml) ---
    Rule("not-a-regulation", "{field}: \"{value}\" tidak terbaca sebagai peraturan; tulis jenis, "
         "nomor dan tahunnya, misalnya \"Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan "
         "Daerah\"",
         "Tulis peraturan seperti di dasar hukum SOP; jenis dan cara penulisan yang dikenali "
         "ada di bagian Dasar hukum panduan ini."),
    Rule("several-regulations", "{field}: \"{value}\" menyebut {count} peraturan; tulis satu "
         "peraturan saja",
         "Setiap butir `dicabut` memuat satu `peraturan` dan satu `dicabut_oleh`; peraturan lain "
         "yang dicabut bersamanya ditulis sebagai butir sendiri."),
    Rule("regulation-without-region", "{field}: \"{value}\" tidak menyebut daerahnya",
         "Daftar ini berlaku untuk seluruh katalog: tulis daerahnya, misalnya \"Peraturan "
         "Bupati Lumajang Nomor 40 Tahun 2006\" atau \"Peraturan Daerah Kabupaten Jember Nomor "
         "3 Tahun 2016\"."),
    Rule("revoked-by-itself", "{field}: peraturan tidak dapat dicabut oleh dirinya sendiri",
         "Tulis di `dicabut_oleh` peraturan yang mencabutnya."),
    Rule("revoked-twice", "{field}: {name} sudah tercantum di {other}",
         "Setiap peraturan cukup dicantumkan sekali; hapus salah satu butir."),
    # --- conformance warnings (advice, never fail the build) ---
    Rule("duplicate-choice-target", "{field}: menuju tujuan yang sama dengan {other} "
         "({value}); panah itu tergambar dua kali", "Periksa tujuan `ke` setiap butir pilihan "
         "terhadap dokumen; bila dua jalan memang sama, satukan labelnya.", warning=True),
    Rule("waktu-uncountable",
         "{field}: \"{value}\" tidak dapat dihitung dalam jumlah waktu",
         "Boleh dibiarkan bila dokumen memang menulis begitu. Bentuk yang terhitung: "
         "`<angka> <satuan>` dengan satuan menit, jam, hari, hari kerja, minggu, bulan, tahun.",
         warning=True),
    Rule("unused-pelaksana", "pelaksana: kolom \"{value}\" tidak dipakai langkah mana pun",
         "Boleh dibiarkan bila kolom itu di formulir hanya memuat simbol Mulai.", warning=True),
    Rule("kegiatan-starts-with-pelaksana",
         "{field}: kegiatan diawali nama pelaksana \"{value}\"; formulir menaruh pelaksana di "
         "kolomnya sendiri",
         "Mulailah kegiatan dengan kata kerja, misalnya \"Melakukan rapat ...\".", warning=True),
    Rule("keputusan-without-pertanyaan", "{field}: keputusan tanpa pertanyaan",
         "Tambahkan `pertanyaan`, misalnya \"Data sudah lengkap?\".", warning=True),
    Rule("no-mutu-baku", "{field}: Mutu Baku belum diisi: {missing}",
         "Lengkapi kelengkapan, waktu dan output langkah ini bila dokumen memuatnya.",
         warning=True),
    Rule("many-pelaksana", "{field}: satu langkah dengan {count} pelaksana",
         "Permenpan RB 35/2012 menganjurkan satu pelaksana per kegiatan.", warning=True),
    Rule("diagram-too-large",
         "langkah: diagram alir tidak digambar: {count} langkah dengan {loops} keputusan atau "
         "lanjut yang kembali ke langkah sebelumnya (paling banyak {limits})",
         "Alur lengkap tetap tampil dan tercetak di Bagan Alir. Bila diagram "
         "diperlukan, pecah prosedur menjadi beberapa SOP yang saling terkait "
         "(`keterkaitan`).", warning=True),
    Rule("dasar-hukum-dicabut", "{field}: \"{value}\" telah dicabut oleh {replacement}",
         "Boleh dibiarkan: SOP tetap tampil seperti dokumen yang ditandatangani, dengan catatan "
         "di samping dasar hukum itu. Saat SOP direvisi, ganti dengan peraturan penggantinya. "
         "Daftar peraturan yang dicabut ada di `sops/peraturan-dicabut.yaml`.", warning=True),
    Rule("not-published", "berkas keterangan ini tidak diterbitkan di situs",
         "Tidak perlu diperbaiki bila berkas ini memang catatan untuk penyunting; isi SOP "
         "ditulis dalam berkas .yaml di folder instansi.", warning=True),
    Rule("efektif-before-pembuatan",
         "tanggal.efektif ({efektif}) lebih awal dari tanggal.pembuatan ({pembuatan})",
         "Periksa kembali kedua tanggal pada dokumen yang ditandatangani.", warning=True),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def shown(value: Any) -> Any:
    """An editor's value made safe for a one-line message: line breaks, tabs and other
    control or invisible format characters written as escapes (\\n, \\x1b, \\u2028)."""
    if not isinstance(value, str):
        return value
    return "".join(
        ch if ch == " " or unicodedata.category(ch)[0] not in "CZ"
        else ch.encode("unicode_escape").decode("ascii")
        for ch in value)


def problem(path: str, line: int, code: str, **fields: Any) -> Problem:
    """Build a problem from the rule ``code`` with the template's fields filled in."""
    rule = RULES[code]
    message = rule.template.format(**{key: shown(value) for key, value in fields.items()})
    return Problem(shown(path), line, code, message, rule.warning)

