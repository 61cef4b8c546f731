"""Small facts about scalar values and node shapes, shared by the readers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from .fields import Field, Kind, Need
from .yamlnodes import TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, TAG_STR, TAG_TIMESTAMP

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters YAML forbids raw in a file, which a double-quoted scalar can still hold as
escapes (``"\\x07"``). No signed form prints them, and published they would be lost or
break the page (browsers drop NUL, Markdown drops U+0002/U+0003, page titles break)."""

READINGS = {TAG_INT: "angka", TAG_FLOAT: "angka", TAG_BOOL: "nilai benar/salah",
            TAG_TIMESTAMP: "tanggal", TAG_NULL: "kosong"}


def is_slug(name: str) -> bool:
    """Whether ``name`` is a valid permanent address part."""
    return bool(SLUG_RE.match(name))


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no whitespace."""
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_empty(node: yaml.Node) -> bool:
    """``key:`` or ``key: ~`` (an empty list counts only where a list is expected)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == TAG_NULL and node.value in ("", "~")


def describe(node: yaml.Node) -> str:
    """How a value that has the wrong shape is named in a message."""
    if isinstance(node, yaml.MappingNode):
        return "kumpulan kunci: nilai"
    if isinstance(node, yaml.SequenceNode):
        return "daftar"
    if node.tag == TAG_STR:
        return f'teks "{node.value}"'
    return f"{READINGS.get(node.tag, 'nilai')} {node.value}".strip()


def raw(node: yaml.Node) -> str:
    """A scalar as written, or the shape of anything else."""
    return str(node.value) if isinstance(node, yaml.ScalarNode) else describe(node)


def ascii_number(text: str, limit: int) -> int | None:
    """``text`` as a whole number when it is 1 to ``len(str(limit))`` ASCII digits."""
    if text.isascii() and text.isdigit() and len(text) <= len(str(limit)):
        return int(text)
    return None


def empty_is_absent(spec: Field) -> bool:
    """Whether ``key:`` with no value counts as not written: so for optional fields and
    those required unless draft; a required text or list must be filled in."""
    return spec.need is not Need.REQUIRED or spec.kind in (Kind.MAPPING, Kind.DATE)


def structurally_empty(node: yaml.Node) -> bool:
    return is_empty(node) or (isinstance(node, yaml.SequenceNode) and not node.value)
