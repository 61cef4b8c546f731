"""GitHub Actions workflows, CI script and README stay in step; review rules cover every folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    block = text.split(f"<!-- {marker} -->", 1)[1]
    return block.split("```sh\n", 1)[1].split("\n", 1)[0]


def _steps(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text())
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes() -> None:
    binary = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    result = subprocess.run([binary, *map(str, WORKFLOWS)], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_to_commit_shas() -> None:
    for path in WORKFLOWS:
        for step in _steps(path):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}",
                                    str(step["uses"])), step


def test_least_privilege_and_no_pull_request_target() -> None:
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text())
        triggers = data[True]  # PyYAML reads the key `on` as True (YAML 1.1)
        assert "pull_request_target" not in triggers
        assert data["permissions"] == {"contents": "read"}
        assert "concurrency" in data
        for step in _steps(path):
            if "checkout" in str(step.get("uses", "")):
                assert step["with"] == {"persist-credentials": False}


def test_workflows_and_ci_use_the_readme_commands() -> None:
    site = _readme_command("perintah-situs").split(" && ")
    tests = _readme_command("perintah-uji").split(" && ")
    pr_runs = [str(s["run"]) for s in _steps(ROOT / ".github/workflows/periksa.yml") if "run" in s]
    deploy_runs = [str(s["run"]) for s in _steps(ROOT / ".github/workflows/terbitkan.yml")
                   if "run" in s]
    assert " && ".join(tests[:-1]) in pr_runs
    assert tests[-1] in pr_runs
    assert " && ".join(site[:-1]) in deploy_runs
    readme = (ROOT / "README.md").read_text()
    for run in pr_runs + deploy_runs:
        if not run.startswith("apt-get"):
            for command in run.split(" && "):
                assert command in readme, f"workflow command not in the README: {command}"
    assert "perintah-uji" in (ROOT / ".ci" / "run").read_text()


def test_codeowners_cover_every_instansi_and_keep_code_to_maintainers() -> None:
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {pattern: teams for pattern, *teams in lines}
    for folder in sorted(p for p in (ROOT / "sops").iterdir() if p.is_dir()):
        teams = owners.get(f"/sops/{folder.name}/")
        assert teams == [f"@katalog-sop/penyunting-{folder.name}"], folder.name
    for path in ("/hooks/", "/mkdocs.yml", "/.github/", "/requirements.txt", "/.ci/"):
        assert owners[path] == ["@katalog-sop/pemelihara"], path
    agency_patterns = [p for p in owners if p.startswith("/sops/")]
    assert all(p.count("/") == 3 for p in agency_patterns)


def test_deploy_draws_diagrams_at_build_time_and_keeps_them() -> None:
    from katalog_sop.site.diagrams import CACHE_DIR

    path = ROOT / ".github" / "workflows" / "terbitkan.yml"
    job = yaml.safe_load(path.read_text())["jobs"]["bangun"]
    assert job["env"]["KATALOG_DIAGRAM"] == "svg"
    steps = job["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    chromium = next(i for i, run in enumerate(runs) if "chromium-driver" in run)
    build = runs.index(".venv/bin/mkdocs build --strict")
    selenium = runs.index(".venv/bin/pip install -r requirements-dev.txt")
    cache = next(i for i, step in enumerate(steps) if "actions/cache@" in str(step.get("uses")))
    assert "if" not in steps[chromium] and chromium < selenium < cache < build
    assert steps[cache]["with"]["path"] == CACHE_DIR.as_posix()


def test_pull_requests_reuse_the_deployed_drawings_without_writing_them() -> None:
    """A pull request's build starts from main's drawings (restore only: it can never write
    the cache the deploy workflow reads), under the deploy workflow's key."""
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "terbitkan.yml").read_text())
    saved = next(step for step in deploy["jobs"]["bangun"]["steps"]
                 if "actions/cache@" in str(step.get("uses")))
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "periksa.yml").read_text())
    steps = check["jobs"]["periksa"]["steps"]
    uses = [str(step.get("uses", "")) for step in steps]
    assert not any(use.startswith("actions/cache@") or "cache/save" in use for use in uses)
    restore = next(i for i, use in enumerate(uses) if use.startswith("actions/cache/restore@"))
    build = [str(step.get("run", "")) for step in steps].index(".venv/bin/mkdocs build --strict")
    assert restore < build
    assert steps[restore]["with"] == saved["with"]
    assert uses[restore].split("@")[1] == str(saved["uses"]).split("@")[1]
