"""Load the whole ``sops/`` folder: every file, every problem, one sorted catalogue."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Catalogue, Instansi, Revocation, Sop, SopRef
from ..parallel import map_ordered
from ..problems import Problem
from .checks import catalogue_problems, warnings_for
from .files import INSTANSI_FILE, survey
from .instansi import load_instansi
from .legal.revoked import load_revoked
from .sop import read_sop
from .yamlnodes import line_of, read_yaml

__all__ = ["INSTANSI_FILE", "LoadResult", "load_catalogue"]


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
    def shown(path: Path) -> str:
        # Never resolved: a path is shown as it stands under sops/, links included.
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(os.path.abspath(display_base)).as_posix()
        except ValueError:
            return absolute.as_posix()

    layout = survey(sops_dir, shown, only)
    problems = list(layout.errors)
    instansi: list[Instansi] = []
    for slug, path in layout.agencies:
        root, found = read_yaml(path, shown(path))
        problems += found
        if root is not None:
            agency, found = load_instansi(root, slug, shown(path))
            problems += found
            if agency is not None:
                instansi.append(agency)

    sops: list[Sop] = []
    lines: dict[str, dict[str, int]] = {}
    refs: list[tuple[str, str, str, SopRef]] = []
    jobs = [(str(path), slug, shown(path)) for slug, path in layout.sops]
    for (_, slug, display), (sop, found, top_lines, file_refs) in zip(
            jobs, _load_sops(jobs), strict=True):
        problems += found
        refs += [(display, slug, name, ref) for name, ref in file_refs]
        if sop is not None:
            sops.append(sop)
            lines[sop.key] = top_lines

    revocations: tuple[Revocation, ...] = ()
    if layout.revoked is not None:
        root, found = read_yaml(layout.revoked, shown(layout.revoked))
        problems += found
        if root is not None:
            revocations, found = load_revoked(root, shown(layout.revoked))
            problems += found

    problems += catalogue_problems(sops, lines, layout.keys, refs)
    pemerintah = {agency.slug: agency.pemerintah for agency in instansi}
    warnings = [*layout.warnings, *(w for sop in sops for w in warnings_for(
        sop, lines[sop.key], pemerintah.get(sop.instansi), revocations))]
    errors = sorted(problems, key=Problem.sort_key)
    warnings.sort(key=Problem.sort_key)
    if errors:
        return LoadResult(None, errors, warnings)
    instansi.sort(key=lambda a: (a.pemerintah.casefold(), a.nama.casefold(), a.slug))
    sops.sort(key=lambda s: (s.instansi, s.nama.casefold(), s.slug))
    return LoadResult(Catalogue(tuple(instansi), tuple(sops), revocations), [], warnings)


_Loaded = tuple[Sop | None, list[Problem], dict[str, int], list[tuple[str, SopRef]]]


def _load_sop_file(_: None, job: tuple[str, str, str]) -> _Loaded:
    """Parse and validate one SOP file (runs in a worker process for large catalogues)."""
    path, instansi, display = job
    root, found = read_yaml(Path(path), display)
    if root is None:
        return None, found, {}, []
    loaded = read_sop(root, instansi, Path(path).stem, display)
    lines = _top_level_lines(root) if loaded.sop is not None else {}
    return loaded.sop, found + loaded.problems, lines, loaded.refs


def _load_sops(jobs: list[tuple[str, str, str]]) -> list[_Loaded]:
    """Every SOP file loaded, in order: in worker processes when there are many (parsing
    and checking is CPU-bound and the files are independent)."""
    return map_ordered(_load_sop_file, None, jobs)


def _top_level_lines(root: yaml.Node) -> dict[str, int]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: line_of(key) for key, _ in root.value if isinstance(key, yaml.ScalarNode)}
