"""Shared fixtures: the real catalogue loaded and built once, a local web server, headless
Chromium, and the ``katalog-sop`` command run in this process."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest

from katalog_sop.site import chromium

if TYPE_CHECKING:
    from katalog_sop.model import Catalogue, Sop

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver")
IN_CI = bool(os.environ.get("CI"))

SOP_KEYS = tuple(sorted(f"{path.parent.name}/{path.stem}"
                        for path in (ROOT / "sops").glob("*/*.yaml")
                        if path.name != "instansi.yaml"))
"""The real catalogue's SOPs as ``instansi/slug``, from the file names: what tests are
parametrized with (parameters are fixed before any fixture runs). ``test_build`` checks that
they are exactly the loaded catalogue's SOPs."""


def copy_project(dest: Path, sops: Path | None = None) -> Path:
    """A copy of the project (config, hook, docs, and ``sops`` or the real catalogue)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", dest / "hooks",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(sops or ROOT / "sops", dest / "sops")
    return dest


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict`` (never with -q, which hides warnings).

    Diagrams are drawn in the browser (``KATALOG_DIAGRAM=js``) unless ``env`` says otherwise:
    most tests are about the pages, and each build at build time starts Chromium;
    ``tests/test_diagram_svg.py`` builds with ``svg``.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KATALOG_DIAGRAM": "js",
                **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=600, check=False,
    )


def run_cli(cwd: Path, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """``katalog-sop ARGS`` in this process, from ``cwd``: exit code, stdout and stderr.

    Outside GitHub Actions unless ``env`` says otherwise, like a run on an editor's machine.
    No pytest fixture is involved, so Hypothesis tests may call it once per example. Tests
    about the process itself (its exit status, its environment, a hang or a crash) run
    ``python -m katalog_sop.cli`` instead.
    """
    from katalog_sop import cli

    out, err = io.StringIO(), io.StringIO()
    with (contextlib.chdir(cwd),
          mock.patch.dict(os.environ, {"GITHUB_ACTIONS": "", **(env or {})}),
          contextlib.redirect_stdout(out), contextlib.redirect_stderr(err)):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    return subprocess.CompletedProcess(["katalog-sop", *args], code, out.getvalue(),
                                       err.getvalue())


@pytest.fixture(scope="session")
def real_catalogue() -> Catalogue:
    """The real catalogue under ``sops/``, loaded once per test session."""
    from katalog_sop.read.catalogue import load_catalogue

    result = load_catalogue(ROOT / "sops", ROOT)
    assert result.errors == [], [str(p) for p in result.errors]
    assert result.catalogue is not None
    return result.catalogue


def real_sop(catalogue: Catalogue, key: str) -> Sop:
    """The SOP ``key`` (one of ``SOP_KEYS``) of the real catalogue."""
    sop = catalogue.sop(key)
    assert sop is not None, key
    return sop


@dataclass(frozen=True)
class Build:
    """A finished ``mkdocs build``: the site folder and the process's outcome."""

    site: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real catalogue built by ``mkdocs build --strict``, once per test session."""
    base = tmp_path_factory.mktemp("catalogue")
    project = copy_project(base / "project")
    site = base / "site"
    return Build(site, mkdocs_build(project, site))


@pytest.fixture(scope="session")
def built_site(real_build: Build) -> Path:
    """The site of ``real_build``; never modified (copy it to change a page)."""
    assert real_build.result.returncode == 0, real_build.result.stderr
    return real_build.site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built catalogue served on a loopback port."""
    with chromium.serve(built_site) as base:
        yield base.rstrip("/")


def require_chromium() -> None:
    """Skip the test when Chromium is missing, except in CI, where that is a failure."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        message = f"Chromium not installed ({CHROMIUM}, {CHROMEDRIVER})"
        if IN_CI:
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)


def _chromium(*, javascript: bool = True) -> object:
    """Headless Chromium through chromedriver (skipped without it, except in CI)."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*chromium.CHROME_ARGUMENTS, "--window-size=1400,1000"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium through chromedriver, logging console and network events."""
    driver: Any = _chromium()
    # Material renders each diagram into a *closed* shadow root; open it for inspection
    # only, so that the tests can read the SVG a reader sees.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": chromium.OPEN_SHADOW_ROOTS})
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def nojs_browser() -> Iterator[object]:
    """Headless Chromium with JavaScript off: what a reader without scripts sees."""
    driver: Any = _chromium(javascript=False)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI a skipped test is a failure: every test, the browser ones included, must run."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI: {report.longrepr}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output")
