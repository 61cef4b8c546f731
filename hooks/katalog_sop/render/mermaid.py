"""The procedure as a Mermaid ``swimlane-beta`` diagram: one lane per executor column."""

from __future__ import annotations

import hashlib

from ..model import END, Langkah, Sop
from ..read import flow
from . import escape

HEADER = """---
config:
  swimlane:
    automaticLaneOrdering: false
---
swimlane-beta TB"""
"""Lanes keep form order: the column order of the signed form carries meaning."""

START_ID = "mulai"
END_ID = "selesai"


def step_id(nomor: int, part: int = 1) -> str:
    """The generated node id of a step (``part`` > 1 for the same step in another lane)."""
    return f"s{nomor}" if part == 1 else f"s{nomor}_{part}"


def drawable(sop: Sop) -> str | None:
    """The Mermaid source of the SOP's diagram, or None when the swimlane is too large to
    draw in a few seconds (``flow.DIAGRAM_LIMITS``): such an SOP gets no diagram."""
    return diagram(sop) if flow.diagram_fits(sop.langkah) else None


def key(source: str) -> str:
    """The name of a diagram drawn from ``source`` (its SHA-256, hexadecimal): what a page
    asks for and what the drawing cache is keyed by."""
    return hashlib.sha256(source.encode()).hexdigest()


def diagram(sop: Sop) -> str:
    """The Mermaid source for one SOP; the same SOP always gives the same text."""
    exits = flow.successors(sop.langkah)
    first_lane = sop.langkah[0].pelaksana[0]
    ending = [step for step in sop.langkah if any(t == END for t, _ in exits[step.nomor])]
    end_lane = ending[-1].pelaksana[0]

    nodes: dict[str, list[str]] = {name: [] for name in sop.pelaksana}
    edges: list[str] = [f"  {START_ID} --> {step_id(1)}"]
    nodes[first_lane].append(f"    {START_ID}([{escape.mermaid('Mulai')}])")
    for step in sop.langkah:
        label = escape.mermaid(f"{step.nomor}. {_label(step)}")
        shape = "{%s}" if step.keputusan is not None else "[%s]"
        for part, name in enumerate(step.pelaksana, start=1):
            nodes[name].append(f"    {step_id(step.nomor, part)}{shape % label}")
            if part > 1:
                edges.append(f"  {step_id(step.nomor)} -.- {step_id(step.nomor, part)}")
        helpers = 0
        for target, branch in exits[step.nomor]:
            arrow = f"-->|{escape.mermaid(branch)}|" if branch else "-->"
            source = step_id(step.nomor)
            if target == step.nomor:
                # Mermaid's swimlane layout crashes on a self-loop: go through a helper node
                # (one for each way back, when several `pilihan` come back here).
                helpers += 1
                helper = f"{source}_ulang" + (str(helpers) if helpers > 1 else "")
                nodes[step.pelaksana[0]].append(f"    {helper}(({escape.mermaid(' ')}))")
                edges.append(f"  {source} {arrow} {helper}")
                edges.append(f"  {helper} --> {source}")
                continue
            target_id = END_ID if target == END else step_id(int(target))
            edges.append(f"  {source} {arrow} {target_id}")
    nodes[end_lane].append(f"    {END_ID}([{escape.mermaid('Selesai')}])")

    lines = [HEADER, *_accessible_name(sop)]
    placeholders = []
    for index, name in enumerate(sop.pelaksana, start=1):
        lines.append(f"  subgraph lane{index}[{escape.mermaid(name)}]")
        if not nodes[name]:
            # An empty lane breaks the swimlane layout (lanes overlap, a title is lost):
            # hold its place with an invisible node.
            placeholders.append(f"lane{index}_kosong")
            nodes[name].append(f"    {placeholders[-1]}[{escape.mermaid(' ')}]")
        lines.extend(nodes[name])
        lines.append("  end")
    lines.extend(edges)
    if placeholders:
        lines.append("  classDef kosong fill:none,stroke:none")
        lines.append(f"  class {','.join(placeholders)} kosong")
    return "\n".join(lines) + "\n"


def _accessible_name(sop: Sop) -> list[str]:
    """The SVG's accessible name and description (Mermaid's ``accTitle``/``accDescr``), made
    of fixed words and counts only: the SOP's own text is in the page heading and table."""
    return [
        "  accTitle: Diagram alir",
        f"  accDescr: {len(sop.langkah)} langkah dalam {len(sop.pelaksana)} kolom pelaksana,"
        " dari Mulai sampai Selesai. Setiap langkah juga tertulis di tabel Uraian Prosedur.",
    ]


def _label(step: Langkah) -> str:
    if step.keputusan is not None and step.keputusan.pertanyaan:
        return step.keputusan.pertanyaan
    return step.kegiatan
