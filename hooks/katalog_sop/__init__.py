"""Katalog SOP: turns SOP YAML files into catalogue pages.

A plain package that knows nothing of MkDocs. Imports go one way:
model <- loading (yamlnodes, loader, checks, catalogue) <- rendering (escape, text,
mermaid, pages) <- adapters (the MkDocs hook in ``hooks/katalog.py``, ``cli``).
"""

__version__ = "0.1.0"
