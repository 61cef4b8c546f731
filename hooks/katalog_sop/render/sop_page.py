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
from . import escape, form, legal, mermaid, names, qr, templating, text
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
    berikut: str | None = None
    """Where a plain step that simply goes on goes ("langkah 4", "prosedur selesai"): said
    where the form's arrows are not seen (a phone, a screen reader)."""

    def flow_plain(self) -> str:
        """What the kegiatan cell says about where the step goes, as plain text."""
        if self.branches:
            question = self.step.keputusan.pertanyaan if self.step.keputusan else None
            ways = "; ".join(f"{label}: " + (f"langkah {n}" if n is not None else "selesai")
                             for label, n in self.branches)
            return f"{question} {ways}" if question else ways
        if self.jump is not None:
            return f"Lanjut ke langkah {self.jump}"
        return "Prosedur selesai" if self.ends else ""


def sop_page(sop: Sop, catalogue: Catalogue, context: SiteContext,
             diagram: str | EllipsisType | None = ...) -> str:
    """The page of one SOP: header, identity table, sections, diagram, procedure table.
    ``diagram`` is ``mermaid.drawable(sop)`` when the caller has it already."""
    agency = catalogue.agency(sop.instansi)
    address = context.url(f"{sop.instansi}/{sop.slug}/")
    replaced_by = sop.diganti_oleh
    total, uncounted = waktu.total(step.waktu for step in sop.langkah)
    ids = flow.step_ids(sop.langkah)
    rows = [_step_row(step, ids, len(sop.langkah)) for step in sop.langkah]
    screen = form.pages(sop)[0]
    lanes = len(sop.pelaksana)
    breaks = form.paginate(sop, screen, form.widths(lanes, screen.jalur_width),
                           [row.flow_plain() for row in rows])
    printed = form.pages(sop, breaks)
    columns = form.widths(lanes, max(page.jalur_width for page in [screen, *printed]))
    body = templating.html_block(
        "sop_page.html",
        sop=sop,
        agency=agency,
        instansi_name=names.instansi_name(agency, catalogue),
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
        notes=legal.notes(sop, catalogue),
        related=[_sop_link(item, sop, catalogue) if isinstance(item, SopRef) else item
                 for item in sop.keterkaitan],
        referrers=[(_sop_link(SopRef(other.instansi, other.slug), sop, catalogue),
                    catalogue.agency(other.instansi) if other.instansi != sop.instansi
                    else None, how)
                   for other, how in catalogue.referrers(sop.key)],
        **_diagram(mermaid.drawable(sop) if diagram is ... else diagram, context.diagram_svg),
        steps=rows,
        screen=screen,
        printed=printed,
        columns=columns,
        draw=form.drawing,
        search_steps=[_search_sentences(row) for row in rows]
        + ([_sentence(f"Jumlah waktu: {total}")] if total else []),
        total=total,
        uncounted=uncounted,
        edit_url=context.edit_url(sop.source),
        footer=_print_footer(sop, address, context),
    )
    # The browser's title names the instansi too (the heading names the SOP alone); stored
    # HTML-escaped like the title, because overrides/main.html prints it as it is.
    front = templating.front_matter(sop.nama, hide=["navigation", "toc"],
                                    document_title=html(names.sop_title(sop, catalogue)))
    return templating.markdown(front, body)


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


def _step_row(step: Langkah, ids: dict[str, int], count: int) -> StepRow:
    if step.keputusan is not None:
        return StepRow(step, tuple((label, _target(target, ids))
                                   for label, target in step.keputusan.branches()))
    if step.lanjut is not None:
        jump = _target(step.lanjut, ids)
        return StepRow(step, jump=jump, ends=jump is None)
    return StepRow(step, berikut=(f"langkah {step.nomor + 1}" if step.nomor < count
                                  else "prosedur selesai"))


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: a full stop added unless it ends in punctuation."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _search_sentences(row: StepRow) -> str:
    """One step as search indexes and quotes it: who does what, then its Mutu Baku, as
    sentences (Pagefind would join the table's cells into "kerja. 120 menit. Rekapitulasi")."""
    step = row.step
    parts = [f"Langkah {step.nomor} ({', '.join(step.pelaksana)}): {step.kegiatan}"]
    if step.keputusan is not None and step.keputusan.pertanyaan:
        parts.append(step.keputusan.pertanyaan)
    if row.branches:
        parts.append("; ".join(f"{label}: " + ("selesai" if number is None
                                                 else f"langkah {number}")
                               for label, number in row.branches))
    # The Mutu Baku in the form's column order.
    for label, value in (("Kelengkapan", ", ".join(step.kelengkapan)), ("Waktu", step.waktu),
                         ("Output", ", ".join(step.output)), ("Keterangan", step.keterangan)):
        if value:
            parts.append(f"{label}: {value}")
    return " ".join(_sentence(part) for part in parts)


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
