"""A path-scoped reader of one file's node tree, driven by the field table (``fields``).

Every check appends a problem and never raises; each field is read on its own, so every
independent problem of a file is reported in one run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import END, PartialDate, SopRef
from ..problems import Problem, problem
from .fields import UNLESS_DRAFT_WHY, Field, Kind, Need
from .hints import HintBudget
from .scalars import (
    CONTROL_RE,
    DATE_RE,
    READINGS,
    ascii_number,
    describe,
    empty_is_absent,
    is_empty,
    is_http_url,
    is_slug,
    raw,
    structurally_empty,
)
from .yamlnodes import TAG_INT, TAG_NULL, TAG_STR, TAG_TIMESTAMP, line_of

__all__ = ["Read", "Reader", "is_empty", "is_http_url", "is_slug"]

@dataclass
class Read:
    """What one mapping held: each valid value, each key's node, and list items' nodes."""

    node: yaml.Node
    values: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)
    items: dict[str, list[tuple[yaml.Node, str]]] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` when it was given and valid."""
        return self.values.get(key, default)


class Reader:
    """Reads one file; ``problems`` collects everything found."""

    def __init__(self, path: str, instansi: str = "", draft: bool = False) -> None:
        self.path = path
        self.instansi = instansi
        self.draft = draft
        self.problems: list[Problem] = []
        self.hints = HintBudget()
        self.refs: list[tuple[str, SopRef]] = []
        """Every well-formed reference to another SOP, with its field (checked across files
        even when this file has errors of its own)."""
        self.step_ids: dict[str, int] = {}
        self.step_count = 0

    def report(self, node: yaml.Node | None, code: str, **fields: object) -> None:
        self.problems.append(problem(self.path, line_of(node) if node else 1, code, **fields))

    # --- a mapping described by the field table ---

    def read(self, node: yaml.Node, spec: Field, where: str = "") -> Read | None:
        """Every field of ``spec`` read from the mapping ``node`` (None if not a mapping)."""
        keys = self.mapping(node, where, spec.keys)
        if keys is None:
            return None
        result = Read(node, nodes=keys)
        prefix = f"{where}." if where else ""
        for child in spec.fields:
            value_node = keys.get(child.key)
            name = prefix + child.key
            if value_node is None or (is_empty(value_node) and empty_is_absent(child)):
                if child.need is Need.REQUIRED or (child.need is Need.UNLESS_DRAFT
                                                   and not self.draft):
                    why = UNLESS_DRAFT_WHY if child.need is Need.UNLESS_DRAFT else ""
                    self.report(value_node or node, "missing", field=name, why=why)
                continue
            value = self.value(value_node, child, name, result)
            if value is not None:
                result.values[child.key] = value
        if spec.alternatives:
            self.alternatives(node, keys, spec.alternatives, prefix)
        missing_any = spec.any_of_unless_draft
        if missing_any and not self.draft and not any(
                k in keys and not is_empty(keys[k]) for k in missing_any):
            others = ", ".join(f"{prefix}{k}" for k in missing_any[1:])
            self.report(keys.get(missing_any[0], node), "missing",
                        field=prefix + missing_any[0],
                        why=f" (atau {others}; kecuali bila status: draf)")
        return result

    def alternatives(self, node: yaml.Node, keys: dict[str, yaml.Node],
                     groups: tuple[tuple[str, ...], ...], prefix: str) -> None:
        """Exactly one group of keys written, and that group whole."""
        written = [group for group in groups
                   if any(k in keys and not is_empty(keys[k]) for k in group)]
        if not written:
            self.report(node, "missing-alternative", field=prefix.rstrip("."),
                        choices=", atau ".join(" dan ".join(group) for group in groups))
        elif len(written) > 1:
            later = next(keys[k] for k in written[1] if k in keys)
            self.report(later, "both-alternatives", field=prefix.rstrip("."),
                        first="/".join(written[0]), second="/".join(written[1]))
        else:
            for key in written[0]:
                if key not in keys or is_empty(keys[key]):
                    self.report(keys.get(key, node), "missing", field=prefix + key, why="")

    def value(self, node: yaml.Node, spec: Field, name: str, into: Read) -> Any:
        """One value of the kind ``spec.kind`` (None, with a problem, when it is wrong)."""
        kind = spec.kind
        if kind is Kind.TEXT or kind is Kind.STEP_ID:
            return self.text(node, name, spec.key)
        if kind is Kind.TEXTS:
            items = self.text_items(node, name, spec.key)
            into.items[spec.key] = items
            if spec.non_empty and structurally_empty(node):
                self.report(node, "empty", field=name)
            if spec.unique:
                seen: set[str] = set()
                for item, text in items:
                    if text in seen:
                        self.report(item, "duplicate-pelaksana", value=text)
                    seen.add(text)
            return tuple(dict.fromkeys(t for _, t in items) if spec.unique
                         else (t for _, t in items))
        if kind is Kind.DATE:
            return self.date(node, name)
        if kind is Kind.CHOICE:
            return self.choice(node, name, spec.choices)
        if kind is Kind.URL:
            url = self.text(node, name, spec.key)
            if url is not None and not is_http_url(url):
                self.report(node, "bad-url", field=name, value=url)
                return None
            return url
        if kind is Kind.NIP:
            return self.nip(node, name)
        if kind is Kind.SOP_REF:
            return self.sop_ref(node, name)
        if kind is Kind.MAPPING:
            return self.read(node, spec, name)
        if kind is Kind.STEPS:
            return self.steps(node, spec, name)
        if kind is Kind.TARGET:
            return self.target(node, name)
        if kind is Kind.RECORDS:
            return self.records(node, spec, name)
        return self.related(node, name)

    # --- structure ---

    def mapping(self, node: yaml.Node, field: str,
                allowed: tuple[str, ...]) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, after reporting duplicates and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "not-mapping", field=field or "berkas", found=describe(node))
            return None
        result: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        prefix = f"{field}." if field else ""
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != TAG_STR:
                self.report(key_node, "unknown-key", field=field or "berkas",
                            key=raw(key_node), hint="")
                continue
            key = key_node.value
            if key in first_line:
                self.report(key_node, "duplicate-key", key=f"{prefix}{key}",
                            first=first_line[key])
                continue
            first_line[key] = line_of(key_node)
            if key not in allowed:
                self.report(key_node, "unknown-key", field=field or "berkas", key=key,
                            hint=self.hints.hint(key, allowed))
                continue
            result[key] = value_node
        return result

    def steps(self, node: yaml.Node, spec: Field, name: str) -> list[yaml.Node] | None:
        """The item nodes of a non-empty list of at most ``spec.max_items``."""
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, "wrong-type", field=name, expected="daftar langkah",
                        found=describe(node))
            return None
        if not node.value:
            self.report(node, "empty", field=name)
            return None
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.report(node, "too-many-steps", count=len(node.value), limit=spec.max_items)
            return None
        return list(node.value)

    def records(self, node: yaml.Node, spec: Field, name: str) -> list[Read | None] | None:
        """Each item of a list of mappings (None for an item that is not a mapping), when
        the list has at least ``spec.min_items`` items."""
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, "wrong-type", field=name, expected="daftar", found=describe(node))
            return None
        if len(node.value) < spec.min_items:
            self.report(node, "too-few-items", field=name, count=len(node.value),
                        least=spec.min_items)
            return None
        return [self.read(item, spec, f"{name}[{index}]")
                for index, item in enumerate(node.value, start=1)]

    # --- scalars ---

    def text(self, node: yaml.Node, field: str, key: str) -> str | None:
        """A non-empty string scalar; None (with a problem) for anything else."""
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, "wrong-type", field=field, expected="teks", found=describe(node))
            return None
        if node.tag != TAG_STR:
            if node.tag == TAG_NULL and node.value in ("", "~"):
                self.report(node, "empty", field=field)
            else:
                self.report(node, "yaml-surprise", field=field, raw=node.value, key=key,
                            reading=READINGS.get(node.tag, f"tag {node.tag}"))
            return None
        if not node.value.strip():
            self.report(node, "empty", field=field)
            return None
        control = CONTROL_RE.search(node.value)
        if control is not None:
            self.report(node, "wrong-type", field=field, expected="teks tanpa karakter kontrol",
                        found=f"teks yang memuat karakter kontrol #x{ord(control[0]):04x}")
            return None
        return str(node.value)

    def text_items(self, node: yaml.Node, field: str,
                   key: str) -> list[tuple[yaml.Node, str]]:
        """A list of strings (a single string is a list of one), each valid one with its node."""
        if is_empty(node):
            return []
        if isinstance(node, yaml.SequenceNode):
            pairs = [(item, self.text(item, f"{field}[{i}]", key))
                     for i, item in enumerate(node.value, start=1)]
        else:
            pairs = [(node, self.text(node, field, key))]
        return [(item, text) for item, text in pairs if text is not None]

    def date(self, node: yaml.Node, field: str) -> PartialDate | None:
        """A ``YYYY-MM-DD`` or ``YYYY-MM`` date that exists in the calendar."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (TAG_STR, TAG_TIMESTAMP):
            self.report(node, "bad-date", field=field, value=raw(node))
            return None
        match = DATE_RE.match(node.value.strip())
        if not match:
            self.report(node, "bad-date", field=field, value=node.value)
            return None
        year, month, day = int(match[1]), int(match[2]), match[3]
        try:
            dt.date(year, month, int(day) if day else 1)
        except ValueError:
            self.report(node, "bad-date", field=field, value=node.value)
            return None
        return PartialDate(year, month, int(day) if day else None)

    def choice(self, node: yaml.Node, field: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, field, field)
        if value is not None and value not in choices:
            self.report(node, "bad-choice", field=field, value=value,
                        choices=", ".join(choices), hint=self.hints.hint(value, choices))
            return None
        return value

    def nip(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field, "nip")
        if value is not None:
            digits = value.replace(" ", "")
            if not (digits.isascii() and digits.isdigit() and len(digits) == 18):
                counted = sum(ch.isdigit() for ch in digits)
                others = len(digits) - counted
                count = f"{counted} angka" + (f" dan {others} karakter lain" if others else "")
                self.report(node, "bad-nip", field=field, value=value, count=count)
        return value

    def sop_ref(self, node: yaml.Node, field: str) -> SopRef | None:
        """``slug`` (same instansi) or ``instansi/slug``, with the line it is written on."""
        value = self.text(node, field, "sop")
        if value is None:
            return None
        parts = value.split("/")
        ref = None
        if len(parts) == 1 and is_slug(parts[0]):
            ref = SopRef(self.instansi, parts[0], line_of(node))
        elif len(parts) == 2 and is_slug(parts[0]) and is_slug(parts[1]):
            ref = SopRef(parts[0], parts[1], line_of(node))
        if ref is not None:
            self.refs.append((field, ref))
            return ref
        self.report(node, "unknown-sop", field=field, value=value, hint="")
        return None

    def target(self, node: yaml.Node, field: str) -> str | int | None:
        """A decision target: a step number (ASCII digits), a step id, or ``selesai``."""
        count = self.step_count
        if isinstance(node, yaml.ScalarNode) and node.tag in (TAG_INT, TAG_STR):
            value = str(node.value).strip()
            number = ascii_number(value, count)
            if number is not None and 1 <= number <= count:
                return number
            if node.tag == TAG_STR and (value == END or value in self.step_ids):
                return value
            hint = self.hints.hint(value, [*self.step_ids, END]) if node.tag == TAG_STR else ""
            self.report(node, "bad-target", field=field, value=node.value, count=count,
                        hint=hint)
            return None
        self.report(node, "bad-target", field=field, value=raw(node), count=count, hint="")
        return None

    def related(self, node: yaml.Node, field: str) -> tuple[str | SopRef, ...]:
        """``keterkaitan``: items of text or ``sop: <reference>``."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result: list[str | SopRef] = []
        for index, item in enumerate(items, start=1):
            name = f"{field}[{index}]"
            if isinstance(item, yaml.MappingNode):
                parts = self.mapping(item, name, ("sop",))
                if parts is None:
                    continue
                if "sop" not in parts:
                    self.report(item, "missing", field=f"{name}.sop", why="")
                    continue
                ref = self.sop_ref(parts["sop"], f"{name}.sop")
                if ref is not None:
                    result.append(ref)
            else:
                text = self.text(item, name, "keterkaitan")
                if text is not None:
                    result.append(text)
        return tuple(result)
