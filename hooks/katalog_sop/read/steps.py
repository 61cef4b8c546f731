"""The procedure: ``langkah`` items, their decisions, and the flow between them."""

from __future__ import annotations

import yaml

from ..model import END, Keputusan, Langkah, Pilihan
from . import flow
from .fields import LANGKAH, Field, Kind
from .reader import Read, Reader, is_slug
from .yamlnodes import TAG_STR, line_of

STEP = Field("", Kind.MAPPING, fields=LANGKAH.fields)
"""One item of ``langkah``."""


def load_steps(reader: Reader, items: list[yaml.Node],
               pelaksana: tuple[str, ...]) -> tuple[Langkah, ...]:
    """Every step; empty unless all of them are valid (then the flow is checked too)."""
    reader.step_count = len(items)
    reader.step_ids = _step_ids(reader, items)
    steps = [_load_step(reader, item, nomor, pelaksana)
             for nomor, item in enumerate(items, start=1)]
    valid = tuple(step for step in steps if step is not None)
    if len(valid) != len(items):
        return ()
    for nomor, code in flow.flow_problems(valid):
        reader.report(items[nomor - 1], code, nomor=nomor)
    return valid


def _step_ids(reader: Reader, items: list[yaml.Node]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for nomor, item in enumerate(items, start=1):
        if not isinstance(item, yaml.MappingNode):
            continue
        for key_node, value_node in item.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value != "id":
                continue
            name = f"langkah[{nomor}].id"
            if (not isinstance(value_node, yaml.ScalarNode) or value_node.tag != TAG_STR
                    or not value_node.value.strip()):
                continue  # not text: reported when the step is read
            value = str(value_node.value)
            if not is_slug(value) or value.isdigit() or value == END:
                reader.report(value_node, "bad-id", field=name, value=value)
            elif value in ids:
                reader.report(value_node, "duplicate-id", field=name, value=value,
                              other=ids[value])
            else:
                ids[value] = nomor
    return ids


def _load_step(reader: Reader, node: yaml.Node, nomor: int,
               pelaksana: tuple[str, ...]) -> Langkah | None:
    where = f"langkah[{nomor}]"
    step = reader.read(node, STEP, where)
    if step is None:
        return None
    for item, name in step.items.get("pelaksana", []):
        if pelaksana and name not in pelaksana:
            reader.report(item, "unknown-pelaksana", field=f"{where}.pelaksana", value=name,
                          hint=reader.hints.hint(name, pelaksana))
    keputusan = _keputusan(reader, step.get("keputusan"), f"{where}.keputusan")
    if "keputusan" in step.values and keputusan is None:
        return None
    lanjut = step.get("lanjut")
    if "lanjut" in step.nodes and any(key in step.nodes
                                      for key in STEP.child("lanjut").excludes):
        reader.report(step.nodes["lanjut"], "lanjut-on-decision", field=f"{where}.lanjut")
        return None
    if lanjut is not None and flow.resolve(lanjut, reader.step_ids) == nomor:
        reader.report(step.nodes["lanjut"], "lanjut-self", field=f"{where}.lanjut",
                      nomor=nomor)
        return None
    step_id = step.get("id")
    if step.get("kegiatan") is None or not step.get("pelaksana"):
        return None
    if step_id is not None and reader.step_ids.get(step_id) != nomor:
        return None  # a bad or repeated id, reported by _step_ids
    return Langkah(
        nomor=nomor,
        kegiatan=step.values["kegiatan"],
        pelaksana=step.values["pelaksana"],
        id=step_id,
        kelengkapan=step.get("kelengkapan", ()),
        waktu=step.get("waktu"),
        output=step.get("output", ()),
        keterangan=step.get("keterangan"),
        keputusan=keputusan,
        lanjut=lanjut,
        line=line_of(node),
    )


def _keputusan(reader: Reader, read: Read | None, where: str) -> Keputusan | None:
    if read is None:
        return None
    if "pilihan" in read.nodes:
        if "ya" in read.nodes or "tidak" in read.nodes or "pilihan" not in read.values:
            return None  # reported by the reader (both-alternatives, or the list itself)
        pilihan = _pilihan(reader, read.values["pilihan"], f"{where}.pilihan")
        if pilihan is None:
            return None
        return Keputusan(pertanyaan=read.get("pertanyaan"), pilihan=pilihan)
    if "ya" not in read.values or "tidak" not in read.values:
        return None
    ya, tidak = read.values["ya"], read.values["tidak"]
    if flow.resolve(ya, reader.step_ids) == flow.resolve(tidak, reader.step_ids):
        reader.report(read.nodes["tidak"], "equal-targets", field=where, value=ya)
        return None
    return Keputusan(ya=ya, tidak=tidak, pertanyaan=read.get("pertanyaan"))


def _pilihan(reader: Reader, items: list[Read | None], where: str) -> tuple[Pilihan, ...] | None:
    """The ways out of a many-way decision; None when one is invalid or a label repeats."""
    result: list[Pilihan] = []
    labels: dict[str, int] = {}
    valid = True
    for index, item in enumerate(items, start=1):
        if item is None or "label" not in item.values or "ke" not in item.values:
            valid = False
            continue
        label = item.values["label"]
        folded = " ".join(label.casefold().split())
        if folded in labels:
            reader.report(item.nodes["label"], "duplicate-label",
                          field=f"{where}[{index}].label", value=label,
                          other=f"pilihan[{labels[folded]}]")
            valid = False
            continue
        labels[folded] = index
        result.append(Pilihan(label, item.values["ke"], line_of(item.nodes["ke"])))
    return tuple(result) if valid else None
