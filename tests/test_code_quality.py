"""The code stays ruff- and mypy-clean (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

TYPED_SCRIPTS = ("scripts/benchmark.py", "scripts/bench_check.py", "scripts/bench_diagram.py",
                 "scripts/synthetic.py", "scripts/dasar_hukum.py")
"""The developer scripts mypy checks (strict, as the package)."""
UNTYPED_SCRIPTS = {
    "scripts/cek_python.py": "written for any Python 3: no annotations, so that an old "
                             "interpreter reaches its message instead of a syntax error",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=300)


def test_ruff() -> None:
    result = _run("ruff", "check", "hooks", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_scripts() -> None:
    result = _run("mypy", *TYPED_SCRIPTS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_script_is_type_checked_or_says_why_not() -> None:
    scripts = {path.relative_to(ROOT).as_posix() for path in (ROOT / "scripts").glob("*.py")}
    assert scripts == {*TYPED_SCRIPTS, *UNTYPED_SCRIPTS}
