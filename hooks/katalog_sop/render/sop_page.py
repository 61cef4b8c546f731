"""The page of one SOP: the data its template shows, gathered from the model.

The body is one raw HTML block (no blank line inside), so Markdown never reads it; the
layout is ``templates/sop_page.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import EllipsisType
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Catalogue, Langkah, PartialDate, Sop, SopRef
from ..read import flow, waktu
from . import escape, mermaid, qr, templating, text
from .escape import html
from .listings import search_filter, search_label

if TYPE_CHECKING:
    from .context import SiteContext

DASH = "\u2014"


@dataclass(frozen=True)
class SopLink:
    """A reference to another SOP: a link to its page, or (``href`` None) just its place."""

    href: str | None
    nama: str
    nomor: str | None
    slug: str
    instansi: str


@dataclass(frozen=True)
class StepRow:
    """One row of the procedure table, with where it goes when that is not simply the next
    step. Targets are step numbers, None for the end."""

    step: Langkah
    branches: tuple[tuple[str, int | None], ...] = ()
    """A decision's ways out: ``(label, target)``."""
    jump: int | None = None
    """A plain step's ``lanjut`` to a step."""
    ends: bool = False
    """A plain step with ``lanjut: selesai``."""


def sop_page(sop: Sop, catalogue: Catalogue, context: SiteContext,
             diagram: str | EllipsisType | None = ...) -> str:
    """The page of one SOP: header, identity table, sections, diagram, procedure table.
    ``diagram`` is ``mermaid.drawable(sop)`` when the caller has it already."""
    agency = catalogue.agency(sop.instansi)
    address = context.url(f"{sop.instansi}/{sop.slug}/")
    replaced_by = sop.diganti_oleh
    total, uncounted = waktu.total(step.waktu for step in sop.langkah)
    body = templating.html_block(
        "sop_page.html",
        sop=sop,
        agency=agency,
        status=text.STATUS_LABELS[sop.status],
        search_label=search_label(agency),
        # Pagefind decodes character references in this text once more than a browser does,
        # and its UI shows filter values as HTML: so the stored value must be the escaped
        # label (search_filter), written escaped twice over (the template escapes it again).
        search_filter=html(search_filter(agency)),
        pdf=context.pdf,
        replacement=catalogue.sop(replaced_by.key) if replaced_by else None,
        replacement_link=_sop_link(replaced_by, sop, catalogue) if replaced_by else None,
        qr=Markup(qr.svg(address)) if address else None,  # from the site address, not editors
        related=[_sop_link(item, sop, catalogue) if isinstance(item, SopRef) else item
                 for item in sop.keterkaitan],
        referrers=[(_sop_link(SopRef(other.instansi, other.slug), sop, catalogue),
                    catalogue.agency(other.instansi) if other.instansi != sop.instansi
                    else None, how)
                   for other, how in catalogue.referrers(sop.key)],
        **_diagram(mermaid.drawable(sop) if diagram is ... else diagram, context.diagram_svg),
        rows=[_step_row(step, flow.step_ids(sop.langkah)) for step in sop.langkah],
        total=total,
        uncounted=uncounted,
        edit_url=context.edit_url(sop.source),
        footer=_print_footer(sop, address, context),
    )
    return templating.markdown(templating.front_matter(sop.nama, hide=["navigation", "toc"]),
                               body)


def _sop_link(ref: SopRef, page_sop: Sop, catalogue: Catalogue) -> SopLink:
    target = catalogue.sop(ref.key)
    if target is None:
        # Only in a standalone site of one instansi: the loader checked that the file exists.
        return SopLink(None, "", None, ref.slug, ref.instansi)
    href = (f"../{ref.slug}/" if ref.instansi == page_sop.instansi
            else f"../../{ref.instansi}/{ref.slug}/")
    return SopLink(href, target.nama, target.nomor, ref.slug, ref.instansi)


def _diagram(source: str | None, svg: bool) -> dict[str, Markup | str | None]:
    """What the template shows of the diagram: ``diagram``, the Mermaid source escaped line
    by line for the ``<pre>`` Mermaid draws from in the browser, or ``diagram_key``, the
    name of the SVG drawn at build time that the hook puts in its place
    (``site.diagrams.inline``); both None when the swimlane is too large to draw (no
    ``source``)."""
    if source is None:
        return {"diagram": None, "diagram_key": None}
    if svg:
        return {"diagram": None, "diagram_key": mermaid.key(source)}
    return {"diagram": Markup("\n".join(html(line) for line in source.splitlines())),
            "diagram_key": None}


def _step_row(step: Langkah, ids: dict[str, int]) -> StepRow:
    if step.keputusan is not None:
        return StepRow(step, tuple((label, _target(target, ids))
                                   for label, target in step.keputusan.branches()))
    if step.lanjut is not None:
        jump = _target(step.lanjut, ids)
        return StepRow(step, jump=jump, ends=jump is None)
    return StepRow(step)


def _target(target: str | int, ids: dict[str, int]) -> int | None:
    resolved = flow.resolve(target, ids)
    return resolved if isinstance(resolved, int) else None


def _print_footer(sop: Sop, address: str | None, context: SiteContext) -> Markup:
    """The text of the running footer of every printed page, as a CSS string.

    Margin boxes take only literal text, so the text is written into a generated rule;
    every piece of it passes ``escape.css_string``, which leaves nothing that could end the
    string, the rule or the ``<style>`` element: so it is markup-safe as it is.
    """
    built = PartialDate(context.built.year, context.built.month, context.built.day)
    parts = [f"Nomor SOP: {sop.nomor or DASH}", sop.nama]
    if address:
        parts.append(address)
    parts.append(f"Dibangun {text.tanggal(built)}")
    return Markup(escape.css_string("  \u00b7  ".join(parts)))
