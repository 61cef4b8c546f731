"""What every page generator shares: the site a page is published on, a generated page, and
where the open-data files live."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

DATA_DIR = "data"
ALL_DATA = "katalog-sop"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it lives, its Markdown, and its YAML source."""

    src_uri: str
    markdown: str
    source: str
    in_nav: bool


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site they are published on."""

    built: dt.date
    site_url: str = ""
    """The canonical address of the site's root (``https://.../``), or empty if unknown."""
    edit_base: str = ""
    """Where editors change files: the repository root of an edit URL, or empty."""
    pdf: bool = False
    """Whether the build also writes ``<sop>.pdf`` beside each SOP page."""

    def url(self, path: str) -> str | None:
        """The canonical address of a site path such as ``instansi/sop/``."""
        return urljoin(self.site_url.rstrip("/") + "/", path) if self.site_url else None

    def edit_url(self, repo_path: str) -> str | None:
        """Where an editor changes ``repo_path`` (a path from the repository root)."""
        return urljoin(self.edit_base.rstrip("/") + "/", repo_path) if self.edit_base else None


def data_base(prefix: str, name: str) -> str:
    """The open-data files of ``name`` without their extension, from a page at ``prefix``."""
    return f"{prefix}{DATA_DIR}/{name}"
