"""MkDocs hook of Katalog SOP: a thin adapter from MkDocs events to ``katalog_sop``.

Registered with ``hooks:`` in mkdocs.yml. MkDocs caches this module across ``mkdocs serve``
rebuilds, so it keeps no state of its own: everything is derived from ``config`` and
``files`` in each event.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from katalog_sop.problems import RULES
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import escape, pages
from katalog_sop.site import csp

log = logging.getLogger("mkdocs.plugins.katalog")

NAV_SECTION = "Instansi"
"""The mkdocs.yml nav section (written as ``- Instansi: []``) that lists every instansi."""

REPORT_PAGE = "laporan-kesesuaian.md"
GUIDE_PAGE = "panduan-penyunting.md"


def _setting(config: MkDocsConfig, key: str, default: str = "") -> str:
    value = (config.extra.get("katalog") or {}).get(key)
    return str(value) if value else default


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _context(config: MkDocsConfig) -> pages.SiteContext:
    # SOURCE_DATE_EPOCH (reproducible-builds.org) pins the build date for byte-identical output.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = (dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch and epoch.isdigit()
             else dt.date.today())
    return pages.SiteContext(
        built=built,
        site_url=config.site_url or "",
        edit_base=_setting(config, "edit_base"),
        pdf=_setting(config, "pdf").lower() in ("1", "true", "ya"),
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        raise PluginError("Katalog SOP membutuhkan use_directory_urls: true "
                          "(alamat halaman /instansi/sop/).")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = _project_dir(config)
    only = _setting(config, "instansi") or None
    result = load_catalogue(project / _setting(config, "sops_dir", "sops"), project, only=only)
    for warning in result.warnings:
        log.info("%s", warning)
    if result.catalogue is None:
        lines = "\n".join(str(p) for p in result.errors)
        raise PluginError(
            f"Data SOP tidak valid ({len(result.errors)} masalah); situs tidak dibangun:\n{lines}")
    catalogue = result.catalogue
    if only is not None and catalogue.instansi:
        # Templates print the site name unescaped, like page titles.
        config.site_name = escape.html(f"Katalog SOP {pages.search_label(catalogue.instansi[0])}")

    context = _context(config)
    for page in pages.plan(catalogue, context):
        # SOP pages stay out of the nav: Material renders the whole nav into every page.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown,
                                    inclusion=inclusion))
    for path, content in pages.open_data(catalogue, context):
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, REPORT_PAGE,
                                content=pages.warnings_report(result.warnings, catalogue)))

    appendices = {"index.md": pages.instansi_table(catalogue),
                  GUIDE_PAGE: pages.rules_reference(RULES.values())}
    for src_uri, appendix in appendices.items():
        written = files.get_file_from_path(src_uri)
        if written is None:
            continue
        files.remove(written)
        combined = File.generated(config, src_uri, content=(
            written.content_string.rstrip("\n") + "\n\n" + appendix))
        combined.edit_uri = written.edit_uri
        files.append(combined)

    config.nav = _with_instansi(config.nav, [f"{agency.slug}/index.md"
                                             for agency in catalogue.instansi])
    return files


def _with_instansi(nav: list[Any] | None, entries: list[str]) -> list[Any] | None:
    """The configured nav with the empty ``Instansi`` section filled in."""
    if nav is None:
        return None
    return [{NAV_SECTION: entries} if isinstance(item, dict) and item.get(NAV_SECTION) == []
            else item for item in nav]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    """Point each page's edit button at the file an editor changes."""
    site = _context(config)
    sops_dir = _setting(config, "sops_dir", "sops")
    src = page.file.src_uri
    if page.file.edit_uri is not None:  # a page written in docs/
        docs = Path(config.docs_dir).resolve().relative_to(_project_dir(config)).as_posix()
        page.edit_url = site.edit_url(f"{docs}/{page.file.edit_uri}")
    elif src.endswith("/index.md"):
        page.edit_url = site.edit_url(f"{sops_dir}/{src.removesuffix('index.md')}instansi.yaml")
    elif src != REPORT_PAGE:
        page.edit_url = site.edit_url(f"{sops_dir}/{src.removesuffix('.md')}.yaml")
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give the page its Content Security Policy (after mermaid2 added its script)."""
    return csp.with_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same policy for pages built from theme templates alone (404.html)."""
    return csp.with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site for search (Pagefind), then print PDFs if that step is on."""
    site = Path(config.site_dir)
    # The same policy as a header, for web servers that read a _headers file; see README.
    policy = csp.site_policy(p.read_text("utf-8") for p in sorted(site.rglob("*.html")))
    (site / "_headers").write_text(
        f"/*\n  Content-Security-Policy: {policy}; frame-ancestors 'self'\n"
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
        encoding="utf-8")
    _index_for_search(site)
    if not _context(config).pdf:
        return
    from katalog_sop.site import pdf  # needs selenium and Chromium: only imported when asked for

    site = Path(config.site_dir)
    targets = sorted(p.parent for p in site.glob("*/*/index.html"))
    try:
        written = pdf.render_all(site, [t.relative_to(site).as_posix() + "/" for t in targets])
    except pdf.PdfError as err:
        raise PluginError(f"PDF tidak dibuat: {err}") from None
    log.info("PDF: %d halaman SOP dicetak ke PDF", len(written))


def _index_for_search(site: Path) -> None:
    """Run Pagefind (PyPI pagefind[bin]) over the built site: it writes site/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                timeout=900)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PluginError(f"Pagefind tidak dapat dijalankan: {err}") from None
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip() or f"exit status {result.returncode}"
        raise PluginError(f"Indeks pencarian (Pagefind) gagal dibuat: {detail}")
