"""The editor guide's reference of every message, and the conformance report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Catalogue, Sop
from ..problems import Problem, Rule
from . import names, templating

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLACEHOLDER_NAMES = {
    "field": "isian", "detail": "rincian", "offset": "posisi", "size": "ukuran",
    "limit": "batas", "key": "kunci", "first": "baris", "hint": " (maksud Anda ...?)",
    "why": " (alasan)", "raw": "nilai", "reading": "jenis", "expected": "bentuk",
    "found": "yang ditemukan", "value": "nilai", "choices": "pilihan", "name": "nama",
    "revisi": "tanggal revisi", "pembuatan": "tanggal pembuatan", "count": "jumlah",
    "nomor": "nomor langkah", "other": "tempat lain", "missing": "yang belum diisi",
    "efektif": "tanggal efektif", "replacement": "peraturan pencabut",
}


@dataclass(frozen=True)
class MessagePart:
    """A piece of a message template: literal text, then what a placeholder stands for."""

    text: str
    placeholder: str | None = None
    """The guide's word for the placeholder after ``text``; None after the last one."""
    quoted: bool = True
    """Whether the word is shown in «guillemets» (not when it stands for an aside)."""


@dataclass(frozen=True)
class ReportGroup:
    """The warnings of one file, with its SOP if the file is one."""

    source: str
    sop: Sop | None
    items: list[Problem]
    title: str = ""
    """The SOP as its page's title names it (with its instansi), when the file is one."""


def message_parts(template: str) -> list[MessagePart]:
    """A message template split at its placeholders, each named for the guide."""
    parts = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        name = _PLACEHOLDER_NAMES.get(match[1], match[1])
        parts.append(MessagePart(template[last:match.start()], name,
                                 quoted=not name.startswith(" (")))
        last = match.end()
    parts.append(MessagePart(template[last:]))
    return parts


def rules_reference(rules: Iterable[Rule]) -> str:
    """The guide's list of every message with its fix, from the same table as the messages."""
    rows = [(rule, message_parts(rule.template)) for rule in rules]
    return templating.markdown(*templating.blocks(
        "rules_reference.html",
        errors=[row for row in rows if not row[0].warning],
        warnings=[row for row in rows if row[0].warning],
    ))


def warnings_report(warnings: Iterable[Problem], catalogue: Catalogue) -> str:
    """The conformance report: every warning, grouped by SOP, linked to its page."""
    by_source: dict[str, list[Problem]] = {}
    for item in warnings:
        by_source.setdefault(item.path, []).append(item)
    sops = {sop.source: sop for sop in catalogue.sops}
    return templating.markdown(templating.front_matter("Laporan Kesesuaian"), *templating.blocks(
        "warnings_report.html",
        total=sum(len(items) for items in by_source.values()),
        groups=[ReportGroup(source, sop, by_source[source],
                            names.sop_title(sop, catalogue) if sop is not None else "")
                for source in sorted(by_source) for sop in [sops.get(source)]],
    ))
