"""Hypothesis strategies shared by the property and fuzz tests.

Editor text is drawn from every Unicode character YAML can carry in a text field, weighted
toward what has broken sites before: quotes, brackets, Markdown and HTML syntax, Mermaid
keywords, YAML 1.1 look-alikes, emoji, line and paragraph separators, very long lines.
``valid_catalogue`` builds whole catalogues (instansi and SOPs) that the loader must accept;
``to_yaml`` writes them out with one of several emitters, each checked to round-trip.

Profiles: ``HYPOTHESIS_PROFILE=ci`` (the default: derandomized, no example database, so CI
is reproducible) or ``HYPOTHESIS_PROFILE=big`` (random, about ten times the examples).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- profiles ---

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example, HealthCheck.filter_too_much],
)
settings.register_profile("big", settings.get_profile("ci"), derandomize=False)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "big"):
    raise ValueError(f"HYPOTHESIS_PROFILE must be ci or big, not {PROFILE!r}")
BIG = 10 if PROFILE == "big" else 1


def examples(count: int) -> settings:
    """Settings of the chosen profile with ``count`` examples (ten times as many if big)."""
    return settings(settings.get_profile(PROFILE), max_examples=count * BIG)


# --- editor text ---

FORBIDDEN_IN_TEXT = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\ufffe", "\uffff"]
)
"""Characters the loader refuses in any text: the ones YAML forbids raw in a file (controls,
U+FFFE, U+FFFF), which a double-quoted YAML scalar can still smuggle in as escapes."""

HOSTILE_PIECES: tuple[str, ...] = (
    # quoting, brackets, separators
    '"', "'", "''", '\\"', "(", ")", "((", "))", "/", "//", "\\", ";", ",", ":", ": ", " #",
    "#", "{", "}", "{}", "[", "]", "[]", "|", "||", "`", "```", "~~~", "&", "<", ">", "=",
    # HTML and URL injection
    "<script>alert(1)</script>", "</script>", "<script src=//e.invalid/x.js>",
    "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "javascript:alert(1)",
    "JaVaScRiPt:", "data:text/html,<b>x</b>", "<b>", "</td></tr></table>", "</div>",
    "<!--", "-->", "<![CDATA[", "]]>", "<?php ?>", "<style>*{}</style>", "<svg onload=x>",
    '" onmouseover="x', "' onfocus='x", "&amp;", "&lt;", "&gt;", "&#10;", "&#x3C;", "&nbsp;",
    "&quot;", "&", "&#0;", "&#128;",
    # Markdown
    "*", "**", "_", "__", "- ", "* ", "+ ", "> ", "1. ", "# ", "## ", "---", "===", "...",
    "[x](http://e.invalid)", "![i](x.png)", "[x]: /y", "<http://e.invalid>", "\\*", "  \n",
    "{: .x }", "!!! note", "::: x", "|a|b|", "--- | ---", "wzxhzdk:0", "klzzwxh:0",
    # Jinja and other template syntax
    "{{ page.title }}", "{% raw %}", "{# x #}", "${x}", "%(x)s", "{x}", "{0}",
    # Mermaid
    "end", "END", "End", " end ", "end;", "%%", "%%{init: {'theme': 'dark'}}%%", "-->",
    "-->|x|", "A-->B", "---", "-.-", "==>", "subgraph", "classDef x fill:#f00", "class",
    "click s1 callback", "style s1 fill:#f00", "graph TD", "flowchart", "swimlane-beta",
    "mulai", "selesai", "Mulai", "Selesai", "s1", "s1_ulang", "lane1", "lane1_kosong",
    "kosong", "Ya", "Tidak", "#35;", "#quot;", "#lt;", "#9829;", "#;", "##", "fa:fa-ban",
    # YAML 1.1 look-alikes (they must stay text when quoted)
    "yes", "No", "on", "OFF", "null", "~", "1:30", "800.1", "0x1F", "1e3", ".inf", "2020-01-01",
    "!!python/object", "&anchor", "*alias", "? ", "- -", "@", "%", "!",
    # whitespace and line breaks
    "\n", "\r\n", "\r", "\t", " ", "  ", "\n\n", "\u00a0", "\u2028", "\u2029", "\u3000",
    "\u200b", "\u200d", "\ufeff",
    # Unicode beyond ASCII
    "😀", "👨‍👩‍👧‍👦", "🇮🇩", "e\u0301", "\u0301", "ǅ", "İ", "ß", "ﬁ", "Σ", "\u202e", "\u202d",
    "مرحبا", "עברית", "日本語", "한국어", "देवनागरी", "\U0001d54f", "\U00010000", "\U0010fffd",
    "\ufdd0", "\ufffd", "\uf8ff",
    # other names with a meaning somewhere
    "__proto__", "constructor", "\\n", "\\u0000", "%0A", "%3Cscript%3E", "NaN", "None",
)

CONTROL_PIECES: tuple[str, ...] = (
    "\x00", "\x01", "\x02", "\x03", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1f",
    "\x7f", "\x80", "\x85", "\x9f", "\ufffe", "\uffff",
)
"""Characters the loader must refuse (with a message), never publish."""

TEXT_CHARS = st.characters(
    codec=None, exclude_categories=("Cs", "Cc"), include_characters="\t\n\r",
    exclude_characters="\ufffe\uffff",
)


def _long_line(length: int, piece: str) -> str:
    return (piece * (length // len(piece) + 1))[:length]


LONG_LINES = st.builds(_long_line, st.integers(500, 3000),
                       st.sampled_from(["x", "ab ", "<&>\"' ", "😀", "end ", "#;"]))

PIECE = st.one_of(
    st.sampled_from(HOSTILE_PIECES),
    st.text(TEXT_CHARS, min_size=1, max_size=12),
    st.from_regex(r"[A-Za-z][a-z]{1,9}", fullmatch=True),
)


def hostile_text(max_pieces: int = 5, long_lines: bool = True) -> st.SearchStrategy[str]:
    """Text an editor may write in a field: never empty or only whitespace."""
    pieces = st.one_of(PIECE, LONG_LINES) if long_lines else PIECE
    return (st.lists(pieces, min_size=1, max_size=max_pieces).map("".join)
            .filter(lambda text: bool(text.strip())))


def control_text() -> st.SearchStrategy[str]:
    """Text that holds at least one character the loader must refuse."""
    return st.tuples(hostile_text(3, long_lines=False), st.sampled_from(CONTROL_PIECES),
                     hostile_text(3, long_lines=False)).map("".join)


def normalise_newlines(text: str) -> str:
    """HTML carries no CR: CRLF and CR arrive as LF. The one change text may undergo."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- catalogues ---


@dataclass
class GenSop:
    """One generated SOP: where it lives and exactly what its YAML file holds."""

    instansi: str
    slug: str
    data: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.instansi}/{self.slug}"

    @property
    def source(self) -> str:
        return f"sops/{self.instansi}/{self.slug}.yaml"


@dataclass
class GenCatalogue:
    """A generated ``sops/`` folder: instansi files and SOP files, as Python data."""

    instansi: dict[str, dict[str, Any]]
    sops: list[GenSop]
    styles: dict[str, str] = field(default_factory=dict)
    """The emitter used for each file (by path relative to ``sops/``)."""

    def sop(self, key: str) -> GenSop:
        return next(sop for sop in self.sops if sop.key == key)

    def files(self) -> dict[str, str]:
        """Every file as ``relative path -> YAML text``."""
        result = {}
        for slug, data in self.instansi.items():
            name = f"{slug}/instansi.yaml"
            result[name] = to_yaml(data, self.styles.get(name, "pyyaml"))
        for sop in self.sops:
            name = f"{sop.instansi}/{sop.slug}.yaml"
            result[name] = to_yaml(sop.data, self.styles.get(name, "pyyaml"))
        return result

    def write(self, folder: Path) -> Path:
        for name, text in self.files().items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return folder


SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True).filter(
    lambda s: s != "selesai")


@st.composite
def _date_value(draw: st.DrawFn, at_least: dt.date | None = None) -> tuple[Any, dt.date]:
    """A date as an editor writes it (a YAML date, a quoted date, or a month), and its value."""
    day = draw(st.dates(at_least or dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
    form = draw(st.sampled_from(["date", "string", "month"]))
    if form == "date":
        return day, day
    month_start = day.replace(day=1)
    if form == "string" or (at_least is not None and month_start < at_least):
        return day.isoformat(), day
    return day.strftime("%Y-%m"), month_start


def _text_or_list(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str | list[str]:
    if draw(st.booleans()):
        return draw(text)
    return draw(st.lists(text, min_size=0, max_size=3))


@st.composite
def _steps(draw: st.DrawFn, lanes: list[str], text: st.SearchStrategy[str]) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 7))
    # Leave some lanes unused now and then: they get an invisible placeholder node.
    used = draw(st.lists(st.sampled_from(lanes), min_size=1, max_size=len(lanes), unique=True))
    ids = draw(st.lists(SLUG.filter(lambda s: not s.isdigit()), min_size=count, max_size=count,
                        unique=True))
    has_id = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    steps: list[dict[str, Any]] = []
    for nomor in range(1, count + 1):
        step: dict[str, Any] = {}
        if has_id[nomor - 1]:
            step["id"] = ids[nomor - 1]
        step["kegiatan"] = draw(text)
        executors = draw(st.lists(st.sampled_from(used), min_size=1, max_size=3))
        step["pelaksana"] = executors[0] if len(executors) == 1 and draw(st.booleans()) \
            else executors
        for key in ("kelengkapan", "output"):
            if draw(st.booleans()):
                step[key] = _text_or_list(draw, text)
        if draw(st.booleans()):
            step["waktu"] = draw(st.one_of(
                text, st.sampled_from(["2 hari", "10 menit", "1 x 24 jam", "3 hari kerja",
                                       "1,5 jam", "90 menit", "Setiap saat"])))
        if draw(st.booleans()):
            step["keterangan"] = draw(text)
        if draw(st.integers(0, 2)) == 0:
            step["keputusan"] = _decision(draw, nomor, count, ids, has_id, text)
        elif draw(st.integers(0, 3)) == 0:
            # Contract v2: a plain step that says where it goes (here: where it would go).
            step["lanjut"] = _written_target(draw, nomor + 1 if nomor < count else "selesai",
                                             ids, has_id)
        steps.append(step)
    return steps


def _written_target(draw: st.DrawFn, target: int | str, ids: list[str],
                    has_id: list[bool]) -> int | str:
    """A flow target in one of the forms an editor may write it."""
    if target == "selesai":
        return draw(st.sampled_from(["selesai", " selesai "]))
    assert isinstance(target, int)
    forms: list[int | str] = [target, str(target)]
    if has_id[target - 1]:
        forms.append(ids[target - 1])
    return draw(st.sampled_from(forms))


def label_key(label: str) -> str:
    """Labels of one decision must differ in this form (case and spacing ignored)."""
    return " ".join(label.casefold().split())


def _decision(draw: st.DrawFn, nomor: int, count: int, ids: list[str], has_id: list[bool],
              text: st.SearchStrategy[str]) -> dict[str, Any]:
    """A decision whose one branch goes on and whose other loops back (maybe to itself);
    a third of them as ``pilihan`` with two to four labelled ways (the others to either of
    those or to the end, so some targets repeat: a warning, not an error)."""

    def written(target: int | str) -> int | str:
        return _written_target(draw, target, ids, has_id)

    onward: int | str = nomor + 1 if nomor < count else "selesai"
    back = draw(st.integers(1, nomor))
    decision: dict[str, Any] = {}
    if draw(st.booleans()):
        decision["pertanyaan"] = draw(text)
    if draw(st.integers(0, 2)) == 0:
        extra = draw(st.lists(st.sampled_from([onward, back, "selesai"]), max_size=2))
        targets = draw(st.permutations([onward, back, *extra]))
        labels = draw(st.lists(text, min_size=len(targets), max_size=len(targets),
                               unique_by=label_key))
        decision["pilihan"] = [{"label": label, "ke": written(target)}
                               for label, target in zip(labels, targets, strict=True)]
        return decision
    first, second = (onward, back) if draw(st.booleans()) else (back, onward)
    decision["ya"], decision["tidak"] = written(first), written(second)
    return decision


@st.composite
def valid_sop(draw: st.DrawFn, instansi: str, slug: str, nomor: str | None,
              others: list[str], text: st.SearchStrategy[str]) -> GenSop:
    """One SOP the loader must accept; ``others`` are keys it may refer to."""
    status = draw(st.sampled_from(["berlaku", "berlaku", "draf", "dicabut", None]))
    draft = status == "draf"
    data: dict[str, Any] = {}
    if nomor is not None:
        data["nomor"] = nomor
    data["nama"] = draw(text)
    if status is not None:
        data["status"] = status
    # Replacements only point at keys sorted before this one: never itself, never a cycle.
    earlier = [key for key in others if key < f"{instansi}/{slug}"]
    if status == "dicabut" and earlier and draw(st.booleans()):
        target = draw(st.sampled_from(earlier))
        data["diganti_oleh"] = target.split("/", 1)[1] if target.startswith(f"{instansi}/") \
            else target
    if not draft or draw(st.booleans()):
        pembuatan, made = draw(_date_value())
        tanggal: dict[str, Any] = {"pembuatan": pembuatan}
        if draw(st.booleans()):
            tanggal["revisi"] = draw(_date_value(made))[0]
        which = draw(st.sampled_from(["efektif", "pengesahan", "both"]))
        if which in ("efektif", "both"):
            tanggal["efektif"] = draw(_date_value())[0]
        if which in ("pengesahan", "both"):
            tanggal["pengesahan"] = draw(_date_value())[0]
        data["tanggal"] = tanggal
    if not draft or draw(st.booleans()):
        signer: dict[str, Any] = {"jabatan": draw(text)}
        if draw(st.booleans()):
            signer["nama"] = draw(text)
        if draw(st.booleans()):
            digits = draw(st.from_regex(r"[0-9]{18}", fullmatch=True))
            signer["nip"] = (f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
                             if draw(st.booleans()) else digits)
        if draw(st.booleans()):
            signer["pangkat"] = draw(text)
        data["disahkan_oleh"] = signer
    if draw(st.booleans()):
        penetapan: dict[str, Any] = {}
        for key in ("nomor", "tentang"):
            if draw(st.booleans()):
                penetapan[key] = draw(text)
        if draw(st.booleans()):
            penetapan["tanggal"] = draw(_date_value())[0]
        data["penetapan"] = penetapan
    data["dasar_hukum"] = draw(st.lists(text, min_size=1, max_size=3))
    for key in ("kualifikasi_pelaksana", "peralatan_perlengkapan", "peringatan",
                "pencatatan_pendataan"):
        if draw(st.booleans()):
            data[key] = draw(st.lists(text, max_size=3))
    if draw(st.booleans()):
        items: list[Any] = []
        for _ in range(draw(st.integers(0, 3))):
            if others and draw(st.booleans()):
                target = draw(st.sampled_from(others))
                short = target.split("/", 1)[1] if target.startswith(f"{instansi}/") else None
                items.append({"sop": draw(st.sampled_from([t for t in (target, short) if t]))})
            else:
                items.append(draw(text))
        data["keterkaitan"] = items
    lanes = draw(st.lists(text, min_size=1, max_size=4, unique=True))
    data["pelaksana"] = lanes
    data["langkah"] = draw(_steps(lanes, text))
    return GenSop(instansi, slug, data)


@st.composite
def valid_instansi(draw: st.DrawFn, text: st.SearchStrategy[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"nama": draw(text), "pemerintah": draw(text)}
    for key in ("singkatan", "alamat"):
        if draw(st.booleans()):
            data[key] = draw(text)
    if draw(st.booleans()):
        path = draw(st.text(st.sampled_from("abz09-._~%!$&'()*+,;=:@/?#[]<>\"`{}|^"),
                            max_size=30))
        data["situs"] = draw(st.sampled_from(["https://", "http://", "HTTPS://"])) \
            + draw(st.sampled_from(["lumajangkab.go.id", "e.invalid:8080", "a.b.c"])) + "/" + path
    return data


@st.composite
def valid_catalogue(draw: st.DrawFn, max_sops: int = 6, long_lines: bool = True,
                    max_pieces: int = 4) -> GenCatalogue:
    """A whole ``sops/`` folder that must load without errors."""
    text = hostile_text(max_pieces, long_lines)
    agencies = draw(st.lists(SLUG, min_size=1, max_size=2, unique=True))
    instansi = {slug: draw(valid_instansi(text)) for slug in agencies}
    count = draw(st.integers(1, max_sops))
    places = [(draw(st.sampled_from(agencies)), slug)
              for slug in draw(st.lists(SLUG, min_size=count, max_size=count, unique=True))]
    keys = [f"{a}/{s}" for a, s in places]
    numbers = draw(st.lists(text, min_size=count, max_size=count, unique=True))
    sops = []
    for (agency, slug), number in zip(places, numbers, strict=True):
        nomor = None if draw(st.integers(0, 5)) == 0 else number
        sop = draw(valid_sop(agency, slug, nomor, keys, text))
        if nomor is None and sop.data.get("status") != "draf":
            sop.data = {"nomor": number, **sop.data}
        sops.append(sop)
    names = [f"{slug}/instansi.yaml" for slug in agencies] + [f"{a}/{s}.yaml" for a, s in places]
    styles = {name: draw(st.sampled_from(EMITTERS)) for name in names}
    return GenCatalogue(instansi, sops, styles)


# --- YAML emitters ---

EMITTERS = ("pyyaml", "pyyaml-double", "escaped", "literal")


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings as ``|`` block scalars where YAML allows it."""


def _literal_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _literal_str)

_PRINTABLE = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar, escaping everything YAML may not hold raw."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "\u2028\u2029\ufeff" or not _PRINTABLE.fullmatch(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
                       if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _escaped(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML in which every string is a double-quoted, escaped scalar."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [pad + "{}"]
        lines = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines += _escaped(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_escaped(item)[0].strip()}")
        return lines
    if isinstance(value, list):
        if not value:
            return [pad + "[]"]
        lines = []
        for item in value:
            inner = _escaped(item, indent + 2)
            lines.append(f"{pad}- {inner[0].strip()}")
            lines += inner[1:]
        return lines
    if isinstance(value, str):
        return [pad + _quoted(value)]
    if isinstance(value, dt.date):
        return [pad + value.isoformat()]
    return [pad + str(value)]


def to_yaml(data: Any, style: str = "pyyaml") -> str:
    """``data`` as YAML text by one of ``EMITTERS``; asserts the text reads back as ``data``."""
    if style == "pyyaml":
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    elif style == "pyyaml-double":
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style='"')
    elif style == "literal":
        text = yaml.dump(data, Dumper=_LiteralDumper, allow_unicode=True, sort_keys=False)
    elif style == "escaped":
        text = "\n".join(_escaped(data)) + "\n"
    else:
        raise ValueError(style)
    back = yaml.load(text, Loader=yaml.CSafeLoader)
    assert back == data, f"emitter {style} does not round-trip:\n{text}"
    return text
