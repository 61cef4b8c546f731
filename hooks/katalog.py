"""MkDocs hook of Katalog SOP: event functions handing over to ``katalog_sop``. MkDocs caches
this module across ``mkdocs serve`` rebuilds: no state here; settings live on ``config``."""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from katalog_sop import settings
from katalog_sop.read.catalogue import load_catalogue
from katalog_sop.render import mermaid, site_plan
from katalog_sop.site import csp, diagrams, html_pages, pagefind

log = logging.getLogger("mkdocs.plugins.katalog")


def _settings(config: MkDocsConfig) -> settings.Settings:
    return config.extra["katalog"]  # type: ignore[no-any-return]  # set by on_config


def _held(config: MkDocsConfig) -> html_pages.HeldPages:
    return config.extra["katalog_html"]  # type: ignore[no-any-return]  # set by on_files


def _drawings(config: MkDocsConfig) -> diagrams.Cache | None:
    return config.extra.get("katalog_diagram")  # type: ignore[no-any-return]  # by on_files


def _mermaid_js(config: MkDocsConfig) -> Path:
    """The vendored Mermaid, as configured for mermaid2 (the same file in either mode)."""
    plugin = config.plugins.get("mermaid2")
    javascript = plugin.config.get("javascript") if plugin is not None else None
    if not isinstance(javascript, str) or "://" in javascript:
        raise PluginError("Diagram alir saat pembangunan membutuhkan Mermaid di docs/: isi "
                          "plugins.mermaid2.javascript dengan berkasnya (mkdocs.yml)")
    return Path(config.docs_dir) / javascript


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        raise PluginError("Katalog SOP membutuhkan use_directory_urls: true "
                          "(alamat halaman /instansi/sop/).")
    try:
        site = settings.read(config.extra.get("katalog"), config.site_url, os.environ)
    except settings.SettingsError as err:
        raise PluginError(f"Pengaturan tidak sah: {err}") from None
    try:
        mode, note = diagrams.choose(site.diagram, os.environ)
    except diagrams.DiagramError as err:
        raise PluginError(str(err)) from None
    if note:
        log.info("%s", note)
    config.extra["katalog"] = dataclasses.replace(site, diagram=mode)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _settings(config)
    project = Path(config.config_file_path).resolve().parent
    result = load_catalogue(project / site.sops_dir, project, only=site.instansi)
    for warning in result.warnings:
        log.info("%s", warning)
    if result.catalogue is None:
        lines = "\n".join(str(p) for p in result.errors)
        raise PluginError(
            f"Data SOP tidak valid ({len(result.errors)} masalah); situs tidak dibangun:\n{lines}")
    plan = site_plan.build(result.catalogue, result.warnings, site)
    if site.diagram_svg:
        config.extra["katalog_diagram"] = _draw(plan.diagrams, project, config,
                                                prune=site.instansi is None)
    config.site_name = plan.site_name or config.site_name
    config.extra["katalog_html"] = html_pages.HeldPages(
        page.src_uri for page in plan.pages if page.raw_html)
    for page in plan.pages:
        # SOP pages stay out of the nav: Material renders the whole nav into every page.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown,
                                    inclusion=inclusion))
    for src_uri, appendix in plan.appendices.items():
        if (written := files.get_file_from_path(src_uri)) is not None:
            files.remove(written)
            combined = File.generated(config, src_uri, content=(
                written.content_string.rstrip("\n") + "\n\n" + appendix))
            combined.edit_uri = written.edit_uri
            files.append(combined)
    config.nav = site_plan.with_instansi(config.nav, plan.nav_entries)
    return files


def _draw(drawn: list[tuple[str, str]], project: Path, config: MkDocsConfig,
          prune: bool) -> diagrams.Cache:
    """Draw the diagrams missing from the cache; the cache the pages take them from."""
    try:
        cache = diagrams.open_cache(project, Path(config.docs_dir), _mermaid_js(config))
        done = diagrams.draw(cache, drawn, os.environ,
                             lambda n, total: log.info("Diagram alir: %d dari %d digambar",
                                                       n, total))
    except diagrams.DiagramError as err:
        raise PluginError(f"Diagram alir tidak dibuat: {err}") from None
    log.info("Diagram alir: %d digambar, %d dari cache (%s)", done.drawn, done.cached,
             cache.folder.relative_to(project).as_posix())
    if prune:
        diagrams.prune(cache, (mermaid.key(source) for _, source in drawn))
    return cache


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page of raw HTML skips Markdown (``site.html_pages``): held until
    ``on_page_content``."""
    return _held(config).take(page.file.src_uri, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _held(config).give(page.file.src_uri, html)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    """Point each page's edit button at the file an editor changes."""
    docs = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).parent)
    written = f"{docs.as_posix()}/{page.file.edit_uri}" if page.file.edit_uri else None
    page.edit_url = _settings(config).page_edit_url(page.file.src_uri, written)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give the page its Content Security Policy and put in its diagram drawn at build time
    (both after mermaid2, which so never sees nor re-parses an SVG; the policy first, as the
    drawing has no script and would only lengthen the policy's search)."""
    output = csp.with_policy(output)
    cache = _drawings(config)
    if cache is not None:
        try:
            output = diagrams.inline(output, cache)
        except diagrams.DiagramError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same policy for pages built from theme templates alone (404.html)."""
    return csp.with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    """``_headers``, the search index, then the PDFs if that step is on."""
    site = Path(config.site_dir)
    csp.write_headers(site)
    try:
        pagefind.index(site)
    except pagefind.SearchIndexError as err:
        raise PluginError(str(err)) from None
    if _settings(config).pdf:
        from katalog_sop.site import pdf  # needs selenium and Chromium: only when asked
        try:
            log.info("PDF: %d halaman SOP dicetak ke PDF", len(pdf.render_site(site)))
        except pdf.PdfError as err:
            raise PluginError(f"PDF tidak dibuat: {err}") from None
