"""The search index: Pagefind (PyPI ``pagefind[bin]``) run over the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TIMEOUT = 900


class SearchIndexError(Exception):
    """Pagefind failed; the message says why, in Indonesian."""


def index(site: Path) -> None:
    """Write ``site/pagefind/``; raise SearchIndexError when Pagefind fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {err}") from None
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip() or f"exit status {result.returncode}"
        raise SearchIndexError(f"Indeks pencarian (Pagefind) gagal dibuat: {detail}")
