"""Generated raw-HTML pages skip Markdown (``site/html_pages.py``): the HTML MkDocs gets for
each is exactly what Markdown, with MkDocs' own processors, makes of the same page text.

Run through MkDocs itself, in this process: the project's config with its hook, the build's
own start (config, pre_build, files events), then for every page the real ``Page.render``
once without the events (what plain MkDocs makes of the text) and once between the page
events, as ``mkdocs build`` runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page
from test_rules import INSTANSI, VALID

from conftest import ROOT, copy_project
from katalog_sop.site import html_pages

HOSTILE_TEXT = "Izin <b>&amp; \"Izin\"</b> &lt; 'x' > `kode` *tebal* _miring_ <!-- c --> [a](b)"
"""Text that Markdown would change if it ever read it (emphasis, code, entities, comments)."""


def _started(project: Path) -> tuple[MkDocsConfig, Files]:
    """The config and files after MkDocs' own start of a build of ``project``."""
    with mock.patch.dict(os.environ, {"KATALOG_DIAGRAM": "js", "NO_MKDOCS_2_WARNING": "1"}):
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = config.plugins.on_files(get_files(config), config=config)
    return config, files


def _rendered(page_file: object, config: MkDocsConfig, files: Files, *, events: bool) -> str:
    page = Page(None, page_file, config)  # type: ignore[arg-type]
    page.read_source(config)
    assert page.markdown is not None
    if events:
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                        files=files)
    page.render(config, files)
    assert page.content is not None
    if events:
        return config.plugins.on_page_content(page.content, page=page, config=config,
                                              files=files)  # type: ignore[no-any-return]
    return page.content


def _hostile(folder: Path) -> Path:
    """A catalogue whose editor text looks like Markdown, entities and markup."""
    text = HOSTILE_TEXT.replace("\\", "\\\\").replace('"', '\\"')
    sop = (VALID.replace("nama: Contoh", f'nama: "{text}"', 1)
           .replace("kegiatan: Menyusun draft", f'kegiatan: "{text}"', 1)
           .replace("  - UU 25/2009", f'  - UU 25/2009\n  - "{text}"', 1))
    for name, content in {"dinas/instansi.yaml": INSTANSI, "dinas/contoh.yaml": sop,
                          "dinas/kedua.yaml": VALID.replace("nama: Contoh", "nama: Kedua")
                          .replace('"800/1"', '"800/2"')}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["seeds", "alur-v2", "bagan-panjang", "hostile"])
def started(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[MkDocsConfig, Files]]:
    tmp = tmp_path_factory.mktemp(request.param)
    sops = {"seeds": None, "hostile": _hostile(tmp / "sops")}.get(
        request.param, ROOT / "tests" / "data" / request.param)
    project = copy_project(tmp / "project", sops)
    yield _started(project)
    shutil.rmtree(project, ignore_errors=True)


def test_raw_pages_are_what_markdown_makes_of_them(started: tuple[MkDocsConfig, Files]
                                                   ) -> None:
    config, files = started
    held = config.extra["katalog_html"]
    assert isinstance(held, html_pages.HeldPages)
    pages = [f for f in files.documentation_pages()]
    raw = [f for f in pages if held.holds(f.src_uri)]
    # Every SOP page, every instansi page, the report and the legal index skip Markdown.
    sop_pages = [f for f in pages if f.src_uri.count("/") == 1
                 and not f.src_uri.endswith("/index.md")
                 and not f.src_uri.startswith("dasar-hukum/")]
    assert sop_pages and set(sop_pages) <= set(raw)
    assert {"laporan-kesesuaian.md", "dasar-hukum.md"} <= {f.src_uri for f in raw}
    assert any(f.src_uri.endswith("/index.md") for f in raw)
    for page_file in raw:
        plain = _rendered(page_file, config, files, events=False)
        assert _rendered(page_file, config, files, events=True) == plain, page_file.src_uri


def test_written_pages_still_go_through_markdown(started: tuple[MkDocsConfig, Files]) -> None:
    config, files = started
    held = config.extra["katalog_html"]
    written = [f for f in files.documentation_pages() if not f.generated_by]
    assert written and not any(held.holds(f.src_uri) for f in written)
    home = files.get_file_from_path("index.md")
    assert home is not None and not held.holds("index.md")
    assert "<h1" in _rendered(home, config, files, events=True)  # "# …" became a heading


def test_hostile_text_reaches_the_page_escaped(tmp_path: Path) -> None:
    config, files = _started(copy_project(tmp_path / "project", _hostile(tmp_path / "sops")))
    page_file = files.get_file_from_path("dinas/contoh.md")
    assert page_file is not None
    html = _rendered(page_file, config, files, events=True)
    assert "<b>" not in html and "<!-- c -->" not in html and "<em>" not in html
    assert "&lt;b&gt;&amp;amp; &quot;Izin&quot;&lt;/b&gt;" in html
