"""The ``katalog-sop`` command as an editor and CI run it.

Most tests call the command in this process (``run_cli``); the GitHub Actions one runs
``python -m katalog_sop.cli`` as CI does, for the environment and the real exit status.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli


def test_check_clean_catalogue(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sops", tmp_path / "sops")
    result = run_cli(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "Tidak ada kesalahan (8 SOP diperiksa" in result.stderr


def test_check_reports_errors_and_annotations(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sops", tmp_path / "sops")
    target = tmp_path / "sops" / "satpolpp-balangan" / "pengumpulan-data-kinerja.yaml"
    text = target.read_text().replace("nama:", "namaa:", 1)
    target.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("namaa:"))

    result = subprocess.run(
        [sys.executable, "-m", "katalog_sop.cli", "check"], cwd=tmp_path, capture_output=True,
        text=True, check=False, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "GITHUB_ACTIONS": "true"})

    assert result.returncode == 1
    relative = "sops/satpolpp-balangan/pengumpulan-data-kinerja.yaml"
    assert (f'{relative}:{line}: berkas: kunci "namaa" tidak dikenal (maksud Anda "nama"?)'
            in result.stderr.splitlines())
    assert (f'::error file={relative},line={line}::berkas: kunci "namaa" tidak dikenal '
            '(maksud Anda "nama"?)' in result.stdout.splitlines())


def test_check_one_file_or_folder_only(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sops", tmp_path / "sops")
    (tmp_path / "sops" / "satpolpp-balangan" / "rusak.yaml").write_text("nama: [\n")
    assert run_cli(tmp_path, "check", "sops/satpolpp-lumajang").returncode == 0
    assert run_cli(tmp_path, "check", "sops/satpolpp-balangan").returncode == 1
    assert run_cli(tmp_path, "check", "sops/satpolpp-balangan/rusak.yaml").returncode == 1
    assert run_cli(tmp_path, "check", "sops/tidak-ada").returncode == 2


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sops", tmp_path / "sops")
    plain = run_cli(tmp_path, "check")
    strict = run_cli(tmp_path, "check", "--strict")
    assert "peringatan:" in plain.stderr
    assert plain.returncode == 0
    assert strict.returncode == 1


def test_new_writes_valid_draft_and_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @katalog-sop/pemelihara\n")
    missing = run_cli(tmp_path, "new", "dinas-baru", "pengukuran-kinerja")
    assert missing.returncode == 2
    assert "--nama-instansi" in missing.stderr

    created = run_cli(tmp_path, "new", "dinas-baru", "pengukuran-kinerja",
                      "--nama-instansi", "Dinas Baru", "--pemerintah", "Pemerintah Kota Contoh")
    assert created.returncode == 0, created.stderr
    draft = tmp_path / "sops" / "dinas-baru" / "pengukuran-kinerja.yaml"
    assert draft.read_text().startswith("# yaml-language-server: $schema=")
    assert "/sops/dinas-baru/" in (tmp_path / ".github" / "CODEOWNERS").read_text()
    assert run_cli(tmp_path, "check").returncode == 0

    before = draft.read_text()
    again = run_cli(tmp_path, "new", "dinas-baru", "pengukuran-kinerja")
    assert again.returncode == 1
    assert draft.read_text() == before


def test_new_rejects_bad_slug(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "new", "Dinas Baru", "x")
    assert result.returncode == 2
    assert not (tmp_path / "sops").exists()
