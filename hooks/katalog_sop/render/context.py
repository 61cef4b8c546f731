"""What every page generator shares: the site a page is published on, a generated page, and
where the open-data files live."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import Settings

DATA_DIR = "data"
ALL_DATA = "katalog-sop"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it lives, its Markdown, and its YAML source."""

    src_uri: str
    markdown: str
    source: str
    in_nav: bool
    diagram: str | None = None
    """The Mermaid source of the diagram the page shows (SOP pages), if any."""
    raw_html: bool = False
    """Everything after the front matter is raw HTML blocks (``templating.html_block`` or
    ``templating.blocks``), which Markdown would only copy: the hook hands it to the page
    after Markdown (``site.html_pages``)."""


SiteContext = Settings
"""What pages need to know of the site they are published on: the build's settings
(canonical address, edit links, PDF step, build date), one object for both."""


def data_base(prefix: str, name: str) -> str:
    """The open-data files of ``name`` without their extension, from a page at ``prefix``."""
    return f"{prefix}{DATA_DIR}/{name}"
