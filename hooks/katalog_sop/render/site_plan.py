"""The whole generated site, planned once per build: pages, open data, appendices to the
hand-written pages, the nav's instansi entries, and the site name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Catalogue
from ..problems import RULES, Problem
from ..settings import Settings
from . import escape, pages

NAV_SECTION = "Instansi"
"""The mkdocs.yml nav section (written as ``- Instansi: []``) that lists every instansi."""

REPORT_PAGE = "laporan-kesesuaian.md"
GUIDE_PAGE = "panduan-penyunting.md"
HOME_PAGE = "index.md"


@dataclass(frozen=True)
class Plan:
    """What a build adds to the site."""

    pages: list[pages.GeneratedPage]
    appendices: dict[str, str]
    """Text appended to a page written in ``docs/``, by its path there."""
    nav_entries: list[str]
    site_name: str | None
    """A new site name (a standalone site of one instansi), stored HTML-escaped because
    the theme prints it unescaped, like page titles."""
    diagrams: list[tuple[str, str]]
    """Every diagram the pages show, as ``(SOP file, Mermaid source)``, in page order."""


def build(catalogue: Catalogue, warnings: Iterable[Problem], site: Settings) -> Plan:
    """Every page the catalogue adds, in a stable order."""
    page_context = site
    generated = list(pages.plan(catalogue, page_context))
    generated += [pages.GeneratedPage(path, content, "", in_nav=True)
                  for path, content in pages.open_data(catalogue, page_context)]
    generated.append(pages.GeneratedPage(REPORT_PAGE, pages.warnings_report(
        list(warnings), catalogue), "", in_nav=True, raw_html=True))
    # The index in the nav; the pages of its long lists out of it, like SOP pages.
    generated += [pages.GeneratedPage(path, content, "", in_nav="/" not in path, raw_html=True)
                  for path, content in pages.legal_pages(catalogue)]
    name = None
    if site.instansi is not None and catalogue.instansi:
        name = escape.html(f"Katalog SOP {pages.search_label(catalogue.instansi[0])}")
    return Plan(
        pages=generated,
        appendices={HOME_PAGE: pages.instansi_table(catalogue),
                    GUIDE_PAGE: pages.rules_reference(RULES.values())},
        nav_entries=[f"{agency.slug}/index.md" for agency in catalogue.instansi],
        site_name=name,
        diagrams=[(page.source, page.diagram) for page in generated
                  if page.diagram is not None],
    )


def with_instansi(nav: list[Any] | None, entries: list[str]) -> list[Any] | None:
    """The configured nav with the empty ``Instansi`` section filled in."""
    if nav is None:
        return None
    return [{NAV_SECTION: entries} if isinstance(item, dict) and item.get(NAV_SECTION) == []
            else item for item in nav]
