"""The procedure as the SOP AP form draws it ("Bagan Alir"): one table row a step, the step's
flowchart symbol in its executor's column, orthogonal connectors between the symbols.

Nothing is laid out in the browser. Every symbol, line, arrowhead and label is a box placed
here, inside one table cell, in ``em`` of the table's font from the top of the cell (or at
the cell's bottom edge), and horizontally at the centre or an edge of the cell: so the
drawing holds whatever height the row's text gives it, with or without JavaScript, on
screen and on paper.

The routes:

- every symbol sits ``TOP`` below the top of its cell; a joint step has a symbol in each of
  its executors' columns, joined by a dashed line;
- the way to the next row leaves the symbol's bottom and enters the next symbol's top
  (turning at a level under the symbol when the next executor is another column);
- every other way (back to an earlier step, forward past the next one, a second way to the
  same step) leaves the trunk under the symbol at its own level, runs right to its own
  vertical track in the column after the executors (the "jalur"), and enters its target from
  the right, at the middle of the symbol;
- a decision's labels sit above the line of their way, beside the trunk.

So no line crosses a symbol, and the only lines a label sits near are its own. Printed, the
table is cut into pages by an estimate of each row's height (``paginate``); a way that leaves
a page ends at a lettered off-page connector and starts again at the same letter.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..model import END, Sop
from ..read import flow
from .escape import html

TOP = 0.6
"""Space above each symbol, em."""
HEIGHT = 1.6
"""Height of every symbol, em."""
WIDTH = {"proses": 3.0, "keputusan": 3.2, "terminal": 3.8, "sambung": 1.4}
"""Width of each kind of symbol, em."""
CONNECTOR_HEIGHT = 1.3
LEVEL = 1.4
"""Vertical distance between the levels at which ways leave a trunk, em."""
TRACK = 0.7
"""Distance between two tracks of the jalur column, em."""
BOTTOM = 0.6
"""Space under the lowest thing drawn in a cell, em."""
ARROW = 0.45
"""Length of an arrowhead, em."""

START, FINISH = "mulai", "selesai"


@dataclass(frozen=True)
class Item:
    """One box drawn inside a cell: a line, an arrowhead, a symbol, a label or a connector."""

    kind: str
    """``garis`` (line), ``garis-sambung`` (the dashed join of a joint step), ``panah``
    (arrowhead), ``simbol``, ``label``."""
    style: str
    shape: str = ""
    """For a symbol: ``proses``, ``keputusan``, ``terminal`` or ``sambung``; for an
    arrowhead: the way it points, ``bawah`` or ``kiri``; for a line: ``h``, ``v`` or ``masuk``
    (the way in from the row above, at its default place)."""
    text: str = ""
    node: int | None = None
    """The node a symbol draws, or the node a line leaves (its first segment only)."""
    side: str = ""
    """For a label: ``kanan`` (left-aligned, right of its trunk) or ``kiri``."""


@dataclass
class Cell:
    items: list[Item] = field(default_factory=list)
    height: float = 0.0

    def add(self, item: Item, bottom: float = 0.0) -> None:
        self.items.append(item)
        self.height = max(self.height, bottom)


@dataclass(frozen=True)
class Row:
    """One row of the form table: a step (``nomor``), the start or the end, or a print-only
    row of off-page connectors (``sambung``)."""

    kind: str
    """``langkah``, ``mulai``, ``selesai`` or ``sambung``."""
    nomor: int | None
    cells: tuple[tuple[Item, ...], ...]
    """The executor columns' drawings, then the jalur column's."""
    height: float
    """The drawing's height, em (the row's least height)."""

    @property
    def style(self) -> str:
        return f"height:{_em(self.height)}"

    @property
    def symbols(self) -> tuple[bool, ...]:
        """Whether each cell holds a symbol of this row's step (or the start or end)."""
        return tuple(any(item.kind == "simbol" and item.node is not None and item.node >= 0
                         for item in items) for items in self.cells)


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    jalur_width: float
    """Width of the jalur column, em (0: no column needed)."""


@dataclass(frozen=True)
class _Node:
    row: int
    cols: tuple[int, ...]
    shape: str
    text: str = ""


@dataclass(frozen=True)
class _Edge:
    source: int
    target: int
    label: str | None


@dataclass
class _Far:
    """A way routed through the jalur column, on one page."""

    edge: _Edge
    start: tuple[int, float] | None  # (row index, level) where it enters the jalur
    end: tuple[int, float] | None  # (row index, level) where it leaves it
    letter_out: str = ""
    letter_in: str = ""
    track: int = 0


def _em(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}em" if text != "0" else "0"


def _graph(sop: Sop) -> tuple[list[_Node], list[_Edge]]:
    """Nodes in row order (start, each step, end) and every way between them."""
    lanes = {name: index for index, name in enumerate(sop.pelaksana)}
    exits = flow.successors(sop.langkah)
    count = len(sop.langkah)
    nodes = [_Node(0, (lanes[sop.langkah[0].pelaksana[0]],), "terminal", "Mulai")]
    for step in sop.langkah:
        cols = tuple(sorted({lanes[name] for name in step.pelaksana}))
        nodes.append(_Node(step.nomor, cols,
                           "keputusan" if step.keputusan is not None else "proses"))
    ending = [step for step in sop.langkah if any(t == END for t, _ in exits[step.nomor])]
    nodes.append(_Node(count + 1, (lanes[ending[-1].pelaksana[0]],) if ending else (0,),
                       "terminal", "Selesai"))
    edges = [_Edge(0, 1, None)]
    for step in sop.langkah:
        for target, label in exits[step.nomor]:
            edges.append(_Edge(step.nomor, count + 1 if target == END else int(target), label))
    return nodes, edges


def pages(sop: Sop, breaks: Sequence[int] = ()) -> list[Page]:
    """The form table, cut before each node row in ``breaks`` (row indices: 0 is the start,
    ``n`` step ``n``, the last the end). No breaks: the one table of the screen."""
    nodes, edges = _graph(sop)
    bounds = [0, *breaks, len(nodes)]
    letters = _letters(edges, bounds)
    lanes = len(sop.pelaksana)
    return [_page(nodes, edges, range(lo, hi), letters, lanes, column_em(lanes))
            for lo, hi in itertools.pairwise(bounds)]


def column_em(lanes: int) -> float:
    """The narrowest an executor column gets, in em of the table: printed, or on a screen
    at the table's least width."""
    sizes = widths(lanes, 0)
    screen = sizes.pelaksana / sizes.total_mm * (lanes * 7 + 46)
    return min(sizes.pelaksana / FONT_MM, screen)


def _label_em(text: str) -> float:
    """A generous width of a way's label, em of the table (text .9em, padding, gap)."""
    return 0.9 * 0.62 * len(text) + 0.6


def _letters(edges: list[_Edge], bounds: list[int]) -> dict[int, str]:
    """A letter for each way (by index) that leaves its page, in order of the ways."""
    def page_of(row: int) -> int:
        return next(i for i in range(len(bounds) - 1) if bounds[i] <= row < bounds[i + 1])
    letters: dict[int, str] = {}
    for index, edge in enumerate(edges):
        if page_of(edge.source) != page_of(edge.target):
            letters[index] = _letter(len(letters))
    return letters


def _letter(index: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = alphabet[rest] + text
    return text


def _page(nodes: list[_Node], edges: list[_Edge], rows: range, letters: dict[int, str],
          lanes: int, col_em: float) -> Page:
    # Which way goes straight to the next row: the first one from each node to the node
    # right after it (a second way to the same node goes round through the jalur).
    direct: set[int] = set()
    taken: set[int] = set()
    for index, edge in enumerate(edges):
        if edge.target == edge.source + 1 and edge.source not in taken:
            direct.add(index)
            taken.add(edge.source)

    # The way into the page's first row from the page above, and out of its last row to the
    # next page: (node inside the page, letter of the connector).
    top_in: tuple[int, str] | None = None
    bottom_out: tuple[int, str] | None = None
    fars: list[_Far] = []
    out_levels: dict[int, list[tuple[int, str]]] = {n: [] for n in rows}
    # per node: ways leaving at a level, as (edge index, "far" | "side"); "down" separately
    straight: dict[int, int] = {}
    for index, edge in enumerate(edges):
        inside_s, inside_t = edge.source in rows, edge.target in rows
        if not inside_s and not inside_t:
            continue
        if index in direct:
            if inside_s and not inside_t:
                bottom_out = (index, letters[index])
            elif inside_t and not inside_s:
                top_in = (edge.target, letters[index])
            if inside_s:
                target_col = nodes[edge.target].cols[0]
                if target_col == nodes[edge.source].cols[0]:
                    straight[edge.source] = index
                else:
                    out_levels[edge.source].append((index, "side"))
            continue
        if inside_s:
            out_levels[edge.source].append((index, "far"))

    # Levels: ways to the jalur first, in the order written, the turn to another column last.
    level_of: dict[int, float] = {}
    for node_index in rows:
        ordered = sorted(out_levels[node_index], key=lambda item: (item[1] == "side", item[0]))
        out_levels[node_index] = ordered
        for k, (index, _) in enumerate(ordered):
            level_of[index] = TOP + HEIGHT + LEVEL * (k + 1) - 0.2

    first = rows[0]
    has_top = top_in is not None
    has_bottom = bottom_out is not None
    # Row positions on this page: the connector rows around the node rows.
    offset = 1 if has_top else 0

    def position(node_index: int) -> int:
        return node_index - first + offset

    for index, edge in enumerate(edges):
        if index in direct:
            continue
        inside_s, inside_t = edge.source in rows, edge.target in rows
        if not inside_s and not inside_t:
            continue
        start = (position(edge.source), level_of[index]) if inside_s else None
        end = (position(edge.target), TOP + HEIGHT / 2) if inside_t else None
        far = _Far(edge, start, end)
        if index in letters:
            if inside_s:
                far.letter_out = letters[index]
            else:
                far.letter_in = letters[index]
        fars.append(far)

    count = len(rows) + offset + (1 if has_bottom else 0)
    grid = [[Cell() for _ in range(lanes + 1)] for _ in range(count)]
    jalur = lanes

    # Where each label goes, and how far right labels reach into the jalur column: its
    # tracks start past the longest, so that no track crosses a label.
    def room_right(col: int) -> float:
        return (lanes - 1 - col) * col_em + col_em / 2

    def room_left(col: int) -> float:
        return col * col_em + col_em / 2

    label_side: dict[int, str] = {}
    spill = 0.0
    for node_index in rows:
        col = nodes[node_index].cols[0]
        down = straight.get(node_index)
        for index, how in out_levels[node_index]:
            label = edges[index].label
            if label is None:
                continue
            target_col = nodes[edges[index].target].cols[0]
            wants_left = how == "side" and target_col < col
            side = "kiri" if wants_left and _label_em(label) <= room_left(col) else "kanan"
            label_side[index] = side
            if side == "kanan":
                spill = max(spill, _label_em(label) - room_right(col))
        label = edges[down].label if down is not None else None
        if down is not None and label is not None:
            side = "kiri" if _label_em(label) <= room_left(col) else "kanan"
            label_side[down] = side
            if side == "kanan":
                spill = max(spill, _label_em(label) - room_right(col))
    start_x = 0.5 + spill

    # Tracks: ways whose vertical runs overlap get different tracks.
    spans = []
    for far in fars:
        if far.start is not None and far.end is not None:
            spans.append((min(far.start, far.end), max(far.start, far.end), far))
    spans.sort(key=lambda item: (item[0], item[1]))
    track_ends: list[tuple[int, float]] = []
    for low, high, far in spans:
        for track, end in enumerate(track_ends):
            if end < low:
                far.track = track
                track_ends[track] = high
                break
        else:
            far.track = len(track_ends)
            track_ends.append(high)
    tracks = len(track_ends)

    stub_slots: dict[tuple[int, float], int] = {}
    stubs_wide = 0

    def track_x(track: int) -> float:
        return start_x + TRACK * track

    def stub_x(row: int, level: float) -> float:
        nonlocal stubs_wide
        slot = stub_slots.get((row, level), 0)
        stub_slots[(row, level)] = slot + 1
        stubs_wide = max(stubs_wide, slot + 1)
        return (track_x(tracks) if tracks else start_x) + 1.6 * slot + WIDTH["sambung"] / 2

    def line(row: int, col: int, style: str, node: int | None = None, shape: str = "v",
             dashed: bool = False, bottom: float = 0.0) -> None:
        grid[row][col].add(Item("garis-sambung" if dashed else "garis", style, shape=shape,
                                node=node), bottom)

    def hline(row: int, col: int, y: float, left: str, right: str, node: int | None = None) -> None:
        line(row, col, f"top:{_em(y)};left:{left};right:{right}", node, shape="h", bottom=y)

    def vline(row: int, col: int, x: str, top: float | None, bottom: float | None,
              node: int | None = None) -> None:
        """From ``top`` (None: the cell's top) to ``bottom`` (None: the cell's bottom)."""
        upper = "0" if top is None else _em(top)
        if bottom is None:
            style = f"left:{x};top:{upper};bottom:0"
            extent = top or 0.0
        else:
            style = f"left:{x};top:{upper};height:{_em(bottom - (top or 0.0))}"
            extent = bottom
        line(row, col, style, node, bottom=extent)

    def arrow(row: int, col: int, direction: str, x: str, y: float) -> None:
        if direction == "bawah":
            style = f"left:calc({x} - {_em(ARROW * 0.6)});top:{_em(y - ARROW)}"
        else:
            style = f"left:{x};top:{_em(y - ARROW * 0.6)}"
        grid[row][col].add(Item("panah", style, shape=direction), y)

    def entry(row: int, col: int) -> None:
        """The way in from the row above: a line down to the symbol's top, an arrowhead
        (both at the stylesheet's default place)."""
        grid[row][col].add(Item("garis", "", shape="masuk"), TOP)
        grid[row][col].add(Item("panah", "", shape="bawah"), TOP)

    def symbol(row: int, col: int, shape: str, text: str, node: int, top: float = TOP,
               centre: float | None = None) -> None:
        """A symbol centred in its cell, or ``centre`` em from the cell's left."""
        width = WIDTH[shape]
        height = CONNECTOR_HEIGHT if shape == "sambung" else HEIGHT
        left = (f"calc(50% - {_em(width / 2)})" if centre is None
                else _em(centre - width / 2))
        # Centred at the usual height: the stylesheet's default place, no style written.
        style = "" if centre is None and top == TOP else f"left:{left};top:{_em(top)}"
        grid[row][col].add(Item("simbol", style, shape=shape, text=text, node=node),
                           top + height + BOTTOM)

    def across(row: int, y: float, from_col: int, from_x: str, to_col: int, to_x: str,
               node: int | None = None) -> None:
        """A horizontal line in one row from a point of one cell to a point of another."""
        step = 1 if to_col >= from_col else -1
        col = from_col
        first_segment = True
        while True:
            if col == from_col and col == to_col:
                left, right = (from_x, to_x) if step > 0 else (to_x, from_x)
                hline(row, col, y, left, f"calc(100% - {right})",
                      node if first_segment else None)
            elif col == from_col:
                if step > 0:
                    hline(row, col, y, from_x, "0", node)
                else:
                    hline(row, col, y, "0", f"calc(100% - {from_x})", node)
            elif col == to_col:
                if step > 0:
                    hline(row, col, y, "0", f"calc(100% - {to_x})")
                else:
                    hline(row, col, y, to_x, "0")
            else:
                hline(row, col, y, "0", "0")
            first_segment = False
            if col == to_col:
                break
            col += step

    # Symbols.
    for node_index in rows:
        node = nodes[node_index]
        row = position(node_index)
        for col in node.cols:
            symbol(row, col, node.shape, node.text, node_index)
        if len(node.cols) > 1:
            half = WIDTH[node.shape] / 2
            across_y = TOP + HEIGHT / 2
            left_col, right_col = node.cols[0], node.cols[-1]
            # The dashed join, from the first symbol's right side to the last one's left.
            for col in range(left_col, right_col + 1):
                left = f"calc(50% + {_em(half)})" if col == left_col else "0"
                right = f"calc(50% + {_em(half)})" if col == right_col else "0"
                line(row, col, f"top:{_em(across_y)};left:{left};right:{right}", shape="h",
                     dashed=True, bottom=across_y)

    # Ways out of each node: the trunk under its first symbol, then each way's level.
    for node_index in rows:
        node = nodes[node_index]
        row = position(node_index)
        col = node.cols[0]
        levels = out_levels[node_index]
        down = straight.get(node_index)
        if not levels and down is None:
            continue
        bottom_of_symbol = TOP + HEIGHT
        deepest = level_of[levels[-1][0]] if levels else bottom_of_symbol
        if down is not None:
            vline(row, col, "50%", bottom_of_symbol, None, node_index)
        else:
            vline(row, col, "50%", bottom_of_symbol, deepest, node_index)
        for index, how in levels:
            edge = edges[index]
            y = level_of[index]
            if how == "side":
                target_col = nodes[edge.target].cols[0]
                across(row, y, col, "50%", target_col, "50%")
                vline(row, target_col, "50%", y, None)
            else:
                across(row, y, col, "50%", jalur - 1, "100%")
            if edge.label:
                _label(grid[row][col], edge.label, y, label_side[index])
        if down is not None and edges[down].label:
            # The way straight down: its label left of the trunk, where no other way goes;
            # right, under the lowest way out, when it is too long for the room left.
            label = edges[down].label
            assert label is not None
            y = bottom_of_symbol + LEVEL - 0.2 if label_side[down] == "kiri" else deepest + LEVEL
            _label(grid[row][col], label, y, label_side[down])
            grid[row][col].height = max(grid[row][col].height, y + BOTTOM)

    # Ways into each node from the row above: an arrowhead on the symbol's top.
    for node_index in rows:
        node = nodes[node_index]
        row = position(node_index)
        incoming_direct = any(index in direct and edges[index].target == node_index
                              for index in range(len(edges)))
        if incoming_direct and node_index != 0:
            col = node.cols[0]
            entry(row, col)

    # Ways through the jalur.
    entries: dict[int, float] = {}  # node -> farthest x reached in the jalur by its entry
    for far in fars:
        x = track_x(far.track)
        edge = far.edge
        if far.start is not None:
            row, y = far.start
            if far.letter_out:
                centre = stub_x(row, y)
                hline(row, jalur, y, "0", f"calc(100% - {_em(centre - WIDTH['sambung'] / 2)})")
                symbol(row, jalur, "sambung", far.letter_out, -1,
                       top=y - CONNECTOR_HEIGHT / 2, centre=centre)
            else:
                hline(row, jalur, y, "0", f"calc(100% - {_em(x)})")
        if far.end is not None:
            row, y = far.end
            if far.letter_in:
                centre = stub_x(row, y)
                symbol(row, jalur, "sambung", far.letter_in, -1, top=y - CONNECTOR_HEIGHT / 2,
                       centre=centre)
                reach = centre - WIDTH["sambung"] / 2
            else:
                reach = x
            entries[edge.target] = max(entries.get(edge.target, 0.0), reach)
        if far.start is not None and far.end is not None:
            (row_a, y_a), (row_b, y_b) = far.start, far.end
            low, high = min(far.start, far.end), max(far.start, far.end)
            x_css = _em(x)
            if row_a == row_b:
                vline(row_a, jalur, x_css, min(y_a, y_b), max(y_a, y_b))
            else:
                vline(low[0], jalur, x_css, low[1], None)
                for between in range(low[0] + 1, high[0]):
                    vline(between, jalur, x_css, None, None)
                vline(high[0], jalur, x_css, None, high[1])

    for node_index, reach in entries.items():
        node = nodes[node_index]
        row = position(node_index)
        y = TOP + HEIGHT / 2
        col = node.cols[-1]
        edge_x = f"calc(50% + {_em(WIDTH[node.shape] / 2)})"
        across(row, y, col, edge_x, jalur - 1, "100%")
        hline(row, jalur, y, "0", f"calc(100% - {_em(reach)})")
        arrow(row, col, "kiri", edge_x, y)

    # Off-page connectors of the ways to and from the next row.
    if top_in is not None:
        node_index, letter = top_in
        col = nodes[node_index].cols[0]
        symbol(0, col, "sambung", letter, -1, top=0.3)
        vline(0, col, "50%", 0.3 + CONNECTOR_HEIGHT, None, -1)
    if bottom_out is not None:
        index, letter = bottom_out
        col = nodes[edges[index].target].cols[0]
        row = count - 1
        entry(row, col)
        symbol(row, col, "sambung", letter, -1)

    width = 0.0
    if tracks:
        width = track_x(tracks - 1) + 0.5
    if stubs_wide:
        width = (track_x(tracks) if tracks else start_x) + 1.6 * stubs_wide + 0.2
    if spill > 0:
        width = max(width, spill + 0.3)
    result: list[Row] = []
    for index, cells in enumerate(grid):
        height = max(cell.height for cell in cells)
        if (has_top and index == 0) or (has_bottom and index == count - 1):
            result.append(Row("sambung", None, tuple(tuple(c.items) for c in cells),
                              max(height, 2.0)))
            continue
        node_index = first + index - offset
        kind = ("mulai" if node_index == 0 else
                "selesai" if node_index == len(nodes) - 1 else "langkah")
        nomor = node_index if kind == "langkah" else None
        result.append(Row(kind, nomor, tuple(tuple(c.items) for c in cells),
                          max(height, TOP + HEIGHT + BOTTOM)))
    return Page(tuple(result), round(width, 2))


def _label(cell: Cell, text: str, y: float, side: str) -> None:
    """A way's label, above its line at level ``y``, beside the trunk at the cell's middle."""
    if side == "kanan":
        style = f"left:calc(50% + .3em);bottom:calc(100% - {_em(y)})"
    else:
        style = f"right:calc(50% + .3em);bottom:calc(100% - {_em(y)})"
    cell.add(Item("label", style, text=text, side=side), y)


# ---------- HTML of one cell's drawing ----------

_DIAMOND = ('<svg viewBox="0 0 32 16" preserveAspectRatio="none" focusable="false">'
            '<polygon points="16,.5 31.5,8 16,15.5 .5,8"/></svg>')
_PENTAGON = ('<svg viewBox="0 0 14 13" preserveAspectRatio="none" focusable="false">'
             '<polygon points=".5,.5 13.5,.5 13.5,8 7,12.5 .5,8"/></svg>')


def drawing(items: Sequence[Item]) -> Markup:
    """The boxes of one cell as HTML, hidden from screen readers (the cell says in words
    what its symbol is). Built here rather than in a template: a page has thousands of
    these boxes. Text (labels, connector letters) passes ``escape.html``; styles are
    numbers made here."""
    if not items:
        return Markup("")
    parts = ['<span class="sop-gambar" aria-hidden="true">']
    for item in items:
        style = f' style="{html(item.style)}"' if item.style else ""
        if item.kind == "simbol":
            inner = (_DIAMOND if item.shape == "keputusan"
                     else _PENTAGON if item.shape == "sambung" else "")
            text = f'<span class="sop-simbol__teks">{html(item.text)}</span>' if item.text else ""
            parts.append(f'<span class="sop-simbol sop-simbol--{item.shape}"{style} '
                         f'data-simpul="{item.node}">{inner}{text}</span>')
        elif item.kind == "label":
            parts.append(f'<span class="sop-label sop-label--{item.side}"{style}>'
                         f'<span class="sop-label__teks">{html(item.text)}</span></span>')
        elif item.kind == "panah":
            parts.append(f'<i class="sop-panah sop-panah--{item.shape}"{style}></i>')
        else:
            join = " sop-garis--gabung" if item.kind == "garis-sambung" else ""
            start = f' data-dari="{item.node}"' if item.node is not None else ""
            shape = "v sop-garis--masuk" if item.shape == "masuk" else item.shape
            parts.append(f'<i class="sop-garis sop-garis--{shape}{join}"{style}{start}></i>')
    parts.append("</span>")
    return Markup("".join(parts))


# ---------- Printing: column widths and pages ----------

PRINT_WIDTH_MM = 265.0
"""The printable width of an A4 landscape page (katalog.css: @page sop), less a hair."""
PRINT_HEIGHT_MM = 178.0
FONT_MM = 8.5 * 25.4 / 72
"""1 em of the printed table (8.5 pt), in mm."""
LINE_MM = FONT_MM * 1.3
CHAR_MM = 0.56 * FONT_MM
"""A generous average character width."""
FIXED_MM = {"no": 8.0, "kelengkapan": 30.0, "waktu": 17.0, "output": 30.0, "keterangan": 24.0}


@dataclass(frozen=True)
class Widths:
    """Column widths of the printed table, mm."""

    no: float
    kegiatan: float
    pelaksana: float
    jalur: float
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float
    lanes: int

    @property
    def total_mm(self) -> float:
        return (self.no + self.kegiatan + self.pelaksana * self.lanes + self.jalur
                + self.kelengkapan + self.waktu + self.output + self.keterangan)

    def percent(self, name: str) -> str:
        value: float = getattr(self, name)
        return f"{100 * value / self.total_mm:.2f}%"

    @property
    def screen_min_width(self) -> str:
        """The screen table's least width: room for two short lines of an executor's name
        in each executor column (narrower, it scrolls inside its box)."""
        return f"{self.lanes * 7 + 46}em"

    def mm(self, name: str) -> str:
        value: float = getattr(self, name)
        return f"{value:.1f}mm"


def widths(lanes: int, jalur_em: float) -> Widths:
    jalur = math.ceil(jalur_em * FONT_MM + 0.5) if jalur_em else 0.0
    rest = PRINT_WIDTH_MM - sum(FIXED_MM.values()) - jalur
    pelaksana = max(10.0, min(26.0, (rest - 45.0) / lanes))
    kegiatan = rest - pelaksana * lanes
    return Widths(FIXED_MM["no"], kegiatan, pelaksana, float(jalur), FIXED_MM["kelengkapan"],
                  FIXED_MM["waktu"], FIXED_MM["output"], FIXED_MM["keterangan"], lanes)


def _lines(text: str, width_mm: float) -> int:
    per_line = max(1, int((width_mm - 2.6) / CHAR_MM))
    count = 0
    for paragraph in text.split("\n"):
        used = 0
        lines = 1
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > per_line:
                lines += 1
                used = 0
            used += size + (1 if used else 0)
            while used > per_line:
                lines += 1
                used -= per_line
        count += lines
    return count


def _list_lines(items: Sequence[str], width_mm: float) -> int:
    if len(items) > 1:
        return sum(_lines(item, width_mm - 4.0) for item in items)
    return sum(_lines(item, width_mm) for item in items)


def row_height_mm(sop: Sop, row: Row, sizes: Widths, flow_text: str = "") -> float:
    """A generous estimate of a printed row's height (``flow_text``: what the kegiatan cell
    says under the kegiatan about where the step goes)."""
    drawing = row.height * FONT_MM + 0.5
    if row.nomor is None:
        return drawing
    step = sop.langkah[row.nomor - 1]
    text_lines = max(
        _lines(step.kegiatan, sizes.kegiatan)
        + (_lines(flow_text, sizes.kegiatan) if flow_text else 0),
        _list_lines(step.kelengkapan, sizes.kelengkapan),
        _lines(step.waktu or "", sizes.waktu),
        _list_lines(step.output, sizes.output),
        _lines(step.keterangan or "", sizes.keterangan),
    )
    return max(drawing, text_lines * LINE_MM + 2.5)


def header_height_mm(sop: Sop, sizes: Widths) -> float:
    names = max(_lines(name, sizes.pelaksana) for name in sop.pelaksana)
    return 6.0 + max(names, 2) * LINE_MM + 2.5 + 5.0


def paginate(sop: Sop, screen: Page, sizes: Widths, flow_texts: Sequence[str]) -> list[int]:
    """Where the printed table breaks: the node rows that begin a page. ``screen``: the
    uncut table (``pages(sop)[0]``); ``flow_texts``: what each step's kegiatan cell says
    about where it goes."""
    budget = PRINT_HEIGHT_MM - header_height_mm(sop, sizes) - 2 * 7.0 - 2.0
    breaks: list[int] = []
    used = 0.0
    for index, row in enumerate(screen.rows):
        text = flow_texts[row.nomor - 1] if row.nomor is not None else ""
        height = row_height_mm(sop, row, sizes, text) + 0.5
        if used and used + height > budget:
            breaks.append(index)
            used = 0.0
        used += height
    return breaks
