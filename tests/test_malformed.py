"""Malformed files give ``path:line: message`` lines, never a traceback: from
``katalog-sop check`` (run in this process) and from a real ``mkdocs build``."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, run_cli

_rng = random.Random(20261122)

MALFORMED: dict[str, bytes] = {
    "tabs": b"nama: x\nlangkah:\n\t- kegiatan: a\n\t  pelaksana: b\n",
    "tab-in-value-indent": b"nama: x\ntanggal:\n  pembuatan: 2020-01-01\n\tefektif: 2020-01-02\n",
    "duplicate-keys": b"nama: a\nnama: b\nnama: c\n",
    "wrong-nesting": b"nama: x\n  tanggal: 2020\n pelaksana: [a\n",
    "list-at-top": b"- nama: x\n- nama: y\n",
    "scalar-at-top": b"just a sentence\n",
    "binary-garbage": bytes(_rng.randrange(256) for _ in range(4096)),
    "nul-bytes": b"nama: x\x00y\n",
    "empty": b"",
    "only-comments": b"# nothing here\n",
    "only-document-marker": b"---\n...\n",
    "one-mb-string": b"nama: " + b"x" * 1_048_576 + b"\n",
    "just-under-limit": b"nama: " + b"y" * 999_000 + b"\n",
    "deep-nesting": b"nama: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "alias-bomb": b"a: &a [x, x, x, x, x, x, x, x, x]\n"
                  + b"".join(b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n"
                             % ((bytes([c]),) * 2 + (bytes([c - 1]),) * 9)
                             for c in range(ord("b"), ord("k"))),
    "unknown-tag": b"nama: !!python/object:os.system ls\n",
    "keys-not-strings": b"1: x\n[a]: y\n? {b: c}\n: z\n",
    "multiple-documents": b"nama: a\n---\nnama: b\n",
    "bom-and-crlf": b"\xef\xbb\xbfnama: x\r\nlangkah: 3\r\n",
    "utf16": "nama: Pengukuran\n".encode("utf-16"),
    "control-chars": b"nama: a\x07b\x1b[31m\n",
    "lone-surrogate-escape": b'nama: "\\ud800"\n',
}

LINE = re.compile(r"^sops/rusak/[\w-]+\.yaml:\d+: \S")


def _project(tmp_path: Path, names: list[str]) -> Path:
    project = copy_project(tmp_path / "project")
    folder = project / "sops" / "rusak"
    folder.mkdir()
    (folder / "instansi.yaml").write_text("nama: Rusak\npemerintah: Pemerintah Contoh\n")
    for name in names:
        (folder / f"{name}.yaml").write_bytes(MALFORMED[name])
    return project


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_check_reports_without_traceback(name: str, tmp_path: Path) -> None:
    project = _project(tmp_path, [name])
    result = run_cli(project, "check")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("sops/rusak/")]
    assert problems and all(LINE.match(line) for line in problems), result.stderr


def test_build_reports_every_malformed_file_without_traceback(tmp_path: Path) -> None:
    project = _project(tmp_path, sorted(MALFORMED))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = {line.split(":", 1)[0] for line in result.stderr.splitlines()
                if LINE.match(line)}
    assert reported == {f"sops/rusak/{name}.yaml" for name in MALFORMED}
