"""The maintained list of revoked regulations, ``sops/peraturan-dicabut.yaml``, and the SOPs
that still cite one of them.

One file for the whole catalogue, beside the instansi folders (``files.survey`` reads it and
never takes it for an agency or a stray file). Each item names a regulation, what revoked
it, and a source; each is read by the same field-table reader as the SOPs, so every
problem is reported as ``file:line``. Both regulations must read as exactly one citation
(``citations.parse``), and a regional one must name its region: the list is not tied to an
instansi whose government could stand in for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import yaml

from ...model import Revocation, Sop
from ...problems import Problem
from .. import fields
from ..files import REVOKED_FILE
from ..reader import Read, Reader
from ..yamlnodes import line_of
from .citations import Citation, Regulation, kind_of, parse, resolve

__all__ = ["REVOKED_FILE", "cited_revocations", "load_revoked"]



def load_revoked(root: yaml.Node, path: str) -> tuple[tuple[Revocation, ...], list[Problem]]:
    """Validate the list's node tree; the revocations when it has no errors."""
    reader = Reader(path)
    read = reader.read(root, fields.REVOKED)
    records: list[Read | None] = (read.get("dicabut") or []) if read is not None else []
    result: list[Revocation] = []
    first: dict[tuple[str, ...], int] = {}
    for index, record in enumerate(records, start=1):
        if record is None:
            continue
        name = f"dicabut[{index}]"
        revoked = _regulation(reader, record, "peraturan", name)
        replacement = _regulation(reader, record, "dicabut_oleh", name)
        if revoked is None or replacement is None:
            continue
        if revoked == replacement:
            reader.report(record.nodes["dicabut_oleh"], "revoked-by-itself",
                          field=f"{name}.dicabut_oleh")
            continue
        if revoked.key in first:
            reader.report(record.nodes["peraturan"], "revoked-twice", field=f"{name}.peraturan",
                          name=revoked.name, other=f"dicabut[{first[revoked.key]}]")
            continue
        first[revoked.key] = index
        if "sumber" in record.values:
            result.append(Revocation(
                record.values["peraturan"], record.values["dicabut_oleh"],
                record.values["sumber"], revoked.key, replacement.key,
                record.get("keterangan"), path, line_of(record.nodes["peraturan"])))
    if reader.problems:
        return (), reader.problems
    return tuple(result), []


def _regulation(reader: Reader, record: Read, key: str, where: str) -> Regulation | None:
    """The one regulation that ``record[key]`` names (None, with a problem, otherwise)."""
    text = record.get(key)
    if text is None:
        return None
    node, name = record.nodes[key], f"{where}.{key}"
    found = parse(text)
    if not found:
        reader.report(node, "not-a-regulation", field=name, value=text)
        return None
    if len(found) > 1:
        reader.report(node, "several-regulations", field=name, value=text, count=len(found))
        return None
    if kind_of(found[0]).regional and found[0].region is None:
        reader.report(node, "regulation-without-region", field=name, value=text)
        return None
    return resolve(found[0])


def cited_revocations(sop: Sop, pemerintah: str | None, revocations: Sequence[Revocation]
                      ) -> Iterator[tuple[int, Citation, Revocation]]:
    """Each citation of a revoked regulation in the SOP's ``dasar_hukum``, as
    ``(entry number from 1, citation, revocation)``, in order; ``pemerintah`` is the
    government of the SOP's instansi (for regional citations that do not name a region)."""
    if not revocations:
        return
    by_key = {item.key: item for item in revocations}
    # Most entries cite none of the few revoked regulations: an entry is parsed only when
    # it holds the number and the year of one of them (a citation writes both, as digits
    # and letters without spaces), and a citation resolved only when its kind and year fit.
    written = [(key[2], key[3]) for key in by_key]
    candidates = {(key[0], key[3]) for key in by_key}
    for index, text in enumerate(sop.dasar_hukum, start=1):
        folded = text.casefold()
        if not any(number in folded and year in folded for number, year in written):
            continue
        for citation in parse(text):
            if (citation.kind, str(citation.year or "")) not in candidates:
                continue
            found = by_key.get(resolve(citation, pemerintah).key)
            if found is not None:
                yield index, citation, found
