"""Load the whole ``sops/`` folder: every file, every problem, one sorted catalogue."""

from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Catalogue, Instansi, Sop
from ..problems import Problem, problem
from .checks import catalogue_problems, warnings_for
from .loader import is_slug, load_instansi, load_sop
from .yamlnodes import line_of, read_yaml

INSTANSI_FILE = "instansi.yaml"


@dataclass(frozen=True)
class LoadResult:
    """The catalogue (None when there are errors) and every error and warning found."""

    catalogue: Catalogue | None
    errors: list[Problem]
    warnings: list[Problem]


def load_catalogue(sops_dir: Path, display_base: Path, only: str | None = None) -> LoadResult:
    """Read every instansi folder under ``sops_dir``; paths in problems are shown relative
    to ``display_base``.

    With ``only``, just that instansi is read and checked (a standalone site of one agency);
    references to other agencies' SOPs are checked against the files that exist.
    """
    problems: list[Problem] = []
    instansi: list[Instansi] = []
    sops: list[Sop] = []
    lines: dict[str, dict[str, int]] = {}
    keys: set[str] = set()
    jobs: list[tuple[str, str, str]] = []

    def shown(path: Path) -> str:
        try:
            return path.relative_to(display_base).as_posix()
        except ValueError:
            return path.as_posix()

    if not sops_dir.is_dir():
        problems.append(problem(shown(sops_dir), 1, "bad-file", why="folder data SOP tidak ada"))
        return LoadResult(None, problems, [])

    folders = sorted(sops_dir.iterdir())
    if only is not None and not (sops_dir / only).is_dir():
        problems.append(problem(shown(sops_dir / only), 1, "bad-file",
                                why="folder instansi ini tidak ada"))
        return LoadResult(None, problems, [])
    for folder in folders:
        if folder.name.startswith("."):
            continue
        if only is not None and folder.name != only:
            if folder.is_dir():
                keys.update(f"{folder.name}/{path.stem}" for path in folder.glob("*.yaml")
                            if path.name != INSTANSI_FILE)
            continue
        if not folder.is_dir():
            if not folder.name.lower().startswith("readme"):
                problems.append(problem(shown(folder), 1, "bad-file",
                                        why="letakkan berkas SOP di dalam folder instansi"))
            continue
        if not is_slug(folder.name):
            problems.append(problem(shown(folder), 1, "bad-slug", name=folder.name,
                                    hint=_slug_hint(folder.name)))
            continue
        agency_file = folder / INSTANSI_FILE
        if agency_file.is_file():
            root, found = read_yaml(agency_file, shown(agency_file))
            problems += found
            if root is not None:
                agency, found = load_instansi(root, folder.name, shown(agency_file))
                problems += found
                if agency is not None:
                    instansi.append(agency)
        else:
            problems.append(problem(shown(agency_file), 1, "no-instansi"))
        for path in sorted(folder.iterdir()):
            if path.name == INSTANSI_FILE or path.name.startswith("."):
                continue
            display = shown(path)
            if path.is_dir() or path.suffix != ".yaml":
                why = ("ganti akhiran .yml menjadi .yaml" if path.suffix == ".yml"
                       else "hanya berkas .yaml yang dibaca di folder instansi")
                problems.append(problem(display, 1, "bad-file", why=why))
                continue
            if not is_slug(path.stem):
                problems.append(problem(display, 1, "bad-slug", name=path.stem,
                                        hint=_slug_hint(path.stem)))
                continue
            keys.add(f"{folder.name}/{path.stem}")
            jobs.append((str(path), folder.name, display))

    for sop, found, top_lines in _load_sops(jobs):
        problems += found
        if sop is not None:
            sops.append(sop)
            lines[sop.key] = top_lines

    problems += catalogue_problems(sops, lines, keys)
    warnings = [w for sop in sops for w in warnings_for(sop, lines[sop.key])]
    errors = sorted(problems, key=Problem.sort_key)
    warnings.sort(key=Problem.sort_key)
    if errors:
        return LoadResult(None, errors, warnings)
    instansi.sort(key=lambda a: (a.pemerintah.casefold(), a.nama.casefold(), a.slug))
    sops.sort(key=lambda s: (s.instansi, s.nama.casefold(), s.slug))
    return LoadResult(Catalogue(tuple(instansi), tuple(sops)), [], warnings)


PARALLEL_FROM = 400
"""Below this many SOP files, starting worker processes costs more than it saves."""

_Loaded = tuple[Sop | None, list[Problem], dict[str, int]]


def _load_sop_file(job: tuple[str, str, str]) -> _Loaded:
    """Parse and validate one SOP file (runs in a worker process for large catalogues)."""
    path, instansi, display = job
    root, found = read_yaml(Path(path), display)
    if root is None:
        return None, found, {}
    sop, more = load_sop(root, instansi, Path(path).stem, display)
    return sop, found + more, _top_level_lines(root) if sop is not None else {}


def _load_sops(jobs: list[tuple[str, str, str]]) -> list[_Loaded]:
    """Every SOP file loaded, in order: in worker processes when there are many (parsing
    and checking is CPU-bound and the files are independent)."""
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [_load_sop_file(job) for job in jobs]
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(workers) as pool:
        return pool.map(_load_sop_file, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


def _top_level_lines(root: yaml.Node) -> dict[str, int]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: line_of(key) for key, _ in root.value if isinstance(key, yaml.ScalarNode)}


def _slug_hint(name: str) -> str:
    suggestion = "-".join("".join(ch if ch.isalnum() and ch.isascii() else " "
                                  for ch in name.lower()).split())
    return f' (misalnya "{suggestion}")' if suggestion and suggestion != name else ""
