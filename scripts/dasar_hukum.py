"""How many ``dasar_hukum`` entries the citation parser recognises, in the seeds and in a
synthetic catalogue.

    python scripts/dasar_hukum.py                      # seeds, and 5,000 synthetic SOPs
    python scripts/dasar_hukum.py --sops 500 --show 20

Prints a Markdown report: per catalogue, the entries with at least one citation, the
citations and regulations found, those linked to peraturan.go.id, and the entries with none
(all of them for the seeds; the distinct ones up to --show for the synthetic catalogue), the
ones that name a kind of regulation or a number first, since those are the likely misses.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import generate  # noqa: E402 - the sibling script, after the path is set

from katalog_sop.model import Catalogue  # noqa: E402
from katalog_sop.read.catalogue import load_catalogue  # noqa: E402
from katalog_sop.read.legal.citations import parse, resolve  # noqa: E402

LOOKS_LEGAL = re.compile(r"(?i)\b(undang|peraturan|keputusan|instruksi|surat edaran|nomor|"
                         r"no\.|perda|perbup|perwali|pergub|permen\w*|kepmen\w*|uu|pp|"
                         r"perpres|inpres)\b|\d{4}")
"""Words that suggest an entry meant to cite a regulation."""


@dataclass
class Figures:
    """What the parser made of one catalogue's entries."""

    entries: int = 0
    recognised: int = 0
    citations: int = 0
    linked: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    regulations: set[tuple[str, ...]] = field(default_factory=set)
    missed: Counter[str] = field(default_factory=Counter)


def measure(catalogue: Catalogue) -> Figures:
    """Parse every entry of every SOP, as the build does."""
    figures = Figures()
    for sop in catalogue.sops:
        pemerintah = catalogue.agency(sop.instansi).pemerintah
        for entry in sop.dasar_hukum:
            figures.entries += 1
            found = parse(entry)
            if not found:
                figures.missed[entry] += 1
                continue
            figures.recognised += 1
            for citation in found:
                regulation = resolve(citation, pemerintah)
                figures.citations += 1
                figures.linked += regulation.link is not None
                figures.kinds[citation.kind] += 1
                figures.regulations.add(regulation.key)
    return figures


def _load(sops: Path) -> Catalogue:
    result = load_catalogue(sops, sops.parent)
    if result.catalogue is None:
        raise SystemExit("\n".join(str(p) for p in result.errors))
    return result.catalogue


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def report(named: list[tuple[str, Figures]], show: int) -> str:
    """The Markdown report of the figures of each catalogue."""
    lines = ["| | " + " | ".join(name for name, _ in named) + " |",
             "|---|" + "---:|" * len(named)]
    rows: list[tuple[str, Callable[[Figures], str]]] = [
        ("`dasar_hukum` entries", lambda f: f"{f.entries:,}"),
        ("with at least one citation", lambda f: f"{f.recognised:,} "
                                                f"({_percent(f.recognised, f.entries)})"),
        ("without (kept as text)", lambda f: f"{f.entries - f.recognised:,}"),
        ("citations found", lambda f: f"{f.citations:,}"),
        ("distinct regulations", lambda f: f"{len(f.regulations):,}"),
        ("citations linked to peraturan.go.id", lambda f: f"{f.linked:,} "
                                                         f"({_percent(f.linked, f.citations)})"),
        ("kinds", lambda f: ", ".join(f"{k} {n}" for k, n in f.kinds.most_common())),
    ]
    for label, value in rows:
        lines.append(f"| {label} | " + " | ".join(value(f) for _, f in named) + " |")
    for name, figures in named:
        lines += ["", f"Entries of {name} without a citation "
                      f"({len(figures.missed)} distinct; likely misses first):", ""]
        ordered = sorted(figures.missed.items(),
                         key=lambda item: (not LOOKS_LEGAL.search(item[0]), -item[1], item[0]))
        for text, count in ordered[:show]:
            mark = "likely miss" if LOOKS_LEGAL.search(text) else "not a citation"
            lines.append(f"- ({mark}, {count} times) {text}")
        if len(ordered) > show:
            lines.append(f"- … {len(ordered) - show} more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sops", type=int, default=5000, help="synthetic SOPs (0: none)")
    parser.add_argument("--instansi", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=50,
                        help="entries without a citation to list per catalogue")
    args = parser.parse_args(argv)
    named = [("seeds (`sops/`)", measure(_load(ROOT / "sops")))]
    if args.sops:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work) / "sops"
            generate(folder, args.sops, min(args.instansi, args.sops), args.seed)
            named.append((f"synthetic ({args.sops:,} SOPs, seed {args.seed})",
                          measure(_load(folder))))
    print(report(named, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
