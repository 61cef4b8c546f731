"""The step flow: where each step goes, and which steps the flow can reach."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from ..model import END, Langkah

Target = int | str
"""A resolved flow target: a step number, or ``END``."""


def resolve(target: str | int, ids: Mapping[str, int]) -> Target:
    """A flow target as a step number, or ``END``."""
    if isinstance(target, int) or target == END:
        return target
    return ids[target]


def step_ids(steps: Sequence[Langkah]) -> dict[str, int]:
    """The step number of every step id."""
    return {step.id: step.nomor for step in steps if step.id is not None}


def successors(steps: Sequence[Langkah]) -> dict[int, list[tuple[Target, str | None]]]:
    """Each step's exits as ``(target, label)``: a decision's labels (Ya/Tidak or its
    ``pilihan``), None on a plain step (the next step, or its ``lanjut``)."""
    ids = step_ids(steps)
    result: dict[int, list[tuple[Target, str | None]]] = {}
    for step in steps:
        if step.keputusan is not None:
            result[step.nomor] = [(resolve(target, ids), label)
                                  for label, target in step.keputusan.branches()]
        elif step.lanjut is not None:
            result[step.nomor] = [(resolve(step.lanjut, ids), None)]
        else:
            following: Target = step.nomor + 1 if step.nomor < len(steps) else END
            result[step.nomor] = [(following, None)]
    return result


def flow_problems(steps: Sequence[Langkah]) -> list[tuple[int, str]]:
    """``(step number, rule code)`` for unreachable steps and steps that never end."""
    exits = successors(steps)
    reached = _reach({1}, lambda n: [t for t, _ in exits[n] if t != END])
    incoming: dict[Target, set[int]] = {}
    for number, targets in exits.items():
        for target, _ in targets:
            incoming.setdefault(target, set()).add(number)
    ends = {n for n, targets in exits.items() if any(t == END for t, _ in targets)}
    finishing = _reach(ends, lambda n: sorted(incoming.get(n, ())))
    problems = [(n, "unreachable") for n in sorted(exits) if n not in reached]
    problems += [(n, "no-exit") for n in sorted(exits) if n in reached and n not in finishing]
    return problems


def _reach(start: set[int], neighbours: Callable[[int], Iterable[Target]]) -> set[int]:
    seen = set(start)
    stack = list(start)
    while stack:
        for nxt in neighbours(stack.pop()):
            if isinstance(nxt, int) and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


# --- what the swimlane can draw -------------------------------------------------------------
# Mermaid 11.17.2's swimlane layout slows down sharply with decisions that point back to an
# earlier step (loops), and not smoothly: measured in one headless Chromium page on a 2-core
# machine (scripts/bench_diagram.py, docs/kinerja.md), 300 plain steps take 1.0-1.6 s, one loop in
# 150 steps 0.7 s, 8 loops in 40 steps 1.7 s, but 2 loops in 100 steps 6 s, 2 in 200 steps
# 41 s and 3 in 300 steps never finish. Beyond these limits the page shows no swimlane; the
# procedure table (and its print) still shows the whole flow.
DIAGRAM_LIMITS = ((0, 300), (1, 150), (8, 40))
"""``(loops, steps)``: a diagram with at most ``loops`` back-pointing decisions is drawn
when it has at most ``steps`` step boxes (a step with two executors is two boxes)."""


def loops(steps: Sequence[Langkah]) -> int:
    """How many steps (decisions, or plain steps with ``lanjut``) point back to their own or
    an earlier step."""
    exits = successors(steps)
    return sum(1 for step in steps if any(
        isinstance(target, int) and target <= step.nomor for target, _ in exits[step.nomor]))


def diagram_fits(steps: Sequence[Langkah]) -> bool:
    """Whether the swimlane of these steps draws in a few seconds (``DIAGRAM_LIMITS``)."""
    back = loops(steps)
    # A step with several executors is drawn once per lane (joined by dotted links): count
    # those boxes, since 300 steps in two lanes each already stall the layout.
    boxes = sum(len(step.pelaksana) for step in steps)
    return any(back <= most_loops and boxes <= most_steps
               for most_loops, most_steps in DIAGRAM_LIMITS)
