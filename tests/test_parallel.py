"""Work spread over worker processes (``katalog_sop.parallel``): the same results, in the
same order, as a plain loop, for reading a catalogue and for writing its pages."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from katalog_sop import parallel, settings
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import plan

MANY = parallel.PARALLEL_FROM + 37
spread = pytest.mark.skipif(parallel.workers() < 2 or sys.platform != "linux",
                            reason="one core, or no fork: map_ordered is a plain loop here")


def _where(offset: int, job: int) -> tuple[int, int]:
    time.sleep(0.004)  # long enough that one worker cannot take every chunk alone
    return job + offset, os.getpid()


def _fails_at_seven(_: None, job: int) -> int:
    if job == 7:
        raise ValueError(f"job {job}")
    return job


@spread
def test_many_jobs_run_in_workers_and_come_back_in_order() -> None:
    results = parallel.map_ordered(_where, 1000, list(range(MANY)))
    assert [value for value, _ in results] == [job + 1000 for job in range(MANY)]
    processes = {pid for _, pid in results}
    assert os.getpid() not in processes
    assert len(processes) == parallel.workers()


def test_few_jobs_run_here() -> None:
    results = parallel.map_ordered(_where, 0, list(range(parallel.PARALLEL_FROM - 1)))
    assert {pid for _, pid in results} == {os.getpid()}


@spread
def test_a_worker_error_is_raised_in_the_caller() -> None:
    with pytest.raises(ValueError, match="job 7"):
        parallel.map_ordered(_fails_at_seven, None, list(range(MANY)))


def _synthetic(out: Path, sops: int) -> None:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    module.generate(out, sops, 12, 3)


@spread
def test_catalogue_and_pages_are_the_same_spread_or_not(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue large enough to be spread, read and written both ways: equal."""
    _synthetic(tmp_path / "sops", MANY)
    site = settings.read({}, "https://contoh.go.id/sop/", {"SOURCE_DATE_EPOCH": "1735689600"})
    spread_read = load_catalogue(tmp_path / "sops", tmp_path)
    assert spread_read.catalogue is not None and len(spread_read.catalogue.sops) == MANY
    spread_pages = plan.plan(spread_read.catalogue, site)

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10 * MANY)
    loop_read = load_catalogue(tmp_path / "sops", tmp_path)
    assert loop_read.catalogue == spread_read.catalogue
    assert [str(p) for p in loop_read.warnings] == [str(p) for p in spread_read.warnings]
    loop_pages = plan.plan(spread_read.catalogue, site)
    assert len(loop_pages) == MANY + 12
    assert loop_pages == spread_pages
