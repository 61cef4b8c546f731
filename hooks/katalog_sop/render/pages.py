"""The generated pages as Markdown text: pure functions from the model to ``str``.

Editor text only ever enters through ``escape.html`` (inside raw HTML blocks, which Markdown
leaves alone; the templates' ``finalize`` applies it to every printed text) or
``escape.mermaid``. Links are relative and assume directory URLs: an instansi lives at
``<instansi>/``, an SOP at ``<instansi>/<sop>/``.

The page layouts are the templates in ``templates/``; this module gathers the public names
of the modules that fill them.
"""

from __future__ import annotations

from .context import ALL_DATA, DATA_DIR, GeneratedPage, SiteContext
from .guide import rules_reference, warnings_report
from .legal import index_pages as legal_pages
from .listings import instansi_page, instansi_table, search_filter, search_label
from .plan import open_data, plan
from .sop_page import sop_page

__all__ = [
    "ALL_DATA",
    "DATA_DIR",
    "GeneratedPage",
    "SiteContext",
    "instansi_page",
    "instansi_table",
    "legal_pages",
    "open_data",
    "plan",
    "rules_reference",
    "search_filter",
    "search_label",
    "sop_page",
    "warnings_report",
]
