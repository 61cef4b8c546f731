"""Synthetic SOP catalogues for benchmarks: N realistic SOPs across M instansi of one kabupaten.

    python scripts/synthetic.py OUT_DIR --sops 5000 --instansi 50 --seed 1

Writes ``OUT_DIR/<instansi>/instansi.yaml`` and ``OUT_DIR/<instansi>/<sop>.yaml`` in the shape
of the real files under ``sops/`` (see /work/shared/design/sop-format.md). The same arguments
always give byte-identical files: every choice comes from one ``random.Random(seed)`` and is
made over sorted or fixed-order lists. Every generated catalogue passes ``katalog-sop check``
with zero errors (a few conformance warnings are made on purpose, as real catalogues have).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTANSI_FILE = "instansi.yaml"
SOP_SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/schema/sop.schema.json\n"
INSTANSI_SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/schema/instansi.schema.json\n"

# --- word lists (Indonesian, as printed on real SOP AP forms) ---

KABUPATEN = ("Lumajang", "Jember", "Balangan", "Bondowoso", "Situbondo", "Probolinggo",
             "Pasuruan", "Tabalong", "Banyuwangi", "Magetan", "Ngawi", "Tulungagung")

# (name, abbreviation, head's title, kind); kind picks the executor ladder below.
AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    ("Sekretariat Daerah", "Setda", "Sekretaris Daerah", "setda"),
    ("Inspektorat Daerah", "Inspektorat", "Inspektur", "badan"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "Kepala Badan", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Kepala Badan", "badan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Kepala Badan",
     "badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "Kepala Badan", "badan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "Kepala Pelaksana", "badan"),
    ("Badan Kesatuan Bangsa dan Politik", "Bakesbangpol", "Kepala Badan", "badan"),
    ("Dinas Pendidikan", "Dispendik", "Kepala Dinas", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "Kepala Dinas", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Kepala Dinas", "dinas"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "Kepala Dinas", "dinas"),
    ("Dinas Sosial", "Dinsos", "Kepala Dinas", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "Kepala Dinas", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "Kepala Dinas", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Dispendukcapil", "Kepala Dinas", "dinas"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "Kepala Dinas", "dinas"),
    ("Dinas Perhubungan", "Dishub", "Kepala Dinas", "dinas"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "Kepala Dinas", "dinas"),
    ("Dinas Koperasi dan Usaha Mikro", "Diskopum", "Kepala Dinas", "dinas"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Kepala Dinas",
     "dinas"),
    ("Dinas Pemuda, Olahraga dan Pariwisata", "Disparpora", "Kepala Dinas", "dinas"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "Kepala Dinas", "dinas"),
    ("Dinas Pertanian dan Ketahanan Pangan", "Distan", "Kepala Dinas", "dinas"),
    ("Dinas Perikanan", "Diskan", "Kepala Dinas", "dinas"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "Kepala Dinas", "dinas"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "Kepala Dinas", "dinas"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "Kepala Satuan", "dinas"),
    ("Rumah Sakit Umum Daerah", "RSUD", "Direktur", "badan"),
)

# Kecamatan names; beyond this list names are built from syllables.
KECAMATAN = ("Pakusari", "Sumbersuko", "Sukodono", "Tempeh", "Pasirian", "Candipuro",
             "Pronojiwo", "Tekung", "Kunir", "Yosowilangun", "Rowokangkung", "Jatiroto",
             "Randuagung", "Senduro", "Gucialit", "Padang", "Klakah", "Ranuyoso", "Kedungjajang",
             "Tempursari", "Ajung", "Arjasa", "Balung", "Bangsalsari", "Kalisat", "Kencong",
             "Ledokombo", "Mayang", "Mumbulsari", "Panti", "Puger", "Rambipuji", "Silo",
             "Sukowono", "Tanggul", "Umbulsari", "Wuluhan", "Paringin", "Awayan", "Halong")
SYLLABLES = ("ka", "li", "su", "mber", "ro", "wo", "ja", "ti", "ba", "ngun", "sa", "ri",
             "pu", "ger", "ta", "lang", "ke", "dung", "ran", "u")

# Executor ladders from the head down; an SOP takes 2-6 of them, in ladder order.
STAFF_DINAS = ("Sekretaris", "Kepala Bidang", "Kasubag Perencanaan", "Kasubag Keuangan",
               "Kasubag Umum dan Kepegawaian", "Kepala Seksi", "Analis Kebijakan",
               "Bendahara Pengeluaran", "Pengelola Data", "Tim SAKIP", "Staf",
               "Petugas Loket", "Pemohon")
STAFF_KECAMATAN = ("Sekretaris Camat", "Kasi Pemerintahan", "Kasi Pelayanan Umum",
                   "Kasi Ketentraman dan Ketertiban", "Kasubag Umum dan Kepegawaian",
                   "Kasubag Perencanaan dan Keuangan", "Lurah", "Kepala Desa", "Staf",
                   "Petugas Loket", "Pemohon")
STAFF_SETDA = ("Asisten Pemerintahan", "Kepala Bagian", "Kasubag Tata Usaha", "Analis Hukum",
               "Pengadministrasi Umum", "Tim SAKIP", "Staf")

# SOP names are "<verb> <object>"; service objects and internal-administration objects take
# different verbs, as on real forms ("Penerbitan Izin Reklame", "Pengukuran Kinerja").
SERVICE_VERBS = ("Pelayanan", "Penerbitan", "Verifikasi Permohonan", "Pengajuan",
                 "Penyelesaian Pengaduan")
SERVICES = ("Surat Keterangan Domisili", "Surat Keterangan Tidak Mampu", "Izin Reklame",
            "Persetujuan Bangunan Gedung", "Kartu Keluarga", "Akta Kelahiran", "Akta Kematian",
            "Kartu Tanda Penduduk Elektronik", "Surat Pindah Penduduk", "Izin Usaha Mikro",
            "Surat Keterangan Usaha", "Izin Keramaian", "Rekomendasi Teknis",
            "Surat Keterangan Ahli Waris", "Legalisasi Dokumen", "Izin Penelitian",
            "Surat Pengantar Nikah", "Sertifikat Laik Fungsi", "Izin Praktik Tenaga Kesehatan",
            "Izin Operasional Sekolah", "Bantuan Sosial", "Kartu Pencari Kerja",
            "Izin Trayek", "Uji Berkala Kendaraan", "Izin Lingkungan", "Tanda Daftar Gudang",
            "Surat Keterangan Catatan Kepolisian", "Dispensasi Nikah", "Izin Pemakaman",
            "Surat Keterangan Kelakuan Baik", "Izin Penggunaan Gedung", "Data Statistik",
            "Informasi Publik", "Rekomendasi Beasiswa", "Izin Mendirikan Menara")
ADMIN_VERBS = ("Penyusunan", "Pengelolaan", "Pengumpulan", "Pelaporan", "Evaluasi",
               "Pengukuran", "Monitoring", "Pemeriksaan", "Pendataan")
ADMIN_OBJECTS = ("Kinerja", "Data Kinerja", "Rencana Strategis", "Rencana Kerja",
                 "Perjanjian Kinerja", "Laporan Kinerja", "Surat Masuk", "Surat Keluar",
                 "Barang Milik Daerah", "Cuti Pegawai", "Kenaikan Pangkat", "Arsip Dinamis",
                 "Anggaran Kas", "Surat Pertanggungjawaban", "Rencana Kebutuhan Barang",
                 "Daftar Hadir Pegawai", "Sasaran Kinerja Pegawai", "Pengaduan Masyarakat",
                 "Tindak Lanjut Hasil Pemeriksaan", "Dokumen Pelaksanaan Anggaran",
                 "Rapat Koordinasi", "Perjalanan Dinas", "Kegiatan Fisik",
                 "Produk Hukum Daerah", "Risiko Organisasi", "Aset Tetap", "Kas Daerah",
                 "Data Pegawai", "Pengadaan Barang dan Jasa", "Laporan Keuangan",
                 "Standar Pelayanan", "Survei Kepuasan Masyarakat", "Indeks Kepuasan",
                 "Website Instansi", "Pemeliharaan Kendaraan Dinas", "Inventaris Kantor")

LAWS = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Undang-Undang Nomor 1 Tahun 2004 tentang Perbendaharaan Negara",
    "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
    "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah",
    "Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tahapan, Tata Cara Penyusunan, "
    "Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
    "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha "
    "Berbasis Risiko",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun "
    "2014 tentang Pedoman Standar Pelayanan",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan "
    "Keuangan Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016 tentang Pedoman Pengelolaan Barang "
    "Milik Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas",
)
REGIONAL_TOPICS = ("Pembentukan dan Susunan Perangkat Daerah", "Pajak Daerah dan Retribusi "
                   "Daerah", "Penyelenggaraan Pelayanan Publik", "Rencana Pembangunan Jangka "
                   "Menengah Daerah", "Penyelenggaraan Ketertiban Umum",
                   "Pengelolaan Barang Milik Daerah", "Pelimpahan Sebagian Kewenangan Bupati "
                   "kepada Camat", "Penyelenggaraan Kearsipan")

QUALIFICATIONS = ("Memahami tugas pokok dan fungsi", "Mampu mengoperasikan komputer",
                  "Memahami peraturan perundang-undangan terkait",
                  "Mampu berkomunikasi dengan baik", "Memiliki kemampuan analisis data",
                  "Mampu bekerja sama dalam tim", "Memahami tata naskah dinas",
                  "Teliti dan cermat", "Memiliki sertifikat pengadaan barang/jasa",
                  "Memahami aplikasi SIPD", "Berpendidikan minimal SMA/sederajat")
EQUIPMENT = ("Komputer", "Printer", "ATK", "Jaringan internet", "Filling cabinet",
             "Buku agenda", "Telepon", "Scanner", "Aplikasi SIPD", "Aplikasi SRIKANDI",
             "Kendaraan dinas", "Stempel instansi", "Formulir permohonan")
WARNINGS = ("Jika SOP ini tidak dilaksanakan maka pelayanan kepada masyarakat akan terhambat",
            "Apabila berkas tidak lengkap maka permohonan dikembalikan kepada pemohon",
            "Jika SOP ini tidak dilaksanakan maka laporan tidak dapat disusun tepat waktu",
            "Keterlambatan penyampaian data mengakibatkan target kinerja tidak tercapai",
            "Kesalahan data berakibat pada ketidaksesuaian laporan")
RECORDS = ("Disimpan sebagai data elektronik dan manual", "Buku register", "Arsip digital",
           "Agenda surat", "Dokumen laporan", "Database aplikasi", "Kartu kendali")

TIMES = ("5 menit", "10 menit", "15 menit", "30 menit", "60 menit", "1 jam", "2 jam", "3 jam",
         "1 hari", "2 hari", "3 hari", "3 hari kerja", "1 minggu")
REMARKS = ("Melalui aplikasi", "Manual", "Dikembalikan bila belum lengkap")
QUESTIONS = ("Lengkap?", "Sudah benar?", "Disetujui?", "Memenuhi syarat?", "Sesuai?",
             "Layak?")
# Activities in the order they happen on real forms: an opening, middle steps, a closing.
OPENING_STEPS = ("Menerima dan mencatat berkas {obj}",
                 "Memberikan disposisi untuk memproses {obj}")
MIDDLE_STEPS = ("Menelaah berkas {obj}", "Mengolah data {obj}", "Menyusun draf {obj}",
                "Melaksanakan rapat koordinasi pembahasan {obj}",
                "Menginput data {obj} ke dalam aplikasi", "Mengetik konsep {obj}",
                "Memaraf konsep {obj}", "Menandatangani dokumen {obj}",
                "Menggandakan dan mendistribusikan dokumen {obj}",
                "Menyampaikan hasil {obj} kepada pimpinan")
CLOSING_STEPS = ("Mengarsipkan dokumen {obj}", "Menyerahkan dokumen {obj} kepada pemohon")
DECISION_STEPS = ("Memeriksa kelengkapan berkas {obj}", "Memverifikasi draf {obj}",
                  "Mengoreksi konsep {obj}", "Meneliti keabsahan dokumen {obj}")
DOCUMENTS = ("Berkas permohonan", "Disposisi", "Nota dinas", "Draf dokumen", "Konsep surat",
             "Dokumen final", "Formulir isian", "Notulen rapat", "Lembar kendali",
             "Tanda terima", "Surat pengantar", "Data pendukung")
FIRST_NAMES = ("Ahmad", "Budi", "Siti", "Dewi", "Agus", "Sri", "Hadi", "Nur", "Rina", "Eko",
               "Bambang", "Yuli", "Rudi", "Indah", "Slamet", "Wahyu", "Endang", "Joko")
LAST_NAMES = ("Santoso", "Wahyuni", "Prasetyo", "Hidayat", "Susanti", "Fauzi", "Rahmawati",
              "Setiawan", "Kurniawan", "Lestari", "Saputra", "Handayani", "Syamsudin")
PRE_TITLES = ("", "", "Drs. ", "Dr. ", "Ir. ", "H. ", "Hj. ", "dr. ")
POST_TITLES = (", S.Sos", ", S.STP., M.Si.", ", S.H., M.H.", ", S.E., M.M.", ", M.Si.",
               ", S.Kom.", ", S.T., M.T.", ", S.Pd.", "")
PANGKAT = ("Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Penata Tingkat I")

# Plain scalars only where YAML 1.1 cannot read anything but a string ("10 menit" is fine,
# "800.1" or "1:30" would not be); everything else is written double-quoted.
_SAFE_PLAIN = re.compile(r"^(?:[A-Za-z]|\d+ [a-z])[A-Za-z0-9 ,./()'&?-]*[A-Za-z0-9.)?]$")
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


@dataclass
class _Agency:
    slug: str
    nama: str
    singkatan: str
    head: str
    kind: str
    code: str
    sop_slugs: list[str] = field(default_factory=list)
    sop_names: list[str] = field(default_factory=list)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when unambiguous, else a JSON (double-quoted) string."""
    if _SAFE_PLAIN.match(text) and text.lower() not in _YAML11_WORDS and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def slugify(name: str) -> str:
    """The page address of a name: lowercase ASCII words joined by hyphens."""
    return "-".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _kecamatan_name(rng: random.Random, index: int) -> str:
    if index < len(KECAMATAN):
        return KECAMATAN[index]
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _agencies(rng: random.Random, count: int, kabupaten: str) -> list[_Agency]:
    """``count`` distinct agencies: the regional offices first, then kecamatan."""
    agencies: list[_Agency] = []
    used: set[str] = set()
    for index in range(count):
        if index < len(AGENCIES):
            nama, singkatan, head, kind = AGENCIES[index]
        else:
            place = _kecamatan_name(rng, index - len(AGENCIES))
            nama, singkatan, head, kind = f"Kecamatan {place}", "", "Camat", "kecamatan"
        slug = f"{slugify(singkatan or nama)}-{slugify(kabupaten)}"
        while slug in used:  # syllable names can repeat
            nama += " Baru"
            slug = f"{slugify(nama)}-{slugify(kabupaten)}"
        used.add(slug)
        code = rng.choice(("000.8", "060", "100.3", "400.14", "427.46", "500.16", "800.1",
                           "900.1"))
        agencies.append(_Agency(slug, nama, singkatan, head, kind, code))
    return agencies


def _spread(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` uneven shares (each at least 1 when possible)."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    base = 1 if total >= parts else 0
    rest = total - base * parts
    raw = [rest * w / sum(weights) for w in weights]
    shares = [base + int(r) for r in raw]
    # Largest remainders get the leftover SOPs; ties broken by position for determinism.
    order = sorted(range(parts), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _sop_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct SOP names for one agency."""
    combos = sorted({f"{verb} {obj}" for verb in SERVICE_VERBS for obj in SERVICES}
                    | {f"{verb} {obj}" for verb in ADMIN_VERBS for obj in ADMIN_OBJECTS})
    names = rng.sample(combos, min(count, len(combos)))
    qualifiers = ("Tahunan", "Triwulanan", "Tingkat Kecamatan", "Tingkat Desa", "Secara Daring")
    extra = 0
    while len(names) < count:  # only for very large agencies: qualify existing names
        base = combos[extra % len(combos)]
        round_ = extra // len(combos)
        suffix = (qualifiers[round_] if round_ < len(qualifiers)
                  else f"Tahap {round_ - len(qualifiers) + 2}")
        names.append(f"{base} {suffix}")
        extra += 1
    return names


def _person(rng: random.Random) -> str:
    return (f"{rng.choice(PRE_TITLES)}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            f"{rng.choice(POST_TITLES)}")


def _nip(rng: random.Random) -> str:
    """An 18-digit NIP as printed: birth date, appointment year-month, sex, sequence."""
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(20 * 365))
    appointed = f"{birth.year + rng.randint(22, 30)}{rng.randint(1, 12):02d}"
    return f"{birth:%Y%m%d} {appointed} {rng.randint(1, 2)} {rng.randint(1, 999):03d}"


def _date(rng: random.Random, start: dt.date, max_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max_days + 1))


def _executors(rng: random.Random, agency: _Agency, steps: int) -> list[str]:
    """2-6 executor columns (never more than steps, so that every column is used)."""
    ladder = {"kecamatan": STAFF_KECAMATAN, "setda": STAFF_SETDA}.get(agency.kind, STAFF_DINAS)
    count = rng.randint(2, min(6, steps))
    chosen = sorted(rng.sample(range(len(ladder)), count - 1))
    names = [agency.head] + [ladder[i] for i in chosen]
    # Forms list columns either from the head down or from the staff up.
    return names if rng.random() < 0.5 else names[::-1]


def _list_block(key: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"{key}: []"]
    return [f"{key}:"] + [f"  - {_scalar(item)}" for item in items]


def _value_lines(key: str, items: Sequence[str], indent: str) -> list[str]:
    """A Mutu Baku value: one item as a plain string, several as a list."""
    if len(items) == 1:
        return [f"{indent}{key}: {_scalar(items[0])}"]
    return [f"{indent}{key}:"] + [f"{indent}  - {_scalar(item)}" for item in items]


def _steps(rng: random.Random, executors: list[str], obj: str, count: int) -> list[str]:
    """The ``langkah`` block: ``count`` steps, some decisions looping back to an earlier step.

    The flow is a chain (each step reaches the next, the last reaches ``selesai``), so every
    step is reachable and finishes; a decision's ``ya`` continues the chain and its ``tidak``
    goes back to an earlier step (or, now and then, ends the procedure).
    """
    # Every column gets at least one step (an unused column is a conformance warning).
    owners = list(executors) + [rng.choice(executors) for _ in range(count - len(executors))]
    rng.shuffle(owners)
    decisions: dict[int, tuple[int | str, int | str]] = {}
    for nomor in sorted(rng.sample(range(2, count + 1), rng.choice((0, 1, 1, 1, 2, 2, 3)))):
        ya: int | str = nomor + 1 if nomor < count else "selesai"
        tidak: int | str = rng.randint(1, nomor - 1)
        if ya != "selesai" and rng.random() < 0.15:
            tidak = "selesai"  # e.g. an application rejected outright
        decisions[nomor] = (ya, tidak)
    # Some loop-back targets are named by a step id instead of a number, as editors may do.
    ids = {int(t): f"langkah-{t}" for _, t in decisions.values()
           if isinstance(t, int) and rng.random() < 0.3}
    activities = _activities(rng, count, decisions, obj)
    lines = ["langkah:"]
    previous_output = rng.choice(("Berkas permohonan", "Disposisi", "Nota dinas"))
    for nomor in range(1, count + 1):
        kegiatan = f"kegiatan: {_scalar(activities[nomor - 1])}"
        if nomor in ids:
            lines += [f"  - id: {ids[nomor]}", f"    {kegiatan}"]
        else:
            lines.append(f"  - {kegiatan}")
        if rng.random() < 0.01:
            # A joint step, as some real forms have (a conformance warning).
            joint = sorted({owners[nomor - 1], rng.choice(executors)}, key=executors.index)
            lines += _value_lines("pelaksana", joint, "    ")
        else:
            lines.append(f"    pelaksana: {_scalar(owners[nomor - 1])}")
        if nomor in decisions:
            ya, tidak = decisions[nomor]
            shown = ids.get(tidak, tidak) if isinstance(tidak, int) else tidak
            lines += ["    keputusan:", f"      pertanyaan: {_scalar(rng.choice(QUESTIONS))}",
                      f"      ya: {ya}", f"      tidak: {shown}"]
        # Mutu Baku: each step works on what the step before produced.
        extra = rng.sample(DOCUMENTS, rng.randint(0, 2))
        lines += _value_lines("kelengkapan", [previous_output, *extra], "    ")
        waktu = "Setiap saat" if rng.random() < 0.005 else rng.choice(TIMES)
        lines.append(f"    waktu: {_scalar(waktu)}")
        previous_output = f"{rng.choice(DOCUMENTS)} {obj.lower()}"
        lines.append(f"    output: {_scalar(previous_output)}")
        if rng.random() < 0.1:
            lines.append(f"    keterangan: {_scalar(rng.choice(REMARKS))}")
    return lines


def _activities(rng: random.Random, count: int,
                decisions: dict[int, tuple[int | str, int | str]], obj: str) -> list[str]:
    """The ``kegiatan`` of each step, in a plausible order."""
    plain = [n for n in range(1, count + 1) if n not in decisions]
    middle_count = max(0, len(plain) - 2)
    if middle_count <= len(MIDDLE_STEPS):
        middle = [MIDDLE_STEPS[i] for i in sorted(rng.sample(range(len(MIDDLE_STEPS)),
                                                             middle_count))]
    else:
        middle = sorted(rng.choices(MIDDLE_STEPS, k=middle_count), key=MIDDLE_STEPS.index)
    ordered = [rng.choice(OPENING_STEPS), *middle, rng.choice(CLOSING_STEPS)][-len(plain):]
    texts = dict(zip(plain, ordered, strict=True))
    texts.update({n: rng.choice(DECISION_STEPS) for n in decisions})
    return [texts[n].format(obj=obj.lower()) for n in range(1, count + 1)]


def _jabatan(agency: _Agency, kabupaten: str) -> str:
    """The signer's title as printed, e.g. "Kepala Dinas Kesehatan Kabupaten Lumajang"."""
    head_last = agency.head.split()[-1]
    first, _, rest = agency.nama.partition(" ")
    if first == head_last:  # "Kepala Dinas" + "Dinas Kesehatan", "Camat" + "Kecamatan X"...
        unit = f"{agency.head} {rest}"
    elif agency.kind == "kecamatan":
        unit = f"Camat {rest}"
    elif agency.kind == "setda" or agency.head == "Inspektur":
        unit = agency.head
    else:
        unit = f"{agency.head} {agency.nama}"
    return f"{unit} Kabupaten {kabupaten}"


def _sop_text(rng: random.Random, agency: _Agency, index: int, kabupaten: str) -> str:
    """One SOP file."""
    nama = agency.sop_names[index]
    slug = agency.sop_slugs[index]
    obj = nama.split(" ", 1)[1] if " " in nama else nama
    roll = rng.random()
    status = "draf" if roll < 0.08 else "dicabut" if roll < 0.10 else "berlaku"
    others = [s for s in agency.sop_slugs if s != slug]
    replacement = rng.choice(others) if status == "dicabut" and others else None
    if status == "dicabut" and replacement is None:
        status = "berlaku"

    lines = [SOP_SCHEMA_LINE.rstrip("\n")]
    pembuatan = _date(rng, dt.date(2017, 1, 1), 6 * 365)
    if status != "draf" or rng.random() < 0.5:
        year = pembuatan.year + rng.randint(0, 2)
        lines.append(f'nomor: "{agency.code}/{index + 1:03d}/35.08.{rng.randint(1, 40):02d}/'
                     f'{year}"')
    lines.append(f"nama: {_scalar(nama.upper() if rng.random() < 0.1 else nama)}")
    if status != "berlaku":
        lines.append(f"status: {status}")
    if replacement:
        lines.append(f"diganti_oleh: {replacement}")
    lines.append("tanggal:")
    lines.append(f"  pembuatan: {pembuatan.isoformat()}")
    latest = pembuatan
    if rng.random() < 0.4:
        latest = _date(rng, pembuatan + dt.timedelta(days=30), 900)
        lines.append(f"  revisi: {latest.isoformat()}")
    if status != "draf":
        key = "pengesahan" if rng.random() < 0.15 else "efektif"
        lines.append(f"  {key}: {_date(rng, latest, 60).isoformat()}")
        lines += ["disahkan_oleh:",
                  f"  jabatan: {_scalar(_jabatan(agency, kabupaten))}",
                  f"  nama: {_scalar(_person(rng))}",
                  f'  nip: "{_nip(rng)}"']
        if rng.random() < 0.5:
            lines.append(f"  pangkat: {_scalar(rng.choice(PANGKAT))}")
        if rng.random() < 0.2:
            decree = _date(rng, latest, 30)
            lines += ["penetapan:", f'  nomor: "{rng.randint(1, 90)} Tahun {decree.year}"',
                      f"  tanggal: {decree.isoformat()}",
                      f"  tentang: {_scalar(f'Standar Operasional Prosedur {nama}')}"]

    laws = sorted(rng.sample(range(len(LAWS)), rng.randint(2, 9)))
    dasar = [LAWS[i] for i in laws]
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("Peraturan Daerah", "Peraturan Bupati"))
        dasar.append(f"{kind} Kabupaten {kabupaten} Nomor {rng.randint(1, 120)} Tahun "
                     f"{rng.randint(2008, 2023)} tentang {rng.choice(REGIONAL_TOPICS)}")
    lines += _list_block("dasar_hukum", dasar)
    lines += _list_block("kualifikasi_pelaksana",
                         rng.sample(QUALIFICATIONS, rng.randint(1, 5)))
    related: list[str] = []
    refs = sorted(rng.sample(others, min(len(others), rng.choice((0, 0, 1, 1, 2, 3)))))
    related += [f"sop: {ref}" for ref in refs]
    texts = [f"SOP {agency.sop_names[rng.randrange(len(agency.sop_names))]}"
             for _ in range(rng.randint(0, 2))]
    if related or texts:
        lines.append("keterkaitan:")
        lines += [f"  - {item}" for item in related]
        lines += [f"  - {_scalar(item)}" for item in texts]
    else:
        lines.append("keterkaitan: []")
    lines += _list_block("peralatan_perlengkapan", rng.sample(EQUIPMENT, rng.randint(1, 6)))
    lines += _list_block("peringatan", rng.sample(WARNINGS, rng.randint(1, 2)))
    lines += _list_block("pencatatan_pendataan", rng.sample(RECORDS, rng.randint(1, 3)))
    step_count = rng.randint(5, 15)
    executors = _executors(rng, agency, step_count)
    lines += _list_block("pelaksana", executors)
    lines += _steps(rng, executors, obj, step_count)
    return "\n".join(lines) + "\n"


def _instansi_text(agency: _Agency, kabupaten: str) -> str:
    lines = [INSTANSI_SCHEMA_LINE.rstrip("\n"), f"nama: {_scalar(agency.nama)}",
             f"pemerintah: {_scalar(f'Pemerintah Kabupaten {kabupaten}')}"]
    if agency.singkatan:
        lines.append(f"singkatan: {_scalar(agency.singkatan)}")
    lines.append(f"alamat: {_scalar(f'Jl. Jenderal Sudirman No. {len(agency.slug)}, {kabupaten}')}")
    return "\n".join(lines) + "\n"


def generate(out_dir: Path, sops: int, instansi: int, seed: int) -> None:
    """Write ``sops`` SOPs across ``instansi`` instansi folders into ``out_dir``.

    ``out_dir`` must be missing or empty, so that no stale file mixes into the catalogue.
    """
    if sops < 0 or instansi < 1:
        raise ValueError("need at least one instansi and a non-negative SOP count")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    rng = random.Random(seed)
    kabupaten = rng.choice(KABUPATEN)
    agencies = _agencies(rng, instansi, kabupaten)
    for agency, share in zip(agencies, _spread(rng, sops, instansi), strict=True):
        agency.sop_names = _sop_names(rng, share)
        agency.sop_slugs = [slugify(name) for name in agency.sop_names]
    out_dir.mkdir(parents=True, exist_ok=True)
    for agency in agencies:
        folder = out_dir / agency.slug
        folder.mkdir()
        (folder / INSTANSI_FILE).write_text(_instansi_text(agency, kabupaten),
                                              encoding="utf-8")
        for index, slug in enumerate(agency.sop_slugs):
            (folder / f"{slug}.yaml").write_text(_sop_text(rng, agency, index, kabupaten),
                                                 encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``synthetic.py OUT_DIR --sops N --instansi M --seed S``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--sops", type=int, default=500, help="number of SOPs (default 500)")
    parser.add_argument("--instansi", type=int, default=50,
                        help="number of instansi (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    try:
        generate(args.out_dir, args.sops, args.instansi, args.seed)
    except (FileExistsError, ValueError) as error:
        print(f"synthetic.py: {error}", file=sys.stderr)
        return 2
    print(f"{args.sops} SOPs in {args.instansi} instansi written to {args.out_dir}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
