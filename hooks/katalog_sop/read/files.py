"""Which paths under ``sops/`` are catalogue data: the one place that decides it.

A pull request can put anything there, so: only regular files and real folders count, a
symbolic link (to a file, a folder, ``/dev/zero``, a loop, nothing) is never followed and
is an error, reads are bounded, names that the site itself uses are refused, and every
entry that is not published is reported; nothing is skipped silently.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, problem
from .reader import is_slug
from .yamlnodes import MAX_FILE_BYTES

INSTANSI_FILE = "instansi.yaml"
REVOKED_FILE = "peraturan-dicabut.yaml"
"""The list of revoked regulations: the one file directly under ``sops/``, for the whole
catalogue (``legal.revoked``). A folder cannot take its name (it ends in ``.yaml``)."""

RESERVED_INSTANSI = frozenset({
    # pages written in docs/ (a test checks that every top-level entry of docs/ is here)
    "index", "cari", "tentang", "kinerja", "panduan-penyunting", "assets", "schema",
    # what the build itself writes at the site's root
    "laporan-kesesuaian", "dasar-hukum", "data", "pagefind", "katalog-sop", "search", "sitemap",
    "404",
})
"""Folder names an instansi cannot have: its pages would replace the site's own (or its
open-data files ``data/<instansi>.json`` the whole catalogue's ``data/katalog-sop.json``)."""

RESERVED_SOP = frozenset({"index"})
"""File names an SOP cannot have: ``<instansi>/index`` is the instansi's own page."""

SYMLINK = ("tautan simbolik (symlink) tidak diterima di sops/; salin isi berkasnya ke sini "
           "sebagai berkas biasa")


@dataclass
class Layout:
    """What ``sops/`` holds: agencies and SOP files to read, and the problems found."""

    agencies: list[tuple[str, Path]] = field(default_factory=list)
    """``(slug, instansi.yaml path)`` of every agency folder that has one."""
    sops: list[tuple[str, Path]] = field(default_factory=list)
    """``(instansi slug, path)`` of every SOP file to read."""
    keys: set[str] = field(default_factory=set)
    """``instansi/slug`` of every SOP file, including those of agencies not read."""
    revoked: Path | None = None
    """The list of revoked regulations (``REVOKED_FILE``), when there is one."""
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def survey(sops_dir: Path, show: Callable[[Path], str], only: str | None = None) -> Layout:
    """Walk ``sops_dir`` without following links; ``shown(path)`` gives a path as messages
    show it. With ``only``, just that agency's files are read (the others' SOP names are
    still collected so that references to them can be checked)."""
    layout = Layout()

    def error(path: Path, code: str, **fields: object) -> None:
        layout.errors.append(problem(show(path), 1, code, **fields))

    if sops_dir.is_symlink() or not sops_dir.is_dir():
        error(sops_dir, "bad-file", why=SYMLINK if sops_dir.is_symlink()
              else "folder data SOP tidak ada")
        return layout
    if only is not None and not (is_slug(only) and _is_real_dir(sops_dir / only)):
        error(sops_dir / only, "bad-file", why="folder instansi ini tidak ada")
        return layout
    for entry in _entries(sops_dir):
        path = Path(entry.path)
        if entry.name == REVOKED_FILE:  # read for a standalone site of one agency too
            if not _published(entry, layout, show):
                continue
            if entry.is_file(follow_symlinks=False):
                layout.revoked = path
            else:
                error(path, "bad-file", why="daftar peraturan yang dicabut harus berupa berkas")
            continue
        if only is not None and entry.name != only:
            if _is_real_dir(path):
                layout.keys.update(f"{entry.name}/{e.name[:-5]}" for e in _entries(path)
                                   if _is_sop_name(e))
            continue
        if not _published(entry, layout, show):
            continue
        if not entry.is_dir(follow_symlinks=False):
            error(path, "bad-file", why="letakkan berkas SOP di dalam folder instansi")
        elif not is_slug(entry.name):
            error(path, "bad-slug", name=entry.name, hint=slug_hint(entry.name))
        elif entry.name in RESERVED_INSTANSI:
            error(path, "reserved-name", name=entry.name, kind="instansi")
        else:
            _survey_agency(path, layout, show)
    return layout


def _survey_agency(folder: Path, layout: Layout, show: Callable[[Path], str]) -> None:
    slug = folder.name
    entries = list(_entries(folder))
    agency = next((e for e in entries if e.name == INSTANSI_FILE), None)
    if agency is None:
        layout.errors.append(problem(show(folder / INSTANSI_FILE), 1, "no-instansi"))
    for entry in entries:
        path = Path(entry.path)
        if not _published(entry, layout, show):
            continue
        why = None
        if not entry.is_file(follow_symlinks=False):
            why = "hanya berkas .yaml yang dibaca di folder instansi"
        elif entry.name != INSTANSI_FILE and not entry.name.endswith(".yaml"):
            why = ("ganti akhiran .yml menjadi .yaml" if entry.name.endswith(".yml")
                   else "hanya berkas .yaml yang dibaca di folder instansi")
        if why is not None:
            layout.errors.append(problem(show(path), 1, "bad-file", why=why))
        elif entry.name == INSTANSI_FILE:
            layout.agencies.append((slug, path))
        elif not is_slug(path.stem):
            layout.errors.append(problem(show(path), 1, "bad-slug", name=path.stem,
                                         hint=slug_hint(path.stem)))
        elif path.stem in RESERVED_SOP:
            layout.errors.append(problem(show(path), 1, "reserved-name", name=path.stem,
                                         kind="SOP"))
        else:
            layout.keys.add(f"{slug}/{path.stem}")
            layout.sops.append((slug, path))


def _published(entry: os.DirEntry[str], layout: Layout, show: Callable[[Path], str]) -> bool:
    """False (with a problem) for links, hidden entries and read-me files."""
    path = Path(entry.path)
    if entry.is_symlink():
        layout.errors.append(problem(show(path), 1, "bad-file", why=SYMLINK))
        return False
    if entry.name.startswith("."):
        layout.errors.append(problem(show(path), 1, "bad-file", why=(
            "nama yang diawali titik tersembunyi dan tidak diterbitkan; hapus titik di awal "
            "nama, atau pindahkan berkas ini ke luar sops/")))
        return False
    if entry.name.lower().startswith("readme") and entry.is_file(follow_symlinks=False):
        layout.warnings.append(problem(show(path), 1, "not-published"))
        return False
    return True


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda e: e.name)
    except OSError:
        return []


def _is_real_dir(path: Path) -> bool:
    return not path.is_symlink() and path.is_dir()


def _is_sop_name(entry: os.DirEntry[str]) -> bool:
    return (entry.name.endswith(".yaml") and entry.name != INSTANSI_FILE
            and not entry.is_symlink() and is_slug(entry.name[:-5]))


def read_bounded(path: Path) -> tuple[bytes, int]:
    """The bytes of a regular file and its size, never through a link and never more than
    ``MAX_FILE_BYTES + 1`` bytes (enough to tell that it is too large).

    Raises OSError for anything else (a link, a device, a folder, a vanished file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(0, "bukan berkas biasa")
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data, max(status.st_size, len(data))
    finally:
        os.close(descriptor)


def slug_hint(name: str) -> str:
    """A suggested address name for an invalid file or folder name."""
    suggestion = "-".join("".join(ch if ch.isalnum() and ch.isascii() else " "
                                  for ch in name.lower()).split())
    return f' (misalnya "{suggestion}")' if suggestion and suggestion != name else ""
