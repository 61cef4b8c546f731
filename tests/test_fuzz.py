"""Fuzzing the loader: whatever bytes an editor commits, the result is a list of
``sops/<file>:<line>: <message>`` problems, never a traceback, a crash or a hang.

Inputs: arbitrary bytes; arbitrary YAML documents (recursive dicts, lists and scalars);
valid SOPs with one part replaced by something random; the real seed files in ``sops/``
mutated (lines deleted, duplicated, swapped, re-indented, tabs inserted, YAML indicators
inserted, truncated). All in process through ``load_catalogue``; a smaller sample through the
``katalog-sop check`` command line (in process too) and one real ``mkdocs build``.
Pathological files (1 MB, 10,000 steps, an alias bomb, 400,000 nested brackets, 240,000
values) each run ``python -m katalog_sop.cli check`` in a subprocess, under a timeout that
only guards against hangs, so that a hang or a crash of libyaml fails the test rather than
the test run.

Examples per run with the default ``ci`` profile (derandomized; ten times as many with
``HYPOTHESIS_PROFILE=big``): bytes 500, YAML documents 400, valid SOPs with parts broken
300, seed SOP mutations 600, seed instansi mutations 150, command line 10; plus one build
and seven pathological files. The file takes about 20 s (the big profile about 3 minutes).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    HOSTILE_PIECES,
    examples,
    hostile_text,
    to_yaml,
    valid_catalogue,
)

from conftest import ROOT, copy_project, mkdocs_build, run_cli
from katalog_sop.read.catalogue import LoadResult, load_catalogue
from katalog_sop.read.fields import LANGKAH_KEYS, SOP_KEYS

# Big generated examples make Hypothesis warn that their repr is large; not a failure.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning")

LINE = re.compile(r"^sops/[^:]+:\d+: \S")
AGENCY = b"nama: Dinas Fuzz\npemerintah: Pemerintah Contoh\n"
SEEDS = sorted((ROOT / "sops").glob("*/*.yaml"))
SOP_SEEDS = [p for p in SEEDS if p.name != "instansi.yaml"]
AGENCY_SEEDS = [p for p in SEEDS if p.name == "instansi.yaml"]
TIME_GUARD = 60
"""Seconds a subprocess may take before it counts as hung; a guard, not a speed target."""


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="katalog-fuzz-") as folder:
        yield Path(folder)


def _load(scratch: Path, sop: bytes, agency: bytes = AGENCY) -> LoadResult:
    """Load a catalogue of one instansi with one SOP file holding ``sop``."""
    base = scratch / "case"
    shutil.rmtree(base, ignore_errors=True)
    folder = base / "sops" / "fuzz"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_bytes(agency)
    (folder / "sop.yaml").write_bytes(sop)
    return load_catalogue(base / "sops", base)


def _lines(content: bytes) -> int:
    """How many lines an editor shows (a final line break starts an empty last line), with
    line breaks counted as YAML counts them (CR, NEL, LS, PS too)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return content.count(b"\n") + 1
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text.removeprefix("\ufeff")))


def _check(result: LoadResult, content: bytes, path: str = "sops/fuzz/sop.yaml") -> None:
    """Problems only, each a one-line ``path:line: message`` at a line of the file."""
    lines = _lines(content)
    for item in [*result.errors, *result.warnings]:
        text = str(item)
        assert LINE.match(text), text
        assert item.path in (path, "sops/fuzz/instansi.yaml"), text
        assert 1 <= item.line <= max(lines, 1), (text, lines)
        assert "Traceback" not in text
    if result.catalogue is None:
        assert result.errors


# --- strategies ---

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
    hostile_text(3, long_lines=False), st.sampled_from(["selesai", "draf", "1", "1:30", "~"]),
)
KEYS = st.one_of(st.sampled_from([*SOP_KEYS, *LANGKAH_KEYS, "ya", "tidak", "pertanyaan",
                                  "sop", "jabatan", "pembuatan", "efektif"]),
                 hostile_text(2, long_lines=False), st.integers(0, 5), st.none(), st.booleans())
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(KEYS, children, max_size=6)),
    max_leaves=40,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def broken_sops(draw: st.DrawFn) -> bytes:
    """A valid SOP with one to three parts replaced, removed or duplicated."""
    cat = draw(valid_catalogue(max_sops=1, long_lines=False, max_pieces=2))
    data: Any = cat.sops[0].data
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _paths(data) if p]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = data
        for step in place[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "retype"]))
        if action == "remove":
            del parent[place[-1]]
        elif action == "replace":
            parent[place[-1]] = draw(DOCUMENTS)
        else:
            parent[place[-1]] = draw(SCALARS)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


INDICATORS = ["\t", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
              "!!binary ", "!x ", "|", ">", "'", '"', "%YAML 1.1\n", "@", "`", "#", "? ",
              "---\n", "...\n", "\\", "\ufeff", "\r", "\u2028", "\x85", "  ", " "]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[Path]) -> bytes:
    """A real file with one to four edits an editor could make by mistake."""
    text = draw(st.sampled_from(seeds)).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent",
                                       "tab", "insert", "join", "truncate", "replace"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif action == "tab":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            piece = draw(st.sampled_from(INDICATORS + list(HOSTILE_PIECES)))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif action == "join" and i + 1 < len(lines):
            lines[i] = lines[i].rstrip("\n") + lines.pop(i + 1)
        elif action == "truncate":
            joined = "".join(lines)
            lines = joined[:draw(st.integers(0, len(joined)))].splitlines(keepends=True)
        elif action == "replace":
            lines[i] = draw(st.sampled_from(INDICATORS)) + "\n"
    data = "".join(lines).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:  # now and then a byte-level edit
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


# --- in process ---


@examples(500)
@given(content=st.binary(max_size=3000))
def test_arbitrary_bytes(content: bytes, scratch: Path) -> None:
    _check(_load(scratch, content), content)


@examples(400)
@given(document=DOCUMENTS, style=st.sampled_from(["pyyaml", "escaped", "literal"]))
def test_arbitrary_yaml_documents(document: Any, style: str, scratch: Path) -> None:
    try:
        text = to_yaml(document, style)
    except (yaml.YAMLError, AssertionError, TypeError):
        assume(False)  # the emitter cannot write it (e.g. non-string keys in "escaped")
    content = text.encode()
    _check(_load(scratch, content), content)


@examples(300)
@given(content=broken_sops())
def test_valid_sops_with_parts_broken(content: bytes, scratch: Path) -> None:
    _check(_load(scratch, content), content)


@examples(600)
@given(content=mutated(SOP_SEEDS))
def test_mutated_seed_sops(content: bytes, scratch: Path) -> None:
    _check(_load(scratch, content), content)


@examples(150)
@given(content=mutated(AGENCY_SEEDS))
def test_mutated_seed_instansi(content: bytes, scratch: Path) -> None:
    sop = SOP_SEEDS[0].read_bytes().replace(b"sop: pengumpulan-data-kinerja", b"x")
    result = _load(scratch, sop, agency=content)
    _check(result, content, path="sops/fuzz/instansi.yaml")


# --- the command line and a real build ---


def _cli_process(project: Path, *paths: str,
                 timeout: float = TIME_GUARD) -> subprocess.CompletedProcess[str]:
    """``katalog-sop check`` in its own process, for files that might hang or crash it."""
    return subprocess.run(
        [sys.executable, "-m", "katalog_sop.cli", "check", *paths], cwd=project,
        capture_output=True, text=True, check=False, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "GITHUB_ACTIONS": ""})


def _cli_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("sops/")]


@examples(10)
@given(content=st.one_of(mutated(SOP_SEEDS), broken_sops(), st.binary(max_size=500)))
def test_check_command_never_shows_a_traceback(content: bytes, scratch: Path) -> None:
    base = scratch / "cli"
    shutil.rmtree(base, ignore_errors=True)
    folder = base / "sops" / "fuzz"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_bytes(AGENCY)
    (folder / "sop.yaml").write_bytes(content)
    result = run_cli(base, "check")
    lines = _cli_lines(result)
    assert (result.returncode == 1) == any(": peringatan: " not in line for line in lines)
    assert all(LINE.match(line) for line in lines), result.stderr


def test_build_reports_a_folder_of_mutated_files(tmp_path: Path) -> None:
    """One real build over many broken files: every file named, no traceback."""
    rng = random.Random(20261122)
    sops = tmp_path / "sops"
    folder = sops / "rusak"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_bytes(AGENCY)
    names = []
    for number in range(30):
        lines = rng.choice(SOP_SEEDS).read_text(encoding="utf-8").splitlines(keepends=True)
        for _ in range(3):
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines)), rng.choice(INDICATORS) + lines.pop(i))
        lines.insert(0, "nomor: [\n")  # make sure each file has at least one error
        (folder / f"rusak-{number}.yaml").write_text("".join(lines), encoding="utf-8")
        names.append(f"sops/rusak/rusak-{number}.yaml")
    project = copy_project(tmp_path / "project", sops)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = {line.split(":", 1)[0] for line in result.stderr.splitlines()
                if LINE.match(line)}
    assert reported == set(names)


# --- pathological files: refused quickly, with a clear message ---


def _steps(count: int) -> bytes:
    head = (b'nomor: "1"\nnama: Besar\ntanggal: {pembuatan: 2020-01-01, efektif: 2020-01-02}\n'
            b"disahkan_oleh: {jabatan: Kepala}\ndasar_hukum: [UU]\npelaksana: [A]\nlangkah:\n")
    return head + b"".join(b"  - {kegiatan: Kegiatan %d, pelaksana: A, waktu: 1 hari}\n" % n
                           for n in range(count))


def _alias_bomb(levels: int = 9, width: int = 9) -> bytes:
    lines = [b"a0: &a0 [" + b", ".join([b"x"] * width) + b"]"]
    for level in range(1, levels + 1):
        refs = b", ".join([b"*a%d" % (level - 1)] * width)
        lines.append(b"a%d: &a%d [%s]" % (level, level, refs))
    return b"\n".join(lines) + b"\n"


PATHOLOGICAL = {
    "over-1-mb": (b"nama: " + b"x" * 1_000_000 + b"\n", "berkas terlalu besar"),
    "just-under-1-mb": (_steps(1) + b"peringatan:\n" + b"".join(
        b"  - " + b"Teks panjang " * 700 + b"\n" for _ in range(105)), None),
    "10000-steps": (_steps(10_000), "langkah: 10000 langkah; paling banyak 1000"),
    "alias-bomb": (_alias_bomb(), "anchor/alias YAML"),
    "deep-flow-nesting": (b"nama: " + b"[" * 400_000 + b"]" * 400_000 + b"\n",
                          "susunan bertingkat lebih dari 100 tingkat"),
    "deep-block-nesting": (b"nama:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 1400)),
                           "susunan bertingkat lebih dari 100 tingkat"),
    "240000-values": (b"dasar_hukum:\n" + b"- a\n" * 240_000, "lebih dari 200000 nilai"),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_files_are_refused_quickly(name: str, tmp_path: Path) -> None:
    content, message = PATHOLOGICAL[name]
    assert len(content) <= 1_000_000 or message == "berkas terlalu besar"
    folder = tmp_path / "sops" / "besar"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_bytes(AGENCY)
    (folder / f"{name}.yaml").write_bytes(content)
    try:
        result = _cli_process(tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"katalog-sop check did not finish within {TIME_GUARD} s on {name}")
    lines = _cli_lines(result)
    if message is None:
        assert result.returncode == 0, result.stderr[-2000:]
    else:
        assert result.returncode == 1
        errors = [line for line in lines if ": peringatan: " not in line]
        assert len(errors) == 1 and message in errors[0], errors


# --- regressions ---


def test_regression_deep_nesting_no_longer_crashes(scratch: Path) -> None:
    """100,000 nested ``[`` made libyaml's composer overflow the C stack: a segfault that
    killed ``katalog-sop check`` and ``mkdocs build`` without a message (and 400,000 took
    minutes in libyaml's scanner first)."""
    content = b"nama: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    result = _load(scratch, content)
    assert [str(p) for p in result.errors] == [
        "sops/fuzz/sop.yaml:1: YAML tidak dapat dibaca: susunan bertingkat lebih dari 100 "
        "tingkat"]


def test_regression_many_values_are_not_called_an_alias(scratch: Path) -> None:
    """More than 200,000 values were reported as "anchor/alias YAML tidak didukung" at an
    arbitrary line, though the file had no alias."""
    result = _load(scratch, b"dasar_hukum:\n" + b"- a\n" * 200_001)
    assert [str(p) for p in result.errors] == [
        "sops/fuzz/sop.yaml:1: YAML tidak dapat dibaca: berkas memuat lebih dari 200000 "
        "nilai; satu SOP tidak memerlukan sebanyak itu"]


def test_regression_nesting_within_the_limit_still_loads(scratch: Path) -> None:
    nested = "[" * 99 + "]" * 99
    result = _load(scratch, f"nama: x\npelaksana: {nested}\n".encode())
    assert not any("bertingkat" in p.message for p in result.errors)


def test_regression_no_line_past_the_end_of_the_file(scratch: Path) -> None:
    """An unclosed ``[`` at the end of a file without a final line break was reported on a
    line past the end of the file."""
    for content in (b"[", b"nama: [\n", b"nama: x\nlangkah: {"):
        result = _load(scratch, content)
        assert [p.line for p in result.errors] == [_lines(content)], result.errors


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def test_every_message_is_one_line_without_control_characters(scratch: Path) -> None:
    """Values with line breaks gave messages of several lines; "\\e[2J" as a key sent
    terminal control sequences to the console of ``katalog-sop check``."""
    broken = b'nama: x\n"ke\\ny": 1\n"\\e[2J": 2\nstatus: "dr\\naf"\ntanggal: "a\\u2028b"\n'
    warned = to_yaml({
        "nomor": "1", "nama": "SOP", "tanggal": {"pembuatan": "2020-01-01",
                                                 "efektif": "2020-01-02"},
        "disahkan_oleh": {"jabatan": "Kepala"}, "dasar_hukum": ["UU"],
        "pelaksana": ["A", "Tidak\ndipakai"],
        "langkah": [{"kegiatan": "Membuat", "pelaksana": "A", "waktu": "dua\nhari"}],
    }, "escaped").encode()
    messages = [str(p) for content in (broken, warned)
                for p in [*_load(scratch, content).errors, *_load(scratch, content).warnings]]
    assert messages
    assert [m for m in messages if CONTROL.search(m)] == []
