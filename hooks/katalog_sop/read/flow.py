"""The step flow: where each step goes, and which steps the flow can reach."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from ..model import END, Langkah

Target = int | str
"""A resolved flow target: a step number, or ``END``."""


def resolve(target: str | int, ids: Mapping[str, int]) -> Target:
    """A decision target as a step number, or ``END``."""
    if isinstance(target, int) or target == END:
        return target
    return ids[target]


def step_ids(steps: Sequence[Langkah]) -> dict[str, int]:
    """The step number of every step id."""
    return {step.id: step.nomor for step in steps if step.id is not None}


def successors(steps: Sequence[Langkah]) -> dict[int, list[tuple[Target, str | None]]]:
    """Each step's exits as ``(target, label)``; the label is Ya/Tidak on decisions."""
    ids = step_ids(steps)
    result: dict[int, list[tuple[Target, str | None]]] = {}
    for step in steps:
        if step.keputusan is not None:
            result[step.nomor] = [
                (resolve(step.keputusan.ya, ids), "Ya"),
                (resolve(step.keputusan.tidak, ids), "Tidak"),
            ]
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
