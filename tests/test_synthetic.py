"""The synthetic catalogue generator and a smoke run of the benchmark (scripts/)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import CHROMEDRIVER, CHROMIUM, IN_CI, ROOT
from katalog_sop.model import END, Catalogue, SopRef, Status
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.read.flow import resolve, step_ids

SCRIPTS = ROOT / "scripts"


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


synthetic = _load_script("synthetic")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _catalogue(folder: Path) -> Catalogue:
    result = load_catalogue(folder, folder)
    assert result.errors == [], "\n".join(str(p) for p in result.errors[:20])
    assert result.catalogue is not None
    return result.catalogue


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    """40 SOPs in 4 instansi."""
    folder = tmp_path_factory.mktemp("small") / "sops"
    synthetic.generate(folder, sops=40, instansi=4, seed=7)
    return folder, _catalogue(folder)


def test_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "a", sops=60, instansi=5, seed=3)
    synthetic.generate(tmp_path / "b", sops=60, instansi=5, seed=3)
    synthetic.generate(tmp_path / "c", sops=60, instansi=5, seed=4)
    first = _files(tmp_path / "a")
    assert len(first) == 65
    assert _files(tmp_path / "b") == first
    assert _files(tmp_path / "c") != first


def test_command_line_writes_the_same_files_as_generate(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    synthetic.generate(tmp_path / "api", sops=12, instansi=3, seed=5)
    code = synthetic.main([str(tmp_path / "cli"), "--sops", "12", "--instansi", "3",
                           "--seed", "5"])
    assert code == 0, capsys.readouterr().err
    assert _files(tmp_path / "cli") == _files(tmp_path / "api")


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "stale.yaml").write_text("nama: x\n")
    with pytest.raises(FileExistsError):
        synthetic.generate(tmp_path, sops=5, instansi=1, seed=1)


def test_small_catalogue_has_the_requested_counts(small: tuple[Path, Catalogue]) -> None:
    _, catalogue = small
    assert len(catalogue.sops) == 40
    assert len(catalogue.instansi) == 4
    assert all(catalogue.sops_of(agency.slug) for agency in catalogue.instansi)
    assert len({agency.pemerintah for agency in catalogue.instansi}) == 1


def test_sops_are_shaped_like_real_ones(small: tuple[Path, Catalogue]) -> None:
    _, catalogue = small
    for sop in catalogue.sops:
        assert 5 <= len(sop.langkah) <= 15, sop.key
        assert 2 <= len(sop.pelaksana) <= 6, sop.key
        assert 3 <= len(sop.dasar_hukum) <= 12, sop.key
        assert sop.kualifikasi_pelaksana and sop.peralatan_perlengkapan, sop.key
        assert sop.peringatan and sop.pencatatan_pendataan, sop.key
        assert all(step.kelengkapan and step.waktu and step.output for step in sop.langkah)
        if sop.status is not Status.DRAF:
            assert sop.nomor and sop.disahkan_oleh and sop.disahkan_oleh.nip, sop.key
            assert re.fullmatch(r"\d{8} \d{6} \d \d{3}", sop.disahkan_oleh.nip), sop.key
    statuses = [sop.status for sop in catalogue.sops]
    assert statuses.count(Status.BERLAKU) > len(statuses) / 2


def test_flows_have_decisions_that_loop_back(small: tuple[Path, Catalogue]) -> None:
    _, catalogue = small
    loops = 0
    for sop in catalogue.sops:
        ids = step_ids(sop.langkah)
        for step in sop.langkah:
            if step.keputusan is None:
                continue
            ya, tidak = (resolve(t, ids) for t in (step.keputusan.ya, step.keputusan.tidak))
            assert ya != tidak and step.nomor not in (ya, tidak), sop.key
            assert step.keputusan.pertanyaan, sop.key
            loops += isinstance(tidak, int) and tidak < step.nomor
            assert ya == END or ya == step.nomor + 1, sop.key
    assert loops >= 10


def test_references_stay_within_the_instansi(small: tuple[Path, Catalogue]) -> None:
    _, catalogue = small
    refs = [(sop, item) for sop in catalogue.sops for item in sop.keterkaitan
            if isinstance(item, SopRef)]
    assert refs
    for sop, ref in refs:
        assert ref.instansi == sop.instansi
        assert catalogue.sop(ref.key) is not None


def test_files_start_with_their_schema(small: tuple[Path, Catalogue]) -> None:
    folder, _ = small
    for path in folder.rglob("*.yaml"):
        schema = "instansi" if path.name == "instansi.yaml" else "sop"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../docs/schema/{schema}.schema.json"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_larger_catalogues_pass_the_validator(seed: int, tmp_path: Path) -> None:
    synthetic.generate(tmp_path, sops=400, instansi=7, seed=seed)
    catalogue = _catalogue(tmp_path)
    assert len(catalogue.sops) == 400
    for agency in catalogue.instansi:
        numbers = [sop.nomor for sop in catalogue.sops_of(agency.slug) if sop.nomor]
        assert len(numbers) == len(set(numbers))


def _table(stdout: str) -> dict[str, list[str]]:
    rows = [line.strip("|").split(" | ") for line in stdout.splitlines()
            if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    """``benchmark.py --sizes 20`` builds, measures and prints the table end to end."""
    has_browser = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()
    if IN_CI and not has_browser:
        pytest.fail("CI must run the browser part of the benchmark smoke test")
    out = tmp_path / "result.md"
    command = [sys.executable, str(SCRIPTS / "benchmark.py"), "--sizes", "20", "--instansi", "4",
               "--out", str(out), "--workdir", str(tmp_path / "work")]
    if not has_browser:
        command.append("--no-browser")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    assert out.read_text(encoding="utf-8") == result.stdout
    assert "nproc" in result.stdout and "MkDocs 1.6" in result.stdout
    table = _table(result.stdout)
    assert table["Metric"] == ["20 SOPs"]
    assert table["SOPs / instansi"] == ["20 / 4"]
    for label in ("Build time, hook", "Build time, floor",
                  "Build time, lean floor (raw-HTML pages skip Markdown, as in the hook)"):
        assert float(table[label][0].removesuffix(" s")) > 0, label
    if has_browser:  # diagrams drawn at build time (KATALOG_DIAGRAM=svg), first with no cache
        assert table["Diagrams"] == ["drawn at build time (svg)"]
        assert float(table["Build time, hook, empty diagram cache (cold)"][0]
                     .removesuffix(" s")) > 0
        assert table["Diagrams drawn / from the cache, cold; warm"] == ["20 / 0; 0 / 20"]
        work = ("Diagram work of the warm build (cache look-ups, drawings into pages; "
                "measured apart)")
        assert 0 <= float(table[work][0].removesuffix(" s")) < 60  # "-" in js mode
    assert float(table["Build time ratio hook/floor"][0]) > 0
    assert float(table["Build time ratio hook/lean floor"][0]) > 0
    # The lean floor skips Markdown only for the hook's raw-HTML pages (the script checks
    # that it makes the same HTML), so it has the floor's pages and files.
    assert (tmp_path / "work" / "size-20" / "floor" / "lean-pages.txt").read_text(
        encoding="utf-8").count(".md") > 20
    for label in ("Peak RSS, hook (mkdocs process)", "Peak RSS, floor (mkdocs process)"):
        assert 10 < float(table[label][0].removesuffix(" MiB")) < 10_000, label
    # (the script itself checks that both builds made the same HTML pages)
    for label in ("Site on disk (files)", "Floor site on disk (files)"):
        assert re.fullmatch(r"[\d.]+ MiB \([\d,]+\)", table[label][0]), label
    assert int(table["One SOP page's index.html (median)"][0].removesuffix(" B")
               .replace(",", "")) > 1000
    slow = "SOP page: time to diagram, CPU 4x slower (median of 3 loads)"
    browser_rows = ("SOP page until diagram rendered: raw / gzip",
                    "Search results shown, extra after home: raw / gzip",
                    "Search: typing to first result", slow)
    if has_browser:
        # No Mermaid to download (megabytes): the diagram is in the page.
        assert "MiB" not in table[browser_rows[0]][0] and "KiB" in table[browser_rows[0]][0]
        assert "req." in table[browser_rows[1]][0]
        assert float(table[browser_rows[2]][0].removesuffix(" s")) > 0
        assert float(table[slow][0].split(" s ")[0]) > 0
    else:
        assert all(table[row] == ["not measured"] for row in browser_rows)


def test_recognition_script_counts_every_entry(real_catalogue: Catalogue, tmp_path: Path) -> None:
    """``scripts/dasar_hukum.py``: the figures of the closing note of issue 14."""
    script = _load_script("dasar_hukum")
    figures = script.measure(real_catalogue)
    assert figures.entries == sum(len(sop.dasar_hukum) for sop in real_catalogue.sops)
    assert figures.recognised + sum(figures.missed.values()) == figures.entries
    assert figures.citations >= figures.recognised
    generate = _load_script("synthetic").generate
    generate(tmp_path / "sops", 30, 3, 1)
    synthetic = load_catalogue(tmp_path / "sops", tmp_path).catalogue
    assert synthetic is not None
    report = script.report([("seeds", figures), ("synthetic", script.measure(synthetic))], 5)
    assert f"| `dasar_hukum` entries | {figures.entries:,} |" in report
