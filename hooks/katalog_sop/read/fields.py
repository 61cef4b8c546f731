"""The one description of every field editors write: its kind, when it is required, and
what it means. The loader takes keys, types and required fields from here, and
``schema.py`` generates ``docs/schema/*.schema.json`` from the same table.

Rules that a field table cannot say (the order of dates, the step flow, references to other
files) are code in the section loaders and in ``checks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..model import Status

MAX_STEPS = 1000


class Kind(Enum):
    """How a value is written and read."""

    TEXT = "text"
    """A non-empty string."""
    TEXTS = "texts"
    """A string or a list of strings (a single string counts as a list of one)."""
    DATE = "date"
    """``YYYY-MM-DD``, or ``YYYY-MM`` when the form only names the month."""
    CHOICE = "choice"
    """One of ``choices``."""
    URL = "url"
    """An absolute http(s) address."""
    NIP = "nip"
    """An 18-digit civil-servant number, spaces allowed."""
    SOP_REF = "sop-ref"
    """``slug`` (same instansi) or ``instansi/slug``."""
    RELATED = "related"
    """A list whose items are text or ``{sop: <reference>}``."""
    MAPPING = "mapping"
    """Keys of its own: ``fields``."""
    STEPS = "steps"
    """A list of mappings with ``fields`` (the procedure's steps)."""
    STEP_ID = "step-id"
    """A step's own name, to point decisions at."""
    TARGET = "target"
    """Where the flow goes: a step number, a step id, or ``selesai``."""
    RECORDS = "records"
    """A list of at least ``min_items`` mappings, each with ``fields``."""


class Need(Enum):
    """When a field must be written."""

    OPTIONAL = "optional"
    REQUIRED = "required"
    UNLESS_DRAFT = "unless-draft"
    """Required unless ``status: draf`` (a draft is not signed yet)."""


UNLESS_DRAFT_WHY = " (kecuali bila status: draf)"


@dataclass(frozen=True)
class Field:
    """One key of a mapping."""

    key: str
    kind: Kind
    need: Need = Need.OPTIONAL
    description: str = ""
    fields: tuple[Field, ...] = ()
    choices: tuple[str, ...] = ()
    non_empty: bool = False
    """For TEXTS and STEPS: at least one item."""
    unique: bool = False
    """For TEXTS: no item twice."""
    max_items: int | None = None
    min_items: int = 0
    """For RECORDS: at least this many items."""
    default: str | None = None
    only_when_status: str | None = None
    """The field may only be written with this ``status`` (``diganti_oleh``: dicabut)."""
    any_of_unless_draft: tuple[str, ...] = ()
    """For MAPPING: at least one of these keys unless draft (efektif or pengesahan)."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """For MAPPING: exactly one of these groups of keys, each group written whole
    (a decision has ``ya`` and ``tidak``, or ``pilihan``)."""
    excludes: tuple[str, ...] = ()
    """Keys of the same mapping this one may not be written with (``lanjut``: keputusan)."""

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys allowed inside a MAPPING or in each STEPS item."""
        return tuple(child.key for child in self.fields)

    def child(self, key: str) -> Field:
        """The field ``key`` inside this one."""
        return next(child for child in self.fields if child.key == key)


INSTANSI = Field("", Kind.MAPPING, fields=(
    Field("nama", Kind.TEXT, Need.REQUIRED,
          "Nama instansi, misalnya Satuan Polisi Pamong Praja."),
    Field("pemerintah", Kind.TEXT, Need.REQUIRED,
          "Pemerintah daerahnya, misalnya Pemerintah Kabupaten Lumajang."),
    Field("singkatan", Kind.TEXT),
    Field("alamat", Kind.TEXT),
    Field("situs", Kind.URL, description="Alamat situs, http:// atau https:// saja."),
))

TARGET_WHY = "Nomor langkah, id langkah, atau selesai."

_KEPUTUSAN = Field("keputusan", Kind.MAPPING, alternatives=(("ya", "tidak"), ("pilihan",)),
                   fields=(
    Field("pertanyaan", Kind.TEXT),
    Field("ya", Kind.TARGET, description="Tujuan bila ya. " + TARGET_WHY),
    Field("tidak", Kind.TARGET, description="Tujuan bila tidak. " + TARGET_WHY),
    Field("pilihan", Kind.RECORDS, min_items=2,
          description="Pengganti ya/tidak: dua jalan atau lebih, masing-masing label dan ke.",
          fields=(
        Field("label", Kind.TEXT, Need.REQUIRED, "Tulisan di panah, misalnya Disetujui."),
        Field("ke", Kind.TARGET, Need.REQUIRED, TARGET_WHY),
    )),
))

LANGKAH = Field("langkah", Kind.STEPS, Need.REQUIRED, non_empty=True, max_items=MAX_STEPS,
                fields=(
    Field("id", Kind.STEP_ID),
    Field("kegiatan", Kind.TEXT, Need.REQUIRED),
    Field("pelaksana", Kind.TEXTS, Need.REQUIRED, non_empty=True),
    Field("kelengkapan", Kind.TEXTS),
    Field("waktu", Kind.TEXT,
          description='Seperti tertulis, misalnya "2 hari" atau "10 menit".'),
    Field("output", Kind.TEXTS),
    Field("keterangan", Kind.TEXT),
    Field("lanjut", Kind.TARGET, excludes=("keputusan",),
          description="Hanya langkah biasa: tujuan berikutnya bila bukan langkah sesudahnya. "
                      + TARGET_WHY),
    _KEPUTUSAN,
))

SOP = Field("", Kind.MAPPING, fields=(
    Field("nomor", Kind.TEXT, Need.UNLESS_DRAFT,
          "Nomor SOP seperti tercetak, selalu dalam tanda kutip. Wajib kecuali status draf."),
    Field("nama", Kind.TEXT, Need.REQUIRED, "Nama SOP."),
    Field("status", Kind.CHOICE, choices=tuple(s.value for s in Status),
          default=Status.BERLAKU.value, description="berlaku (bawaan), draf, atau dicabut."),
    Field("diganti_oleh", Kind.SOP_REF, only_when_status=Status.DICABUT.value,
          description="SOP pengganti; hanya bila status dicabut."),
    Field("tanggal", Kind.MAPPING, Need.UNLESS_DRAFT,
          any_of_unless_draft=("efektif", "pengesahan"), fields=(
        Field("pembuatan", Kind.DATE, Need.UNLESS_DRAFT,
              "Tanggal pembuatan; wajib kecuali status draf."),
        Field("revisi", Kind.DATE),
        Field("efektif", Kind.DATE,
              description="Wajib (atau pengesahan) kecuali status draf."),
        Field("pengesahan", Kind.DATE, description="Dipakai bila formulir mencetak Tanggal "
              "Pengesahan, bukan Tanggal Efektif."),
    )),
    Field("disahkan_oleh", Kind.MAPPING, Need.UNLESS_DRAFT, fields=(
        Field("jabatan", Kind.TEXT, Need.REQUIRED),
        Field("nama", Kind.TEXT),
        Field("nip", Kind.NIP, description="18 angka, spasi boleh, dalam tanda kutip."),
        Field("pangkat", Kind.TEXT),
    )),
    Field("penetapan", Kind.MAPPING, fields=(
        Field("nomor", Kind.TEXT),
        Field("tanggal", Kind.DATE),
        Field("tentang", Kind.TEXT),
    )),
    Field("dasar_hukum", Kind.TEXTS, Need.REQUIRED, non_empty=True),
    Field("kualifikasi_pelaksana", Kind.TEXTS),
    Field("keterkaitan", Kind.RELATED),
    Field("peralatan_perlengkapan", Kind.TEXTS),
    Field("peringatan", Kind.TEXTS),
    Field("pencatatan_pendataan", Kind.TEXTS),
    Field("pelaksana", Kind.TEXTS, Need.REQUIRED, non_empty=True, unique=True,
          description="Kolom pelaksana (swimlane) sesuai urutan formulir."),
    LANGKAH,
))

REVOKED = Field("", Kind.MAPPING, fields=(
    Field("dicabut", Kind.RECORDS, Need.REQUIRED,
          "Peraturan yang sudah dicabut, satu butir per peraturan.", fields=(
        Field("peraturan", Kind.TEXT, Need.REQUIRED,
              "Peraturan yang dicabut, ditulis seperti di dasar hukum SOP (jenis, nomor, "
              "tahun), misalnya Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan "
              "Daerah."),
        Field("dicabut_oleh", Kind.TEXT, Need.REQUIRED,
              "Peraturan yang mencabutnya, ditulis dengan cara yang sama."),
        Field("sumber", Kind.URL, Need.REQUIRED,
              "Alamat http(s) yang menyatakan pencabutan, misalnya halaman peraturan "
              "pencabutnya di peraturan.go.id."),
        Field("keterangan", Kind.TEXT,
              description="Boleh tidak ada: catatan, misalnya bagian peraturan pencabut yang "
                          "menyatakannya."),
    )),
))
"""``sops/peraturan-dicabut.yaml``: the maintained list of revoked regulations."""

TEXT_LISTS = ("kualifikasi_pelaksana", "peralatan_perlengkapan", "peringatan",
              "pencatatan_pendataan")
"""The SOP's sections that are plain lists of text."""

SOP_KEYS = SOP.keys
LANGKAH_KEYS = LANGKAH.keys
