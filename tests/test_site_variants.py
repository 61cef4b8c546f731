"""Open data files, and the standalone site of one instansi."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import copy_project, mkdocs_build
from katalog_sop.model import Catalogue
from katalog_sop.render.opendata import CSV_COLUMNS


def test_open_data_json_holds_every_sop_as_written(real_catalogue: Catalogue,
                                                   built_site: Path) -> None:
    document = json.loads((built_site / "data" / "katalog-sop.json").read_text())
    records = {f"{r['instansi']}/{r['sop']}": r
               for agency in document["instansi"] for r in agency["sop"]}
    assert set(records) == {sop.key for sop in real_catalogue.sops}
    for sop in real_catalogue.sops:
        record = records[sop.key]
        assert record["nomor"] == sop.nomor
        assert record["nama"] == sop.nama
        assert record["dasar_hukum"] == list(sop.dasar_hukum)
        assert [s["kegiatan"] for s in record["langkah"]] == [s.kegiatan for s in sop.langkah]
        assert [s["waktu"] for s in record["langkah"]] == [s.waktu for s in sop.langkah]
        assert record["tanggal"]["pembuatan"] == (sop.tanggal.pembuatan.iso()
                                                  if sop.tanggal.pembuatan else None)


def test_open_data_csv_and_per_instansi_files(real_catalogue: Catalogue,
                                              built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "katalog-sop.csv")
                                           .read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert sorted(f"{r['instansi']}/{r['sop']}" for r in rows) == sorted(
        sop.key for sop in real_catalogue.sops)
    for agency in real_catalogue.instansi:
        own = json.loads((built_site / "data" / f"{agency.slug}.json").read_text())
        assert [a["instansi"] for a in own["instansi"]] == [agency.slug]
        lines = (built_site / "data" / f"{agency.slug}.csv").read_text().splitlines()
        assert len(lines) == 1 + len(real_catalogue.sops_of(agency.slug))
        page = (built_site / agency.slug / "index.html").read_text()
        assert f'href="../data/{agency.slug}.csv"' in page
    assert 'href="data/katalog-sop.json"' in (built_site / "index.html").read_text()


def test_standalone_site_of_one_instansi(real_catalogue: Catalogue, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"KATALOG_INSTANSI": "dpmptsp-lumajang"})
    assert result.returncode == 0, result.stderr
    built = {p.parent.relative_to(site).as_posix() for p in site.glob("*/*/index.html")}
    assert built == {f"dpmptsp-lumajang/{sop.slug}" for sop in
                     real_catalogue.sops_of("dpmptsp-lumajang")}
    assert not (site / "satpolpp-lumajang").exists()
    home = (site / "index.html").read_text()
    assert "<title>Katalog SOP Dinas Penanaman Modal" in home
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2


def test_standalone_site_of_unknown_instansi_fails_clearly(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", env={"KATALOG_INSTANSI": "tidak-ada"})
    assert result.returncode == 1
    assert "sops/tidak-ada:1: berkas ini tidak dibaca: folder instansi ini tidak ada" in (
        result.stderr.splitlines())
    assert "Traceback" not in result.stderr
