"""Mutu Baku time values: which ones can be counted, and their total."""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from decimal import Decimal

UNITS = ("tahun", "bulan", "minggu", "hari kerja", "hari", "jam", "menit")
"""Countable units, largest first; only minutes are folded into hours (exactly 60)."""

MAX_DIGITS = 6
"""Counted amounts have at most this many ASCII digits before and after the decimal comma
(999999 years is more than any SOP needs); a longer one is shown as written, uncounted,
in ``check`` and in the build alike."""

_NUMBER = f"[0-9]{{1,{MAX_DIGITS}}}"
_COUNTABLE = re.compile(
    rf"^\s*(?:(?P<times>{_NUMBER})\s*[x\u00d7]\s*)?(?P<number>{_NUMBER}(?:[.,]{_NUMBER})?)\s*"
    r"(?P<unit>"
    + "|".join(UNITS)
    + r")\s*$",
    re.IGNORECASE,
)


def parse(waktu: str) -> tuple[Decimal, str] | None:
    """``(amount, unit)`` for a countable value such as ``2 hari`` or ``1 x 24 jam``."""
    match = _COUNTABLE.match(waktu)
    if match is None:
        return None
    amount = Decimal(match["number"].replace(",", "."))
    if match["times"]:
        amount *= int(match["times"])
    return amount, " ".join(match["unit"].lower().split())


def total(values: Iterable[str | None]) -> tuple[str, list[str]]:
    """The summed countable time in words, and the values that could not be counted."""
    # Exact arithmetic: bounded amounts, summed over at most MAX_STEPS steps, fit easily.
    with decimal.localcontext(decimal.Context(prec=60, traps=[decimal.InvalidOperation])):
        return _total(values)


def _total(values: Iterable[str | None]) -> tuple[str, list[str]]:
    sums: dict[str, Decimal] = {}
    uncounted: list[str] = []
    for value in values:
        if value is None:
            continue
        parsed = parse(value)
        if parsed is None:
            uncounted.append(value)
            continue
        amount, unit = parsed
        sums[unit] = sums.get(unit, Decimal(0)) + amount
    minutes = sums.pop("menit", Decimal(0))
    if minutes:
        hours, rest = divmod(minutes, 60)
        if hours:
            sums["jam"] = sums.get("jam", Decimal(0)) + hours
        if rest:
            sums["menit"] = rest
    parts = [f"{_number(sums[unit])} {unit}" for unit in UNITS if sums.get(unit)]
    return " ".join(parts), uncounted


def _number(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text.replace(".", ",")
