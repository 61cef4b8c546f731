"""Turn one file's node tree into a model object, collecting every problem on the way.

This module checks what one file can check by itself: keys, types, required fields, dates,
NIPs, slugs and the step flow. Rules that need the whole catalogue live in ``checks``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

import yaml

from ..model import (
    END,
    Instansi,
    Keputusan,
    Langkah,
    PartialDate,
    Penetapan,
    Pengesah,
    Sop,
    SopRef,
    Status,
    Tanggal,
)
from ..problems import Problem, problem
from . import flow
from .yamlnodes import (
    TAG_BOOL,
    TAG_FLOAT,
    TAG_INT,
    TAG_NULL,
    TAG_STR,
    TAG_TIMESTAMP,
    line_of,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters YAML forbids raw in a file, which a double-quoted scalar can still hold as
escapes (``"\\x07"``). No signed form prints them, and published they would be lost or
break the page (browsers drop NUL, Markdown drops U+0002/U+0003, page titles break)."""
MAX_STEPS = 1000

INSTANSI_KEYS = ("nama", "pemerintah", "singkatan", "alamat", "situs")
SOP_KEYS = (
    "nomor", "nama", "status", "diganti_oleh", "tanggal", "disahkan_oleh", "penetapan",
    "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
    "peringatan", "pencatatan_pendataan", "pelaksana", "langkah",
)
TANGGAL_KEYS = ("pembuatan", "revisi", "efektif", "pengesahan")
PENGESAH_KEYS = ("jabatan", "nama", "nip", "pangkat")
PENETAPAN_KEYS = ("nomor", "tanggal", "tentang")
LANGKAH_KEYS = (
    "id", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "keputusan",
)
KEPUTUSAN_KEYS = ("pertanyaan", "ya", "tidak")
TEXT_LISTS = (
    "kualifikasi_pelaksana", "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan",
)

_READINGS = {
    TAG_INT: "angka",
    TAG_FLOAT: "angka",
    TAG_BOOL: "nilai benar/salah",
    TAG_TIMESTAMP: "tanggal",
    TAG_NULL: "kosong",
}

T = TypeVar("T")


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ``(maksud Anda "x"?)`` hint when a close choice exists, else an empty string."""
    by_folded = {choice.casefold(): choice for choice in choices}
    if value.casefold() in by_folded and by_folded[value.casefold()] != value:
        return f' (maksud Anda "{by_folded[value.casefold()]}"?)'
    close = difflib.get_close_matches(value.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f' (maksud Anda "{by_folded[close[0]]}"?)' if close else ""


def is_slug(name: str) -> bool:
    """Whether ``name`` is a valid permanent address part."""
    return bool(SLUG_RE.match(name))


class _Reader:
    """Walks one file's nodes; every check appends to ``problems`` and never raises."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(self, node: yaml.Node | None, code: str, **fields: object) -> None:
        line = line_of(node) if node is not None else 1
        self.problems.append(problem(self.path, line, code, **fields))

    # --- structure ---

    def mapping(
        self, node: yaml.Node, field: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, after reporting duplicates and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "not-mapping", field=field or "berkas", found=_describe(node))
            return None
        result: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        prefix = f"{field}." if field else ""
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != TAG_STR:
                self.report(key_node, "unknown-key", field=field or "berkas",
                            key=_raw(key_node), hint="")
                continue
            key = key_node.value
            if key in first_line:
                self.report(key_node, "duplicate-key", key=f"{prefix}{key}",
                            first=first_line[key])
                continue
            first_line[key] = line_of(key_node)
            if key not in allowed:
                self.report(key_node, "unknown-key", field=field or "berkas", key=key,
                            hint=did_you_mean(key, allowed))
                continue
            result[key] = value_node
        return result

    def text(self, node: yaml.Node | None, field: str, key: str) -> str | None:
        """A non-empty string scalar; None (with a problem) for anything else."""
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, "wrong-type", field=field, expected="teks", found=_describe(node))
            return None
        if node.tag != TAG_STR:
            if node.tag == TAG_NULL and node.value in ("", "~"):
                self.report(node, "empty", field=field)
            else:
                self.report(node, "yaml-surprise", field=field, raw=node.value, key=key,
                            reading=_READINGS.get(node.tag, f"tag {node.tag}"))
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

    def optional_text(self, node: yaml.Node | None, field: str, key: str) -> str | None:
        """Like ``text``, but an empty value (``key:``) counts as absent."""
        if node is None or _is_empty(node):
            return None
        return self.text(node, field, key)

    def texts(self, node: yaml.Node | None, field: str, key: str) -> tuple[str, ...]:
        """A list of strings; a single string counts as a list of one."""
        return tuple(text for _, text in self.text_items(node, field, key))

    def text_items(self, node: yaml.Node | None, field: str,
                   key: str) -> list[tuple[yaml.Node, str]]:
        """Like ``texts``, each valid string with its node (for messages about one item)."""
        if node is None or _is_empty(node):
            return []
        if isinstance(node, yaml.SequenceNode):
            pairs = [(item, self.text(item, f"{field}[{i}]", key))
                     for i, item in enumerate(node.value, start=1)]
        else:
            pairs = [(node, self.text(node, field, key))]
        return [(item, text) for item, text in pairs if text is not None]

    def date(self, node: yaml.Node | None, field: str) -> PartialDate | None:
        """A ``YYYY-MM-DD`` or ``YYYY-MM`` date that exists in the calendar."""
        if node is None or _is_empty(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (TAG_STR, TAG_TIMESTAMP):
            self.report(node, "bad-date", field=field, value=_raw(node))
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
        if value is None:
            return None
        if value not in choices:
            self.report(node, "bad-choice", field=field, value=value,
                        choices=", ".join(choices), hint=did_you_mean(value, choices))
            return None
        return value

    def sop_ref(self, node: yaml.Node, field: str, instansi: str) -> SopRef | None:
        """``slug`` (same instansi) or ``instansi/slug``."""
        value = self.text(node, field, "sop")
        if value is None:
            return None
        parts = value.split("/")
        if len(parts) == 1 and is_slug(parts[0]):
            return SopRef(instansi, parts[0])
        if len(parts) == 2 and is_slug(parts[0]) and is_slug(parts[1]):
            return SopRef(parts[0], parts[1])
        self.report(node, "unknown-sop", field=field, value=value, hint="")
        return None

    def require(self, keys: dict[str, yaml.Node], key: str, node: yaml.Node, field: str,
                why: str = "") -> yaml.Node | None:
        if key not in keys:
            self.report(node, "missing", field=field, why=why)
            return None
        return keys[key]


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == TAG_NULL and node.value in ("", "~")


def _raw(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return _describe(node)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "kumpulan kunci: nilai"
    if isinstance(node, yaml.SequenceNode):
        return "daftar"
    if node.tag == TAG_STR:
        return f'teks "{node.value}"'
    return f"{_READINGS.get(node.tag, 'nilai')} {node.value}".strip()


def _optional(keys: dict[str, yaml.Node], key: str, read: Callable[[yaml.Node], T]) -> T | None:
    node = keys.get(key)
    if node is None or _is_empty(node):
        return None
    return read(node)


# --- instansi.yaml ---


def load_instansi(root: yaml.Node, slug: str, path: str) -> tuple[Instansi | None, list[Problem]]:
    """Validate an ``instansi.yaml`` node tree."""
    reader = _Reader(path)
    keys = reader.mapping(root, "", INSTANSI_KEYS)
    if keys is None:
        return None, reader.problems
    nama = reader.text(reader.require(keys, "nama", root, "nama"), "nama", "nama")
    pemerintah = reader.text(reader.require(keys, "pemerintah", root, "pemerintah"),
                             "pemerintah", "pemerintah")
    situs = reader.optional_text(keys.get("situs"), "situs", "situs")
    if situs is not None and not is_http_url(situs):
        reader.report(keys["situs"], "bad-url", field="situs", value=situs)
        situs = None
    singkatan = reader.optional_text(keys.get("singkatan"), "singkatan", "singkatan")
    alamat = reader.optional_text(keys.get("alamat"), "alamat", "alamat")
    if reader.problems or nama is None or pemerintah is None:
        assert reader.problems, f"{path}: rejected without a problem"
        return None, reader.problems
    return Instansi(slug, nama, pemerintah, singkatan, alamat, situs, path), []


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no whitespace."""
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# --- <sop>.yaml ---


def load_sop(root: yaml.Node, instansi: str, slug: str,
             path: str) -> tuple[Sop | None, list[Problem]]:
    """Validate an SOP node tree; returns the SOP only when the file has no errors."""
    reader = _Reader(path)
    keys = reader.mapping(root, "", SOP_KEYS)
    if keys is None:
        return None, reader.problems

    status_value = _optional(keys, "status", lambda n: reader.choice(
        n, "status", tuple(s.value for s in Status)))
    status = Status(status_value) if status_value else Status.BERLAKU
    draft = status is Status.DRAF
    unless_draft = " (kecuali bila status: draf)"

    nama = reader.text(reader.require(keys, "nama", root, "nama"), "nama", "nama")
    nomor_node = keys.get("nomor")
    nomor = reader.optional_text(nomor_node, "nomor", "nomor")
    if (nomor_node is None or _is_empty(nomor_node)) and not draft:
        reader.report(nomor_node or root, "missing", field="nomor", why=unless_draft)

    diganti_oleh = _optional(keys, "diganti_oleh",
                             lambda n: reader.sop_ref(n, "diganti_oleh", instansi))
    if "diganti_oleh" in keys and status is not Status.DICABUT:
        reader.report(keys["diganti_oleh"], "diganti-without-dicabut")

    tanggal = _load_tanggal(reader, keys, root, draft)
    disahkan_oleh = _load_pengesah(reader, keys, root, draft, unless_draft)
    penetapan = _optional(keys, "penetapan", lambda n: _load_penetapan(reader, n))

    dasar_hukum = reader.texts(reader.require(keys, "dasar_hukum", root, "dasar_hukum"),
                               "dasar_hukum", "dasar_hukum")
    if "dasar_hukum" in keys and not dasar_hukum and not reader.problems:
        reader.report(keys["dasar_hukum"], "empty", field="dasar_hukum")
    lists = {name: reader.texts(keys.get(name), name, name) for name in TEXT_LISTS}
    keterkaitan = _load_keterkaitan(reader, keys.get("keterkaitan"), instansi)

    pelaksana = _load_pelaksana(reader, keys, root)
    langkah = _load_langkah(reader, keys, root, pelaksana)
    if langkah and not reader.problems:
        for nomor_langkah, code in flow.flow_problems(langkah):
            reader.problems.append(
                problem(path, langkah[nomor_langkah - 1].line, code, nomor=nomor_langkah))

    if reader.problems or nama is None or tanggal is None:
        # Every path that loses a value reports why; never drop a file silently.
        assert reader.problems, f"{path}: rejected without a problem"
        return None, reader.problems
    return Sop(
        instansi=instansi,
        slug=slug,
        nama=nama,
        status=status,
        tanggal=tanggal,
        pelaksana=pelaksana,
        langkah=langkah,
        dasar_hukum=dasar_hukum,
        nomor=nomor,
        diganti_oleh=diganti_oleh,
        disahkan_oleh=disahkan_oleh,
        penetapan=penetapan,
        keterkaitan=keterkaitan,
        source=path,
        **lists,
    ), []


def _load_tanggal(reader: _Reader, keys: dict[str, yaml.Node], root: yaml.Node,
                  draft: bool) -> Tanggal | None:
    # A draft may be undated: the form is not signed yet (the seeds include such drafts).
    unless_draft = " (kecuali bila status: draf)"
    node = keys.get("tanggal")
    if node is None or (draft and _is_empty(node)):
        if not draft:
            reader.report(root, "missing", field="tanggal", why=unless_draft)
            return None
        return Tanggal(None)
    parts = reader.mapping(node, "tanggal", TANGGAL_KEYS)
    if parts is None:
        return None
    dates = {key: reader.date(parts.get(key), f"tanggal.{key}") for key in TANGGAL_KEYS}
    given = {key for key in TANGGAL_KEYS if key in parts and not _is_empty(parts[key])}
    if "pembuatan" not in given and not draft:
        reader.report(parts.get("pembuatan", node), "missing", field="tanggal.pembuatan",
                      why=unless_draft)
    if not draft and not given & {"efektif", "pengesahan"}:
        reader.report(parts.get("efektif", node), "missing", field="tanggal.efektif",
                      why=" (atau tanggal.pengesahan; kecuali bila status: draf)")
    pembuatan, revisi, efektif = dates["pembuatan"], dates["revisi"], dates["efektif"]
    if pembuatan and revisi and revisi.sort_key() < pembuatan.sort_key():
        reader.report(parts["revisi"], "revisi-before-pembuatan",
                      revisi=revisi.iso(), pembuatan=pembuatan.iso())
    return Tanggal(pembuatan, revisi, efektif, dates["pengesahan"])


def _load_pengesah(reader: _Reader, keys: dict[str, yaml.Node], root: yaml.Node, draft: bool,
                   unless_draft: str) -> Pengesah | None:
    node = keys.get("disahkan_oleh")
    if node is None or _is_empty(node):
        if not draft:
            reader.report(node or root, "missing", field="disahkan_oleh", why=unless_draft)
        return None
    parts = reader.mapping(node, "disahkan_oleh", PENGESAH_KEYS)
    if parts is None:
        return None
    jabatan = reader.text(reader.require(parts, "jabatan", node, "disahkan_oleh.jabatan"),
                          "disahkan_oleh.jabatan", "jabatan")
    nip = reader.optional_text(parts.get("nip"), "disahkan_oleh.nip", "nip")
    if nip is not None:
        digits = nip.replace(" ", "")
        if not (digits.isascii() and digits.isdigit() and len(digits) == 18):
            reader.report(parts["nip"], "bad-nip", field="disahkan_oleh.nip", value=nip,
                          count=_count_digits(digits))
    nama = reader.optional_text(parts.get("nama"), "disahkan_oleh.nama", "nama")
    pangkat = reader.optional_text(parts.get("pangkat"), "disahkan_oleh.pangkat", "pangkat")
    if jabatan is None:
        return None
    return Pengesah(jabatan, nama, nip, pangkat)


def _count_digits(text: str) -> str:
    digits = sum(ch.isdigit() for ch in text)
    others = len(text) - digits
    return f"{digits} angka" + (f" dan {others} karakter lain" if others else "")


def _load_penetapan(reader: _Reader, node: yaml.Node) -> Penetapan | None:
    parts = reader.mapping(node, "penetapan", PENETAPAN_KEYS)
    if parts is None:
        return None
    return Penetapan(
        nomor=reader.optional_text(parts.get("nomor"), "penetapan.nomor", "nomor"),
        tanggal=reader.date(parts.get("tanggal"), "penetapan.tanggal"),
        tentang=reader.optional_text(parts.get("tentang"), "penetapan.tentang", "tentang"),
    )


def _load_keterkaitan(reader: _Reader, node: yaml.Node | None,
                      instansi: str) -> tuple[str | SopRef, ...]:
    if node is None or _is_empty(node):
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    result: list[str | SopRef] = []
    for index, item in enumerate(items, start=1):
        field = f"keterkaitan[{index}]"
        if isinstance(item, yaml.MappingNode):
            parts = reader.mapping(item, field, ("sop",))
            if parts is None:
                continue
            ref_node = reader.require(parts, "sop", item, f"{field}.sop")
            ref = reader.sop_ref(ref_node, f"{field}.sop", instansi) if ref_node else None
            if ref is not None:
                result.append(ref)
        else:
            text = reader.text(item, field, "keterkaitan")
            if text is not None:
                result.append(text)
    return tuple(result)


def _load_pelaksana(reader: _Reader, keys: dict[str, yaml.Node],
                    root: yaml.Node) -> tuple[str, ...]:
    node = reader.require(keys, "pelaksana", root, "pelaksana")
    if node is None:
        return ()
    items = reader.text_items(node, "pelaksana", "pelaksana")
    names = [name for _, name in items]
    seen: set[str] = set()
    for item, name in items:
        if name in seen:
            reader.report(item, "duplicate-pelaksana", value=name)
        seen.add(name)
    if not names and not reader.problems:
        reader.report(node, "empty", field="pelaksana")
    return tuple(dict.fromkeys(names))


def _load_langkah(reader: _Reader, keys: dict[str, yaml.Node], root: yaml.Node,
                  pelaksana: tuple[str, ...]) -> tuple[Langkah, ...]:
    node = reader.require(keys, "langkah", root, "langkah")
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        reader.report(node, "wrong-type", field="langkah", expected="daftar langkah",
                      found=_describe(node))
        return ()
    if not node.value:
        reader.report(node, "empty", field="langkah")
        return ()
    if len(node.value) > MAX_STEPS:
        reader.report(node, "too-many-steps", count=len(node.value), limit=MAX_STEPS)
        return ()
    count = len(node.value)
    ids = _step_ids(reader, node.value)
    steps = []
    for nomor, item in enumerate(node.value, start=1):
        step = _load_step(reader, item, nomor, count, ids, pelaksana)
        if step is not None:
            steps.append(step)
    return tuple(steps) if len(steps) == count else ()


def _step_ids(reader: _Reader, items: list[yaml.Node]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for nomor, item in enumerate(items, start=1):
        if not isinstance(item, yaml.MappingNode):
            continue
        for key_node, value_node in item.value:
            if key_node.value != "id":
                continue
            field = f"langkah[{nomor}].id"
            value = reader.text(value_node, field, "id")
            if value is None:
                continue
            if not is_slug(value) or value.isdigit() or value == END:
                reader.report(value_node, "bad-id", field=field, value=value)
            elif value in ids:
                reader.report(value_node, "duplicate-id", field=field, value=value,
                              other=ids[value])
            else:
                ids[value] = nomor
    return ids


def _load_step(reader: _Reader, node: yaml.Node, nomor: int, count: int, ids: dict[str, int],
               pelaksana: tuple[str, ...]) -> Langkah | None:
    field = f"langkah[{nomor}]"
    parts = reader.mapping(node, field, LANGKAH_KEYS)
    if parts is None:
        return None
    kegiatan = reader.text(reader.require(parts, "kegiatan", node, f"{field}.kegiatan"),
                           f"{field}.kegiatan", "kegiatan")
    executor_node = reader.require(parts, "pelaksana", node, f"{field}.pelaksana")
    executor_items = reader.text_items(executor_node, f"{field}.pelaksana", "pelaksana")
    executors = tuple(name for _, name in executor_items)
    if executor_node is not None and not executors and not _has_problem_at(reader, executor_node):
        reader.report(executor_node, "empty", field=f"{field}.pelaksana")
    for item, name in executor_items:
        if pelaksana and name not in pelaksana:
            reader.report(item, "unknown-pelaksana", field=f"{field}.pelaksana", value=name,
                          hint=did_you_mean(name, pelaksana))
    waktu = _load_waktu(reader, parts.get("waktu"), f"{field}.waktu")
    keputusan = _optional(parts, "keputusan",
                          lambda n: _load_keputusan(reader, n, f"{field}.keputusan", count, ids))
    step_id = None
    if "id" in parts and isinstance(parts["id"], yaml.ScalarNode):
        step_id = parts["id"].value if parts["id"].value in ids else None
    if kegiatan is None or not executors:
        return None
    return Langkah(
        nomor=nomor,
        kegiatan=kegiatan,
        pelaksana=executors,
        id=step_id,
        kelengkapan=reader.texts(parts.get("kelengkapan"), f"{field}.kelengkapan", "kelengkapan"),
        waktu=waktu,
        output=reader.texts(parts.get("output"), f"{field}.output", "output"),
        keterangan=reader.optional_text(parts.get("keterangan"), f"{field}.keterangan",
                                        "keterangan"),
        keputusan=keputusan,
        line=line_of(node),
    )


def _has_problem_at(reader: _Reader, node: yaml.Node) -> bool:
    return any(p.line == line_of(node) for p in reader.problems)


def _load_waktu(reader: _Reader, node: yaml.Node | None, field: str) -> str | None:
    if node is None or _is_empty(node):
        return None
    return reader.text(node, field, "waktu")


def _load_keputusan(reader: _Reader, node: yaml.Node, field: str, count: int,
                    ids: dict[str, int]) -> Keputusan | None:
    parts = reader.mapping(node, field, KEPUTUSAN_KEYS)
    if parts is None:
        return None
    pertanyaan = reader.optional_text(parts.get("pertanyaan"), f"{field}.pertanyaan",
                                      "pertanyaan")
    targets: dict[str, str | int] = {}
    for branch in ("ya", "tidak"):
        target_node = reader.require(parts, branch, node, f"{field}.{branch}")
        if target_node is None:
            continue
        target = _target(reader, target_node, f"{field}.{branch}", count, ids)
        if target is not None:
            targets[branch] = target
    if len(targets) != 2:
        return None
    if flow.resolve(targets["ya"], ids) == flow.resolve(targets["tidak"], ids):
        reader.report(parts["tidak"], "equal-targets", field=field, value=targets["ya"])
        return None
    return Keputusan(ya=targets["ya"], tidak=targets["tidak"], pertanyaan=pertanyaan)


def _target(reader: _Reader, node: yaml.Node, field: str, count: int,
            ids: dict[str, int]) -> str | int | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == TAG_INT and node.value.isdigit():
        number = int(node.value)
        if 1 <= number <= count:
            return number
    elif isinstance(node, yaml.ScalarNode) and node.tag == TAG_STR:
        value = node.value.strip()
        if value == END or value in ids:
            return str(value)
        if value.isdigit() and 1 <= int(value) <= count:
            return int(value)
        reader.report(node, "bad-target", field=field, value=node.value, count=count,
                      hint=did_you_mean(value, [*ids, END]))
        return None
    reader.report(node, "bad-target", field=field, value=_raw(node), count=count, hint="")
    return None
