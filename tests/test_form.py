"""The procedure as the SOP AP form's table ("Bagan Alir", render/form.py).

Checked where a reader sees it: in headless Chromium with JavaScript off (every symbol in its
executor's column and its step's row, every connector ending on a symbol, no line across a
symbol or a label), on a phone (a block a step, the table one tap away) and on paper (the
PDF's words read back with ``pdftotext -bbox-layout``: every executor heads a column on every
page of the table, each step's number, kegiatan, waktu and output on one printed row, no text
under 8 pt, a lettered off-page connector at each end of every way cut by a page).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROMEDRIVER, CHROMIUM, IN_CI, ROOT, SOP_KEYS, copy_project, mkdocs_build
from katalog_sop.model import Catalogue, Sop
from katalog_sop.read import flow
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import form
from katalog_sop.site import chromium, pdf

LONG = ROOT / "tests" / "data" / "bagan-panjang"
V2 = ROOT / "tests" / "data" / "alur-v2"
LONG_KEY = "perizinan/izin-usaha-panjang"
V2_KEYS = ("protokol/permohonan-audiensi", "humas/peliputan-audiensi")
ALL_KEYS = (*SOP_KEYS, LONG_KEY, *V2_KEYS)
DRAFT = "kecamatan-sumbersuko/pengumpulan-data-kinerja"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, Path]:
    """The seeds, the long SOP and the v2 fixtures in one catalogue folder."""
    sops = tmp_path_factory.mktemp("bagan") / "sops"
    shutil.copytree(ROOT / "sops", sops)
    for data in (LONG, V2):
        for folder in data.iterdir():
            if folder.is_dir():
                shutil.copytree(folder, sops / folder.name)
    result = load_catalogue(sops, sops)
    assert result.errors == [], [str(p) for p in result.errors]
    assert result.catalogue is not None
    return result.catalogue, sops


@pytest.fixture(scope="module")
def site(catalogue: tuple[Catalogue, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bagan-site")
    project = copy_project(base / "project", sops=catalogue[1])
    out = base / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _sop(catalogue: tuple[Catalogue, Path], key: str) -> Sop:
    sop = catalogue[0].sop(key)
    assert sop is not None
    return sop


# --- the layout itself -------------------------------------------------------------------------

def test_long_fixture_is_what_its_readme_says(catalogue: tuple[Catalogue, Path]) -> None:
    sop = _sop(catalogue, LONG_KEY)
    assert len(sop.pelaksana) == 8 and len(sop.langkah) == 24
    assert flow.loops(sop.langkah) >= 3


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_way_is_drawn_with_its_label(key: str, catalogue: tuple[Catalogue, Path]) -> None:
    sop = _sop(catalogue, key)
    page = form.pages(sop)[0]
    lanes = {name: index for index, name in enumerate(sop.pelaksana)}
    steps = [row for row in page.rows if row.kind == "langkah"]
    assert [row.nomor for row in steps] == [step.nomor for step in sop.langkah]
    assert [row.kind for row in page.rows] == ["mulai", *["langkah"] * len(steps), "selesai"]
    for row in steps:
        step = sop.langkah[(row.nomor or 0) - 1]
        drawn = {col for col, items in enumerate(row.cells)
                 for item in items if item.kind == "simbol"}
        assert drawn == {lanes[name] for name in step.pelaksana}, step.nomor
        labels = sorted(item.text for items in row.cells for item in items
                        if item.kind == "label")
        expected = sorted(label for label, _ in step.keputusan.branches()) if step.keputusan else []
        assert labels == expected, step.nomor


@pytest.mark.parametrize("key", ALL_KEYS)
def test_printed_pages_cut_ways_at_lettered_connectors(key: str,
                                                       catalogue: tuple[Catalogue, Path]) -> None:
    sop = _sop(catalogue, key)
    rows = len(sop.langkah) + 2
    breaks = list(range(3, rows, 4))  # a cut every four rows, wherever the ways go
    pages = form.pages(sop, breaks)
    assert [row.nomor for page in pages for row in page.rows if row.kind == "langkah"] == \
        [step.nomor for step in sop.langkah]
    letters: dict[str, int] = {}
    for page in pages:
        for row in page.rows:
            for items in row.cells:
                for item in items:
                    if item.kind == "simbol" and item.shape == "sambung":
                        letters[item.text] = letters.get(item.text, 0) + 1
    # Each way cut by a page ends at one connector and starts again at the same letter.
    ways = sum(1 for source, exits in flow.successors(sop.langkah).items() for _ in exits) + 1
    assert letters and all(count == 2 for count in letters.values()), letters
    assert len(letters) <= ways
    # The way from a page's last row to the next page's first always goes through one.
    assert len(letters) >= len(breaks)


# --- on screen, without JavaScript -------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with chromium.serve(site) as base:
        yield base.rstrip("/")


# Boxes of everything drawn in the screen table, read with the page's own script off: the
# driver runs this through the DevTools protocol, which works with JavaScript disabled.
GEOMETRY = """
const table = document.querySelector('.sop-bagan__layar table');
const box = el => { const r = el.getBoundingClientRect();
  return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
const heads = [...table.querySelectorAll('thead th.sop-bagan__pelaksana')]
  .map(th => ({name: th.textContent, ...box(th)}));
const rows = [...table.querySelectorAll('tbody tr')].map(tr => {
  const cells = [...tr.querySelectorAll('td.sop-bagan__sel')];
  return {id: tr.id, kind: tr.className, ...box(tr),
    symbols: cells.flatMap((td, col) => [...td.querySelectorAll('.sop-simbol')].map(s =>
      ({col: col, node: s.dataset.simpul, shape: s.className, ...box(s)}))),
    lines: cells.flatMap((td, col) => [...td.querySelectorAll('.sop-garis')].map(g =>
      ({col: col, from: g.dataset.dari === undefined ? null : g.dataset.dari,
        join: g.classList.contains('sop-garis--gabung'),
        vertical: g.classList.contains('sop-garis--v'), ...box(g)}))),
    arrows: cells.flatMap(td => [...td.querySelectorAll('.sop-panah')].map(a =>
      ({down: a.classList.contains('sop-panah--bawah'), ...box(a)}))),
    labels: cells.flatMap(td => [...td.querySelectorAll('.sop-label')].map(l =>
      ({text: l.textContent, ...box(l)}))),
  };
});
return {heads: heads, rows: rows, scripts: typeof window.mermaid};
"""


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def of(cls, data: dict[str, Any]) -> Box:
        return cls(data["l"], data["r"], data["t"], data["b"])

    def inset(self, by: float) -> Box:
        return Box(self.left + by, self.right - by, self.top + by, self.bottom - by)

    def meets(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


def _geometry(browser: Any, url: str) -> dict[str, Any]:
    browser.get(url)
    result = browser.execute_cdp_cmd("Runtime.evaluate", {
        "expression": f"(() => {{{GEOMETRY}}})()", "returnByValue": True})
    value: dict[str, Any] = result["result"]["value"]
    return value


@pytest.mark.browser
@pytest.mark.parametrize("key", ALL_KEYS)
def test_symbols_sit_in_their_executor_column_and_row(key: str, catalogue: tuple[Catalogue, Path],
                                                      nojs_browser: Any, served: str) -> None:
    sop = _sop(catalogue, key)
    page = _geometry(nojs_browser, f"{served}/{key}/")
    assert page["scripts"] == "undefined"  # JavaScript really is off
    heads = [Box.of(head) for head in page["heads"]]
    assert [html.unescape(head["name"]) for head in page["heads"]] == list(sop.pelaksana)
    by_id = {row["id"]: row for row in page["rows"] if row["id"]}
    lanes = {name: index for index, name in enumerate(sop.pelaksana)}
    for step in sop.langkah:
        row = by_id[f"langkah-{step.nomor}"]
        row_box = Box.of(row)
        symbols = [s for s in row["symbols"] if s["node"] == str(step.nomor)]
        assert sorted(s["col"] for s in symbols) == sorted({lanes[n] for n in step.pelaksana})
        for symbol in symbols:
            shape = Box.of(symbol)
            head = heads[symbol["col"]]
            assert head.left <= shape.left and shape.right <= head.right, (step.nomor, symbol)
            assert row_box.top <= shape.top and shape.bottom <= row_box.bottom, step.nomor
            centre = (shape.left + shape.right) / 2
            assert abs(centre - (head.left + head.right) / 2) < 2, step.nomor


@pytest.mark.browser
@pytest.mark.parametrize("key", ALL_KEYS)
def test_connectors_end_on_symbols_and_cross_none(key: str, nojs_browser: Any,
                                                  served: str) -> None:
    page = _geometry(nojs_browser, f"{served}/{key}/")
    symbols = [(row_index, s) for row_index, row in enumerate(page["rows"])
               for s in row["symbols"]]
    boxes = [Box.of(s) for _, s in symbols]
    near = 1.5
    arrows = [a for row in page["rows"] for a in row["arrows"]]
    assert arrows
    for arrow in arrows:
        tip = Box.of(arrow)
        if arrow["down"]:
            x, y = (tip.left + tip.right) / 2, tip.bottom
            assert any(abs(y - b.top) <= near and b.left <= x <= b.right for b in boxes), arrow
        else:
            x, y = tip.left, (tip.top + tip.bottom) / 2
            assert any(abs(x - b.right) <= near and b.top <= y <= b.bottom for b in boxes), arrow
    lines = [line for row in page["rows"] for line in row["lines"]]
    for line in lines:
        if line["from"] is not None:
            # The first segment of each way out starts on the bottom of its symbol.
            start = Box.of(line)
            assert any(abs(start.top - b.bottom) <= near and b.left <= start.left <= b.right
                       for b in boxes), line
    for line in lines:
        if line["join"]:
            continue
        segment = Box.of(line)
        # A zero-width line's box is its 1px border: shrink the symbols instead.
        for box in boxes:
            assert not segment.meets(box.inset(near)), (line, box)
        for row in page["rows"]:
            for label in row["labels"]:
                assert not segment.meets(Box.of(label).inset(near)), (
                    sorted(line.items()), sorted(label.items()))


@pytest.mark.browser
def test_decision_labels_are_on_screen_without_javascript(nojs_browser: Any, served: str,
                                                          catalogue: tuple[Catalogue, Path]
                                                          ) -> None:
    sop = _sop(catalogue, V2_KEYS[0])
    page = _geometry(nojs_browser, f"{served}/{V2_KEYS[0]}/")
    shown = sorted(label["text"] for row in page["rows"] for label in row["labels"])
    written = sorted(label for step in sop.langkah if step.keputusan
                     for label, _ in step.keputusan.branches())
    assert shown == written


# --- on a phone ------------------------------------------------------------------------------

PHONE = """
const blocks = [...document.querySelectorAll('.sop-bagan__layar tbody tr')]
  .filter(tr => tr.getBoundingClientRect().height > 0)
  .map(tr => ({id: tr.id, text: tr.innerText,
               right: tr.getBoundingClientRect().right}));
const table = document.querySelector('.sop-bagan__layar table');
const box = document.querySelector('.sop-bagan__layar');
return {width: document.documentElement.scrollWidth, blocks: blocks,
        section: document.querySelector('.sop-bagan').getBoundingClientRect().right,
        box: [box.clientWidth, box.scrollWidth, box.getBoundingClientRect().right],
        thead: getComputedStyle(table.querySelector('thead')).display};
"""


@pytest.mark.browser
@pytest.mark.parametrize("key", [LONG_KEY, DRAFT])
def test_phone_reads_each_step_as_a_block_and_the_table_is_one_tap_away(
        key: str, catalogue: tuple[Catalogue, Path], browser: Any, served: str) -> None:
    sop = _sop(catalogue, key)
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{served}/{key}/")
        page = browser.execute_script(PHONE)
        assert page["width"] <= 390
        assert page["thead"] == "none"
        assert [block["id"] for block in page["blocks"]] == [
            f"langkah-{step.nomor}" for step in sop.langkah]
        for step, block in zip(sop.langkah, page["blocks"], strict=True):
            text = " ".join(block["text"].split())
            assert " ".join(step.kegiatan.split()) in text
            assert f"Pelaksana: {', '.join(step.pelaksana)}" in text
            if step.waktu:
                assert step.waktu in text
            assert block["right"] <= 390
        browser.find_element("css selector", "label.sop-bagan__ganti-label").click()
        page = browser.execute_script(PHONE)
        assert page["thead"] != "none"
        # The table scrolls inside its own box, the section stays within the screen.
        client, scroll, right = page["box"]
        assert scroll > client and right <= 390 and page["section"] <= 390
    finally:
        browser.set_window_size(1400, 1000)


# --- on paper ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")


def _words(path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    text = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    sizes, words = [], []
    for number, chunk in enumerate(text.split("<page ")[1:]):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size is not None
        sizes.append((float(size[1]), float(size[2])))
        for match in _WORD.finditer(chunk):
            words.append(Word(number, float(match[1]), float(match[2]), float(match[3]),
                              float(match[4]), html.unescape(match[5])))
    return sizes, words


@pytest.fixture(scope="module")
def pdfs(site: Path) -> dict[str, Path]:
    for tool in ("pdftotext",):
        if shutil.which(tool) is None:
            if IN_CI:
                pytest.fail(f"{tool} missing: CI must run the print tests")
            pytest.skip(f"{tool} missing")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if IN_CI:
            pytest.fail("Chromium missing: CI must run the print tests")
        pytest.skip("Chromium missing")
    keys = [*SOP_KEYS, LONG_KEY]
    paths = pdf.render_all(site, [f"{key}/" for key in keys])
    return dict(zip(keys, paths, strict=True))


def _numbers_rows(words: list[Word], lanes: int) -> dict[int, list[Word]]:
    """Per page of the form table, the header's row of column numbers (1, 2, 3, ...): the
    words "1" to the last column's number on one line, left to right."""
    count = lanes + 6
    rows: dict[int, list[Word]] = {}
    for one in (w for w in words if w.text == "1"):
        line = sorted((w for w in words if w.page == one.page and abs(w.top - one.top) < 1
                       and w.text.isdigit()), key=lambda w: w.left)
        if [w.text for w in line][:count] == [str(n) for n in range(1, count + 1)]:
            rows[one.page] = line
    return rows


@pytest.mark.browser
@pytest.mark.parametrize("key", [*SOP_KEYS, LONG_KEY])
def test_pdf_prints_the_form_table(key: str, catalogue: tuple[Catalogue, Path],
                                   pdfs: dict[str, Path]) -> None:
    sop = _sop(catalogue, key)
    sizes, words = _words(pdfs[key])
    numbers = _numbers_rows(words, len(sop.pelaksana))
    assert numbers, "no page of the form table"
    lanes = len(sop.pelaksana)
    for number, line in numbers.items():
        width, height = sizes[number]
        assert (round(width), round(height)) == (842, 595), "not A4 landscape"
        # Every executor's name heads its column on every page of the table: the header
        # words above the column's number, read in order (a narrow column may break a word).
        centres = [(w.left + w.right) / 2 for w in line]
        # Executor columns are equally wide: half the distance between two of their centres.
        half = (centres[3] - centres[2]) / 2 if lanes > 1 else 40.0
        for index, name in enumerate(sop.pelaksana):
            centre = centres[2 + index]
            head = sorted((w for w in words if w.page == number and w.bottom <= line[0].top
                           and abs((w.left + w.right) / 2 - centre) < half),
                          key=lambda w: (round(w.top), w.left))
            assert "".join(w.text for w in head).endswith(name.replace(" ", "")), (number, name)
        # No text of the table under 8 pt (the running footer in the margin is 7 pt).
        for word in words:
            if word.page == number and word.bottom < height - 57:
                assert word.bottom - word.top >= 7.9, word
    below = [w for w in words if w.page in numbers and w.top > numbers[w.page][0].bottom]
    no_column = numbers[next(iter(numbers))][0].right + 4
    for step in sop.langkah:
        found = [w for w in below if w.text == str(step.nomor) and w.right <= no_column]
        assert len(found) == 1, (step.nomor, found)
        first = found[0]

        def on_row(text: str, first: Word = first) -> bool:
            return any(w.page == first.page and w.text == text and abs(w.top - first.top) < 2.5
                       for w in below)

        assert on_row(step.kegiatan.split()[0]), (step.nomor, "kegiatan")
        if step.waktu:
            assert on_row(step.waktu.split()[0]), (step.nomor, "waktu")
        if step.output:
            assert on_row(step.output[0].split()[0]), (step.nomor, "output")
    assert lanes
    # The swimlane is not printed: its boxes said "n. kegiatan".
    text = " ".join(w.text for w in words)
    assert f"1. {sop.langkah[0].kegiatan.split()[0]}" not in text


@pytest.mark.browser
def test_long_sop_prints_on_several_pages_with_connectors(pdfs: dict[str, Path]) -> None:
    _, words = _words(pdfs[LONG_KEY])
    pages = _numbers_rows(words, 8)
    assert len(pages) >= 3
    # Connector letters are single capitals alone in the executor columns.
    letters = [w.text for w in words if w.page in pages and re.fullmatch(r"[A-Z]", w.text)]
    assert letters
    for letter in set(letters):
        assert letters.count(letter) == 2, letter
