"""The whole generated site of a catalogue: its pages and its open-data files."""

from __future__ import annotations

from ..model import Catalogue
from ..parallel import map_ordered
from . import mermaid, opendata
from .context import ALL_DATA, DATA_DIR, GeneratedPage, SiteContext
from .listings import instansi_page
from .sop_page import sop_page


def plan(catalogue: Catalogue, context: SiteContext) -> list[GeneratedPage]:
    """Every generated page of the catalogue, in a stable order. The SOP pages, most of the
    work, are written in worker processes for a large catalogue (``parallel``)."""
    written = map_ordered(_sop_page, (catalogue, context), range(len(catalogue.sops)))
    body = {id(sop): page for sop, page in zip(catalogue.sops, written, strict=True)}
    pages = []
    for agency in catalogue.instansi:
        pages.append(GeneratedPage(f"{agency.slug}/index.md", instansi_page(agency, catalogue),
                                   agency.source, in_nav=True, raw_html=True))
        for sop in catalogue.sops_of(agency.slug):
            markdown, diagram = body[id(sop)]
            pages.append(GeneratedPage(f"{sop.instansi}/{sop.slug}.md", markdown, sop.source,
                                       in_nav=False, diagram=diagram, raw_html=True))
    return pages


def _sop_page(shared: tuple[Catalogue, SiteContext], index: int) -> tuple[str, str | None]:
    """The page of the catalogue's SOP number ``index``, and its diagram's source."""
    catalogue, context = shared
    sop = catalogue.sops[index]
    diagram = mermaid.drawable(sop)
    return sop_page(sop, catalogue, context, diagram), diagram


def open_data(catalogue: Catalogue, context: SiteContext) -> list[tuple[str, str]]:
    """The open-data files ``(site path, content)``: all SOPs, then each instansi."""
    address = {sop.key: context.url(f"{sop.instansi}/{sop.slug}/") or
               f"{sop.instansi}/{sop.slug}/" for sop in catalogue.sops}
    files = [
        (f"{DATA_DIR}/{ALL_DATA}.json",
         opendata.catalogue_json(catalogue, catalogue.instansi, context.built, address)),
        (f"{DATA_DIR}/{ALL_DATA}.csv",
         opendata.identity_csv(catalogue, catalogue.instansi, address)),
    ]
    for agency in catalogue.instansi:
        files.append((f"{DATA_DIR}/{agency.slug}.json",
                      opendata.catalogue_json(catalogue, [agency], context.built, address)))
        files.append((f"{DATA_DIR}/{agency.slug}.csv",
                      opendata.identity_csv(catalogue, [agency], address)))
    return files
