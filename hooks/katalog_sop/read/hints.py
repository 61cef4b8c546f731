"""The "maksud Anda" hints: a close spelling among the names a field allows.

Bounded, because a file can be hostile: a hint is only looked for when the value is short,
among candidates of a similar length (difflib's ratio can reach the 0.6 cut-off only when
the shorter string is at least 3/7 of the longer one), at most ``MAX_CANDIDATES`` of them,
and at most ``HINTS_PER_FILE`` times per file (``HintBudget``); beyond that the message
simply has no hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

MAX_VALUE = 120
MAX_CANDIDATES = 300
HINTS_PER_FILE = 50
CUTOFF = 0.6


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    """A ``(maksud Anda "x"?)`` hint when a close choice exists, else an empty string."""
    folded = value.casefold()
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    if folded in by_folded and by_folded[folded] != value:
        return f' (maksud Anda "{by_folded[folded]}"?)'
    if len(value) > MAX_VALUE:
        return ""
    size = len(folded)
    near = [c for c in by_folded if 3 * max(size, len(c)) <= 7 * min(size, len(c))]
    near.sort(key=lambda c: (abs(len(c) - size), c))
    close = difflib.get_close_matches(folded, near[:MAX_CANDIDATES], n=1, cutoff=CUTOFF)
    return f' (maksud Anda "{by_folded[close[0]]}"?)' if close else ""


class HintBudget:
    """At most ``HINTS_PER_FILE`` hint searches for one file; then no more hints."""

    def __init__(self, limit: int = HINTS_PER_FILE) -> None:
        self.left = limit

    def hint(self, value: str, choices: Sequence[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return did_you_mean(value, choices)
