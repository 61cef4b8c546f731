"""Indonesian wording of data values: dates, statuses."""

from __future__ import annotations

from ..model import PartialDate, Status

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

STATUS_LABELS = {
    Status.BERLAKU: "Berlaku",
    Status.DRAF: "Draf",
    Status.DICABUT: "Dicabut",
}


def tanggal(date: PartialDate | None) -> str:
    """``4 Februari 2020``, or ``Agustus 2023`` for a month-only date; empty if None."""
    if date is None:
        return ""
    month = MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def angka(number: int) -> str:
    """A count the Indonesian way: ``37.501``."""
    return f"{number:,}".replace(",", ".")
