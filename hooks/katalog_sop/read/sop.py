"""``<sop>.yaml``: one SOP, every problem of the file collected in one run."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..model import Penetapan, Pengesah, Sop, SopRef, Status, Tanggal
from ..problems import Problem
from . import fields
from .reader import Read, Reader
from .steps import load_steps
from .yamlnodes import line_of


@dataclass(frozen=True)
class SopFile:
    """One SOP file read: the SOP (None when the file has errors), its problems, and its
    references to other SOPs (for the checks across files, made even when it has errors)."""

    sop: Sop | None
    problems: list[Problem]
    refs: list[tuple[str, SopRef]] = field(default_factory=list)


def load_sop(root: yaml.Node, instansi: str, slug: str,
             path: str) -> tuple[Sop | None, list[Problem]]:
    """Validate an SOP node tree; returns the SOP only when the file has no errors."""
    loaded = read_sop(root, instansi, slug, path)
    return loaded.sop, loaded.problems


def read_sop(root: yaml.Node, instansi: str, slug: str, path: str) -> SopFile:
    """Validate an SOP node tree, keeping its references for the cross-file checks."""
    reader = Reader(path, instansi, draft=_is_draft(root))
    sop = _sop(reader, root, instansi, slug, path)
    return SopFile(sop, reader.problems, reader.refs)


def _sop(reader: Reader, root: yaml.Node, instansi: str, slug: str, path: str) -> Sop | None:
    read = reader.read(root, fields.SOP)
    if read is None:
        return None
    values = read.values
    status = Status(values.get("status", Status.BERLAKU.value))
    for spec in fields.SOP.fields:
        if spec.only_when_status and spec.key in read.nodes and status != spec.only_when_status:
            reader.report(read.nodes[spec.key], "diganti-without-dicabut")
    tanggal = _tanggal(reader, read)
    langkah = load_steps(reader, values["langkah"], values.get("pelaksana", ())) \
        if "langkah" in values else ()
    if reader.problems or not langkah:
        # Every path that loses a value reports why; never drop a file silently.
        assert reader.problems, f"{path}: rejected without a problem"
        return None
    return Sop(
        instansi=instansi,
        slug=slug,
        nama=values["nama"],
        status=status,
        tanggal=tanggal,
        pelaksana=values["pelaksana"],
        langkah=langkah,
        dasar_hukum=values["dasar_hukum"],
        nomor=values.get("nomor"),
        diganti_oleh=values.get("diganti_oleh"),
        disahkan_oleh=_pengesah(values.get("disahkan_oleh")),
        penetapan=_penetapan(values.get("penetapan")),
        keterkaitan=values.get("keterkaitan", ()),
        source=path,
        dasar_hukum_lines=tuple(line_of(item) for item, _ in read.items.get("dasar_hukum", ())),
        **{name: values.get(name, ()) for name in fields.TEXT_LISTS},
    )


def _is_draft(root: yaml.Node) -> bool:
    """Whether the file says ``status: draf`` (read first: it decides what is required)."""
    if not isinstance(root, yaml.MappingNode):
        return False
    return any(isinstance(key, yaml.ScalarNode) and key.value == "status"
               and isinstance(value, yaml.ScalarNode) and value.value == Status.DRAF.value
               for key, value in root.value)


def _tanggal(reader: Reader, read: Read) -> Tanggal:
    dates: Read | None = read.get("tanggal")
    if dates is None:
        return Tanggal(None)
    pembuatan, revisi = dates.get("pembuatan"), dates.get("revisi")
    if pembuatan and revisi and revisi.sort_key() < pembuatan.sort_key():
        reader.report(dates.nodes["revisi"], "revisi-before-pembuatan",
                      revisi=revisi.iso(), pembuatan=pembuatan.iso())
    return Tanggal(pembuatan, revisi, dates.get("efektif"), dates.get("pengesahan"))


def _pengesah(read: Read | None) -> Pengesah | None:
    if read is None:
        return None
    return Pengesah(read.values["jabatan"], read.get("nama"), read.get("nip"),
                    read.get("pangkat"))


def _penetapan(read: Read | None) -> Penetapan | None:
    if read is None:
        return None
    return Penetapan(nomor=read.get("nomor"), tanggal=read.get("tanggal"),
                     tentang=read.get("tentang"))

