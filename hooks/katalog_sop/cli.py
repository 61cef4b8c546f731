"""The ``katalog-sop`` command line: checks SOP files without building the site."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem
from .read.catalogue import INSTANSI_FILE, load_catalogue
from .read.files import REVOKED_FILE
from .read.reader import is_slug
from .render import starter as template

CODEOWNERS = Path(".github/CODEOWNERS")


def _catalogue_root(path: Path) -> Path:
    """The ``sops/`` folder that holds ``path`` (a file, an instansi folder or the root)."""
    default = Path(os.path.abspath("sops"))
    if path == default or default in path.parents:
        return default
    if path.name == REVOKED_FILE and not path.is_symlink() and path.is_file():
        return path.parent
    if path.is_symlink() or path.is_file():
        return path.parent.parent
    if (path / INSTANSI_FILE).is_file():
        return path.parent
    return path


def _within(problem: Problem, targets: list[Path], base: Path) -> bool:
    # Paths are compared as written, never resolved: a link under sops/ is reported as the
    # link (the catalogue never follows it), wherever it points.
    place = Path(os.path.abspath(base / problem.path))
    return any(place == target or target in place.parents for target in targets)


def _annotation(item: Problem) -> str:
    kind = "warning" if item.warning else "error"
    message = item.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={item.path},line={item.line}::{message}"


def check(paths: Sequence[str], strict: bool = False) -> int:
    """Validate files or folders; print every problem; 0 when clean, 1 on errors."""
    base = Path.cwd()
    targets = [Path(os.path.abspath(p)) for p in paths] or [Path(os.path.abspath("sops"))]
    missing = [t for t in targets if not t.exists() and not t.is_symlink()]
    for target in missing:
        print(f"{os.path.relpath(target, base)}: tidak ada berkas atau folder ini", file=sys.stderr)
    if missing:
        return 2
    errors: list[Problem] = []
    warnings: list[Problem] = []
    sop_count = 0
    for root in sorted({_catalogue_root(t) for t in targets}):
        result = load_catalogue(root, base)
        errors += [p for p in result.errors if _within(p, targets, base)]
        warnings += [p for p in result.warnings if _within(p, targets, base)]
        if result.catalogue is not None:
            sop_count += len(result.catalogue.sops)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in [*errors, *warnings]:
        print(item, file=sys.stderr)
    if in_actions:
        for item in [*errors, *warnings]:
            print(_annotation(item))
    if errors:
        print(f"{len(errors)} kesalahan, {len(warnings)} peringatan.", file=sys.stderr)
        return 1
    print(f"Tidak ada kesalahan ({sop_count} SOP diperiksa, {len(warnings)} peringatan).",
          file=sys.stderr)
    return 1 if strict and warnings else 0


def new(instansi: str, slug: str, nama: str | None, instansi_nama: str | None,
        pemerintah: str | None, sops_dir: Path = Path("sops")) -> int:
    """Write a draft SOP (and the instansi file when the agency is new); never overwrite."""
    for name in (instansi, slug):
        if not is_slug(name):
            print(f'"{name}" tidak sah: pakai huruf kecil, angka dan tanda hubung saja '
                  "(misalnya pengukuran-kinerja)", file=sys.stderr)
            return 2
    folder = sops_dir / instansi
    target = folder / f"{slug}.yaml"
    if target.exists():
        print(f"{target}: sudah ada; berkas tidak ditimpa", file=sys.stderr)
        return 1
    agency_file = folder / INSTANSI_FILE
    if not agency_file.exists():
        if not (instansi_nama and pemerintah):
            print(f"{agency_file}: instansi baru; sebutkan --nama-instansi dan --pemerintah",
                  file=sys.stderr)
            return 2
        folder.mkdir(parents=True, exist_ok=True)
        agency_file.write_text(template.instansi(instansi_nama, pemerintah), encoding="utf-8")
        print(f"dibuat: {agency_file}")
        if CODEOWNERS.is_file():
            team = f"@katalog-sop/penyunting-{instansi}"
            with CODEOWNERS.open("a", encoding="utf-8") as owners:
                owners.write(f"/sops/{instansi}/  {team}\n")
            print(f"ditambahkan ke {CODEOWNERS}: /sops/{instansi}/ {team} (ganti nama timnya)")
    title = nama or " ".join(word.capitalize() for word in slug.split("-"))
    target.write_text(template.sop_draft(title, dt.date.today()), encoding="utf-8")
    print(f"dibuat: {target}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``katalog-sop`` command."""
    parser = argparse.ArgumentParser(prog="katalog-sop",
                                     description="Alat bantu data Katalog SOP.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="periksa berkas SOP (bawaan: folder sops/)")
    check_parser.add_argument("paths", nargs="*", metavar="PATH")
    check_parser.add_argument("--strict", action="store_true",
                              help="peringatan juga membuat pemeriksaan gagal")
    new_parser = commands.add_parser("new", help="buat draf SOP baru dari templat")
    new_parser.add_argument("instansi", help="folder instansi, mis. satpolpp-lumajang")
    new_parser.add_argument("sop", help="nama berkas SOP tanpa .yaml, mis. pengukuran-kinerja")
    new_parser.add_argument("--nama", help="nama SOP (bawaan: dari nama berkas)")
    new_parser.add_argument("--nama-instansi", help="nama instansi, bila instansi baru")
    new_parser.add_argument("--pemerintah", help="pemerintah daerahnya, bila instansi baru")
    args = parser.parse_args(argv)
    if args.command == "new":
        return new(args.instansi, args.sop, args.nama, args.nama_instansi, args.pemerintah)
    return check(args.paths, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())
