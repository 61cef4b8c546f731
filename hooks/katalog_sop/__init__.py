"""Katalog SOP: turns SOP YAML files into catalogue pages.

A plain package that knows nothing of MkDocs. Imports go one way:
``model``, ``problems`` <- ``read`` (files, YAML, field table, loaders, checks) <- ``render``
(templates, diagrams, open data) <- ``site`` (the built site: CSP, search, PDF) <- adapters
(the MkDocs hook in ``hooks/katalog.py``, ``cli``).
"""

__version__ = "0.1.0"
