"""The catalogue's data model: frozen dataclasses, no behaviour beyond derived values."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Lifecycle of an SOP as printed on its page."""

    BERLAKU = "berlaku"
    DRAF = "draf"
    DICABUT = "dicabut"


END = "selesai"
"""The flow target that means the end terminator."""


def same_name(text: str) -> str:
    """A name as a reader tells names apart: runs of whitespace are one space (as a browser
    shows them), letter case counts."""
    return " ".join(text.split())


@dataclass(frozen=True)
class PartialDate:
    """A date as the signed form gives it: a full day, or only a month (``day`` is None)."""

    year: int
    month: int
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int]:
        """Compare a month-only date as the first day of that month."""
        return (self.year, self.month, self.day or 1)

    def iso(self) -> str:
        """The ISO form the editor wrote: ``YYYY-MM-DD`` or ``YYYY-MM``."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Instansi:
    """An agency: one folder under ``sops/`` with its ``instansi.yaml``."""

    slug: str
    nama: str
    pemerintah: str
    singkatan: str | None = None
    alamat: str | None = None
    situs: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Tanggal:
    """The dates block of an SOP."""

    pembuatan: PartialDate | None
    revisi: PartialDate | None = None
    efektif: PartialDate | None = None
    pengesahan: PartialDate | None = None


@dataclass(frozen=True)
class Pengesah:
    """Who signed the SOP (``disahkan_oleh``)."""

    jabatan: str
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None


@dataclass(frozen=True)
class Penetapan:
    """The decree (SK) that enacted the SOP."""

    nomor: str | None = None
    tanggal: PartialDate | None = None
    tentang: str | None = None


@dataclass(frozen=True)
class SopRef:
    """A reference to another SOP: ``sop: slug`` or ``sop: instansi/slug``."""

    instansi: str
    slug: str
    line: int = field(default=0, compare=False)
    """Where the reference is written (for messages about it); not part of its identity."""

    @property
    def key(self) -> str:
        """The catalogue-wide key ``instansi/slug``."""
        return f"{self.instansi}/{self.slug}"


Keterkaitan = str | SopRef


Target = str | int
"""A flow target as written: a step number, a step id, or ``selesai`` (``END``)."""


@dataclass(frozen=True)
class Pilihan:
    """One labelled way out of a many-way decision (``keputusan.pilihan``)."""

    label: str
    ke: Target
    line: int = field(default=0, compare=False)
    """Where ``ke`` is written (for messages about it)."""


@dataclass(frozen=True)
class Keputusan:
    """A decision, drawn as a diamond: ``ya``/``tidak`` (both set, ``pilihan`` empty), or
    two or more labelled ways in ``pilihan`` (then ``ya`` and ``tidak`` are None)."""

    ya: Target | None = None
    tidak: Target | None = None
    pertanyaan: str | None = None
    pilihan: tuple[Pilihan, ...] = ()

    def branches(self) -> tuple[tuple[str, Target], ...]:
        """Every way out as ``(label, target as written)``, in the order written."""
        if self.pilihan:
            return tuple((item.label, item.ke) for item in self.pilihan)
        assert self.ya is not None and self.tidak is not None
        return (("Ya", self.ya), ("Tidak", self.tidak))


@dataclass(frozen=True)
class Langkah:
    """One row of the procedure table."""

    nomor: int
    kegiatan: str
    pelaksana: tuple[str, ...]
    id: str | None = None
    kelengkapan: tuple[str, ...] = ()
    waktu: str | None = None
    output: tuple[str, ...] = ()
    keterangan: str | None = None
    keputusan: Keputusan | None = None
    lanjut: Target | None = None
    """Where a plain step goes instead of the next one (a number, an id, or ``selesai``)."""
    line: int = 0


@dataclass(frozen=True)
class Sop:
    """One SOP file, validated."""

    instansi: str
    slug: str
    nama: str
    status: Status
    tanggal: Tanggal
    pelaksana: tuple[str, ...]
    langkah: tuple[Langkah, ...]
    dasar_hukum: tuple[str, ...]
    nomor: str | None = None
    diganti_oleh: SopRef | None = None
    disahkan_oleh: Pengesah | None = None
    penetapan: Penetapan | None = None
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[Keterkaitan, ...] = ()
    peralatan_perlengkapan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan_pendataan: tuple[str, ...] = ()
    source: str = ""
    dasar_hukum_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """The line of each ``dasar_hukum`` entry (for messages about it)."""

    @property
    def key(self) -> str:
        """The catalogue-wide key ``instansi/slug``."""
        return f"{self.instansi}/{self.slug}"

    def dasar_hukum_line(self, index: int, default: int = 1) -> int:
        """The line of the ``index``-th (from 1) ``dasar_hukum`` entry, when known."""
        lines = self.dasar_hukum_lines
        return lines[index - 1] if 0 < index <= len(lines) else default


@dataclass(frozen=True)
class Revocation:
    """A revoked regulation, from the maintained list (``sops/peraturan-dicabut.yaml``):
    what revoked it and where that is stated."""

    peraturan: str
    """The revoked regulation, as the list writes it."""
    dicabut_oleh: str
    """What revoked it, as the list writes it."""
    sumber: str
    """An http(s) address stating the revocation."""
    key: tuple[str, ...]
    """The revoked regulation's identity (``read.legal.citations.Regulation.key``)."""
    replacement_key: tuple[str, ...]
    """The identity of the regulation that revoked it."""
    keterangan: str | None = None
    source: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Catalogue:
    """Every instansi and SOP, sorted, ready to render."""

    instansi: tuple[Instansi, ...]
    sops: tuple[Sop, ...]
    revocations: tuple[Revocation, ...] = ()
    """The maintained list of revoked regulations, in the list's order."""
    _by_key: dict[str, Sop] = field(default_factory=dict, compare=False, repr=False)
    _by_instansi: dict[str, tuple[Sop, ...]] = field(default_factory=dict, compare=False,
                                                     repr=False)
    _agencies: dict[str, Instansi] = field(default_factory=dict, compare=False, repr=False)
    _referrers: dict[str, list[tuple[Sop, str]]] = field(default_factory=dict, compare=False,
                                                         repr=False)
    _name_counts: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False,
                                                     repr=False)
    _revoked: dict[tuple[str, ...], Revocation] = field(default_factory=dict, compare=False,
                                                        repr=False)

    def __post_init__(self) -> None:
        # Lookups by key, built once: pages ask for them once per SOP.
        self._by_key.update({sop.key: sop for sop in self.sops})
        grouped: dict[str, list[Sop]] = {}
        for sop in self.sops:
            grouped.setdefault(sop.instansi, []).append(sop)
        self._by_instansi.update({slug: tuple(sops) for slug, sops in grouped.items()})
        self._agencies.update({agency.slug: agency for agency in self.instansi})
        for sop in self.sops:
            targets = [(item.key, "keterkaitan") for item in sop.keterkaitan
                       if isinstance(item, SopRef)]
            if sop.diganti_oleh is not None:
                targets.append((sop.diganti_oleh.key, "diganti_oleh"))
            for key, how in dict.fromkeys(targets):
                if key != sop.key:
                    self._referrers.setdefault(key, []).append((sop, how))
        # How many agencies share a name, and SOPs a name within their agency: pages name
        # those more fully (render/names.py).
        for name_key in ([(same_name(agency.nama),) for agency in self.instansi]
                         + [(sop.instansi, same_name(sop.nama)) for sop in self.sops]):
            self._name_counts[name_key] = self._name_counts.get(name_key, 0) + 1
        self._revoked.update({item.key: item for item in self.revocations})

    def shares_name(self, item: Instansi | Sop) -> bool:
        """Whether another instansi has this instansi's name, or another SOP of the same
        instansi this SOP's name (compared as ``same_name`` folds them)."""
        key = ((same_name(item.nama),) if isinstance(item, Instansi)
               else (item.instansi, same_name(item.nama)))
        return self._name_counts.get(key, 0) > 1

    def referrers(self, key: str) -> tuple[tuple[Sop, str], ...]:
        """The SOPs that point at ``key``, with how (``keterkaitan`` or ``diganti_oleh``),
        in catalogue order."""
        return tuple(self._referrers.get(key, ()))

    def sop(self, key: str) -> Sop | None:
        """The SOP at ``instansi/slug``, if any."""
        return self._by_key.get(key)

    def sops_of(self, instansi: str) -> tuple[Sop, ...]:
        """The SOPs of one instansi, in catalogue order."""
        return self._by_instansi.get(instansi, ())

    def revocation(self, key: tuple[str, ...]) -> Revocation | None:
        """The revocation of the regulation with this identity, if it is listed."""
        return self._revoked.get(key)

    def agency(self, slug: str) -> Instansi:
        """The instansi with this folder name (every SOP's instansi is in the catalogue)."""
        return self._agencies[slug]
