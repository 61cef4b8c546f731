"""Shared fixtures: real builds of fixture projects, a local web server, headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from katalog_sop.site import pdf

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver")
IN_CI = bool(os.environ.get("CI"))


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
    """Run a real ``mkdocs build --strict`` (never with -q, which hides warnings)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalogue, built once per test session."""
    base = tmp_path_factory.mktemp("catalogue")
    project = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built catalogue served on a loopback port."""
    with pdf.serve(built_site) as base:
        yield base.rstrip("/")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium through chromedriver, logging console and network events."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        message = f"Chromium not installed ({CHROMIUM}, {CHROMEDRIVER})"
        if IN_CI:
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*pdf.CHROME_ARGUMENTS, "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Material renders each diagram into a *closed* shadow root; open it for inspection
    # only, so that the tests can read the SVG a reader sees.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": pdf.OPEN_SHADOW_ROOTS})
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
