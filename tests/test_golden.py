"""Golden files: the exact Markdown and Mermaid generated for seed SOPs, reviewed as diffs.

Regenerate with ``pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import mermaid, pages

GOLDEN = Path(__file__).parent / "golden"
CONTEXT = pages.SiteContext(built=dt.date(2026, 1, 2), site_url="https://katalog.contoh.go.id/",
                            edit_base="https://github.com/contoh/katalog-sop/edit/main/")
SEEDS = [
    "satpolpp-lumajang/pengumpulan-data-kinerja",  # a decision looping back
    "kecamatan-pakusari/pengumpulan-data-kinerja",  # penetapan (SK), keterangan
    "dpmptsp-lumajang/pengukuran-kinerja",  # pengesahan instead of efektif, SOP references
]


def _compare(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with --update-golden"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", SEEDS)
def test_generated_markdown_and_mermaid(key: str, request: pytest.FixtureRequest) -> None:
    catalogue = load_catalogue(ROOT / "sops", ROOT).catalogue
    assert catalogue is not None
    sop = catalogue.sop(key)
    assert sop is not None
    update = bool(request.config.getoption("--update-golden"))
    name = key.replace("/", "__")
    _compare(GOLDEN / f"{name}.md", pages.sop_page(sop, catalogue, CONTEXT), update)
    _compare(GOLDEN / f"{name}.mmd", mermaid.diagram(sop), update)


def test_instansi_page_and_home_table(request: pytest.FixtureRequest) -> None:
    catalogue = load_catalogue(ROOT / "sops", ROOT).catalogue
    assert catalogue is not None
    agency = next(a for a in catalogue.instansi if a.slug == "dpmptsp-lumajang")
    update = bool(request.config.getoption("--update-golden"))
    _compare(GOLDEN / "dpmptsp-lumajang__index.md", pages.instansi_page(agency, catalogue), update)
    _compare(GOLDEN / "home-table.html", pages.instansi_table(catalogue), update)


def test_output_is_byte_identical_across_processes() -> None:
    """Same sources, same bytes: even with a different string hash seed per process."""
    script = (
        "import hashlib, sys; from pathlib import Path;"
        "import datetime as dt; from katalog_sop.render import pages;"
        "from katalog_sop.read.catalogue import load_catalogue;"
        "c = load_catalogue(Path('sops'), Path('.')).catalogue;"
        "x = pages.SiteContext(built=dt.date(2026, 1, 2), site_url='https://k.go.id/');"
        "print(hashlib.sha256('\\0'.join(p.src_uri + p.markdown for p in pages.plan(c, x))"
        ".encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")})
        digests.add(result.stdout.strip())
    assert len(digests) == 1
