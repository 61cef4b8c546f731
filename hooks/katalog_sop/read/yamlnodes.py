"""Read a YAML file into a node tree that keeps line numbers and the text as written.

Composing (not constructing) keeps each scalar's source text and YAML's reading of it
(its tag), so the loader can explain YAML 1.1 surprises instead of converting silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..problems import Problem, problem

try:  # libyaml is about 10x faster and still gives marks on composed nodes
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
"""Refuse larger files before parsing: no SOP needs a megabyte of text."""

MAX_NODES = 200_000
"""Refuse documents with more nodes than this (a guard against pathological input)."""

MAX_DEPTH = 100
"""Refuse deeper nesting before composing: libyaml's composer recurses in C and crashes the
process (no exception) past some ten thousand levels, and its scanner slows down with the
square of the flow depth. An SOP nests five levels deep."""

TOO_DEEP = f"susunan bertingkat lebih dari {MAX_DEPTH} tingkat"
TOO_MANY = f"berkas memuat lebih dari {MAX_NODES} nilai; satu SOP tidak memerlukan sebanyak itu"

TAG_STR = "tag:yaml.org,2002:str"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML (and libyaml's line numbers) count as a line break."""


def last_line(text: str) -> int:
    """The number of the last line of ``text`` as an editor shows it (after a final line
    break, an empty last line)."""
    return len(_BREAK.split(text))


def line_of(node: yaml.Node) -> int:
    """The 1-based line where a node starts."""
    return node.start_mark.line + 1


def read_yaml(path: Path, display: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse ``path`` into a node tree; on failure return None and the problems found."""
    from .files import read_bounded  # files imports the reader, which imports this module

    try:
        raw, size = read_bounded(path)
    except OSError as err:
        why = "tautan simbolik (symlink) tidak diterima" if path.is_symlink() else (
            err.strerror or "tidak dapat dibaca")
        return None, [problem(display, 1, "bad-file", why=why)]
    if size > MAX_FILE_BYTES:
        return None, [problem(display, 1, "too-large", size=size, limit=MAX_FILE_BYTES)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [problem(display, line, "not-utf8", offset=err.start)]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        deep = _too_deep(text) if _may_nest_deeply(text) else None
        root = yaml.compose(text, Loader=_Loader) if deep is None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        # At the end of a file without a final line break libyaml points past the last line.
        line = min(mark.line + 1, last_line(text)) if mark is not None else 1
        detail = " ".join((err.problem or err.context or "").split())
        if "'\\t'" in detail or "\t" in _line_text(text, line):
            return None, [problem(display, line, "yaml-tab")]
        return None, [problem(display, line, "yaml-syntax", detail=explain(detail))]
    except yaml.reader.ReaderError as err:  # control characters and the like
        line = text.count("\n", 0, err.position) + 1
        shown = f"#x{ord(err.character):04x}" if isinstance(err.character, str) else "?"
        return None, [problem(display, line, "yaml-syntax",
                              detail=f"karakter kontrol {shown} tidak boleh ada di berkas")]
    except yaml.YAMLError as err:
        detail = explain(" ".join(str(err).split()))
        return None, [problem(display, 1, "yaml-syntax", detail=detail)]
    except RecursionError:
        return None, [problem(display, 1, "yaml-syntax", detail=TOO_DEEP)]
    if deep is not None:
        return None, [problem(display, deep, "yaml-syntax", detail=TOO_DEEP)]
    if root is None:
        return None, [problem(display, 1, "empty-file")]
    shared, too_many = (_first_shared_node(root) if "*" in text or len(text) > SMALL_TEXT
                        else (None, False))
    if too_many:
        return None, [problem(display, 1, "yaml-syntax", detail=TOO_MANY)]
    if shared is not None:
        return None, [problem(display, line_of(shared), "yaml-alias")]
    return root, []


_EXPLANATIONS = {
    "mapping values are not allowed": "ada titik dua (:) di tempat yang tidak diharapkan; "
    "periksa indentasi, atau apit teks yang memuat \": \" dengan tanda kutip",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "did not find expected key": "indentasi tidak sejajar, atau tanda kutip/kurung tidak ditutup",
    "did not find expected ',' or ']'": "daftar [ ... ] tidak ditutup dengan ]",
    "did not find expected ',' or '}'": "kumpulan { ... } tidak ditutup dengan }",
    "but found another document": "berkas memuat lebih dari satu dokumen (---); "
    "satu berkas untuk satu SOP",
    "found character that cannot start any token": "nilai diawali karakter khusus YAML "
    "(misalnya @ atau `); apit nilainya dengan tanda kutip",
    "did not find expected '-' indicator": "butir daftar tidak sejajar dengan butir lain",
    "did not find expected <document start>": "ada teks yang tidak sejajar dengan kunci lain",
    "could not find expected ':'": "baris tidak memuat titik dua setelah nama kunci",
}


def explain(detail: str) -> str:
    """PyYAML's English detail with an Indonesian explanation first, where one is known."""
    for english, indonesian in _EXPLANATIONS.items():
        if english in detail:
            return f"{indonesian} ({detail})"
    return detail or "bentuk tidak dikenal"


SMALL_TEXT = 100_000
"""Below this size and without a ``*`` a document has neither aliases nor MAX_NODES nodes,
so the node walk is skipped (it is a third of the time of checking a typical file)."""

_DEEP_BLOCK = re.compile(r"^ {50}|(?:[-?:][ \t]+){20}", re.M)


def _may_nest_deeply(text: str) -> bool:
    """A cheap upper bound: without many brackets, deep indentation or long runs of compact
    ``- - -`` indicators, the nesting stays far below what harms libyaml, and the exact event
    scan (as long as parsing the file again) can be skipped."""
    return text.count("[") + text.count("{") > MAX_DEPTH // 2 or bool(_DEEP_BLOCK.search(text))


def _too_deep(text: str) -> int | None:
    """The line where the document first nests deeper than ``MAX_DEPTH``, or None; reads it
    as a stream of events (libyaml's parser keeps its own stack) and stops there."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return mark.line + 1 if mark is not None else 1
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
    return None


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _first_shared_node(root: yaml.Node) -> tuple[yaml.Node | None, bool]:
    """Find a node reached twice (an alias), walking each node once; guards alias bombs.
    The flag tells that the walk stopped at ``MAX_NODES`` instead (a huge file, no alias)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node, False
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            return None, True
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None, False
