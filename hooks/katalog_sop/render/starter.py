"""Starting points for editors: a new SOP draft and a new instansi file, with comments."""

from __future__ import annotations

import datetime as dt
import json

PERMENPAN_35_2012 = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"
)
SOP_SCHEMA = "../../docs/schema/sop.schema.json"
INSTANSI_SCHEMA = "../../docs/schema/instansi.schema.json"


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def sop_draft(nama: str, today: dt.date) -> str:
    """A valid draft SOP whose comments explain every field."""
    return f"""\
# yaml-language-server: $schema={SOP_SCHEMA}
# SOP baru. Isi sesuai dokumen SOP yang ditandatangani; baris yang diawali # adalah komentar.
# Periksa berkas ini dengan: katalog-sop check
# Selama status: draf, nomor, tanggal.efektif dan disahkan_oleh boleh belum diisi.

# Nomor SOP persis seperti tercetak, selalu dalam tanda kutip:
# nomor: "000.0/00/00/{today.year}"
nama: {_quoted(nama)}
status: draf  # berlaku | draf | dicabut

tanggal:
  pembuatan: {today.isoformat()}  # ganti dengan tanggal pada dokumen (TTTT-BB-HH atau TTTT-BB)
  # revisi: TTTT-BB-HH
  # efektif: TTTT-BB-HH      # atau pengesahan: bila formulir mencetak Tanggal Pengesahan

# disahkan_oleh:
#   jabatan: Kepala ...      # wajib bila tidak draf
#   nama: ...
#   nip: "19650508 198603 1 016"   # 18 angka, dalam tanda kutip
#   pangkat: ...

# Satu butir per baris, tanpa nomor urut (situs menomori sendiri).
dasar_hukum:
  - {_quoted(PERMENPAN_35_2012)}
kualifikasi_pelaksana: []
keterkaitan: []          # teks, atau - sop: nama-berkas-sop-lain
peralatan_perlengkapan: []
peringatan: []
pencatatan_pendataan: []

# Kolom pelaksana (swimlane) sesuai urutan pada formulir.
pelaksana:
  - Pelaksana

# Langkah diberi nomor 1, 2, 3, ... sesuai urutan di sini.
langkah:
  - kegiatan: Tulis kegiatan pertama (diawali kata kerja)
    pelaksana: Pelaksana       # salah satu nama dari daftar pelaksana di atas
    kelengkapan: []            # Mutu Baku: kelengkapan
    waktu: "1 hari"            # Mutu Baku: waktu, mis. "10 menit", "2 hari"
    output: []                 # Mutu Baku: output
  # Langkah keputusan (belah ketupat):
  # - kegiatan: Memeriksa ...
  #   pelaksana: ...
  #   keputusan:
  #     pertanyaan: Sudah benar?
  #     ya: 3                  # nomor langkah, id langkah, atau selesai
  #     tidak: 1
"""


def instansi(nama: str, pemerintah: str) -> str:
    """A new ``instansi.yaml``."""
    return f"""\
# yaml-language-server: $schema={INSTANSI_SCHEMA}
nama: {_quoted(nama)}
pemerintah: {_quoted(pemerintah)}
# singkatan: ...
# alamat: ...
# situs: https://...     # http:// atau https:// saja
"""
