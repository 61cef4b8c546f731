"""CPU-bound work over every SOP of a large catalogue, spread over worker processes.

Reading the SOP files and writing the SOP pages are each a pure function of one SOP (and of
what the whole catalogue shares); both take seconds to tens of seconds at 5,000 SOPs, on one
core unless spread. ``map_ordered`` runs such a function over many jobs in forked worker
processes, one per core, and gives the results in job order, exactly as a plain loop would;
for small catalogues, on one core, or where ``fork`` is not available, it is that plain loop.

With ``fork`` the shared value (the catalogue, the site settings) and the function reach the
workers by inheritance, never pickled; only the jobs and the results cross between
processes. A worker's exception is raised again in the caller, as the loop would raise it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

PARALLEL_FROM = 400
"""Below this many jobs, starting worker processes costs more than it saves."""

S = TypeVar("S")
J = TypeVar("J")
R = TypeVar("R")

_worker: list[tuple[Callable[[Any, Any], Any], Any]] = []
"""The function and shared value of this worker process (set by ``_start`` in a worker
only; the building process never fills it, and a worker lives for one ``map_ordered``)."""


def workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _start(function: Callable[[Any, Any], Any], shared: Any) -> None:
    _worker.append((function, shared))


def _call(job: Any) -> Any:
    function, shared = _worker[0]
    return function(shared, job)


def map_ordered(function: Callable[[S, J], R], shared: S, jobs: Sequence[J]) -> list[R]:
    """``[function(shared, job) for job in jobs]``, in worker processes when there are many
    jobs and more than one core (Linux: ``fork``)."""
    count = workers()
    if len(jobs) < PARALLEL_FROM or count < 2 or sys.platform != "linux":
        return [function(shared, job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_start, initargs=(function, shared)) as pool:
        return pool.map(_call, jobs, chunksize=max(1, len(jobs) // (count * 8)))
