"""Rendering: the model to page Markdown/HTML (Jinja2 templates), diagrams, open data."""
