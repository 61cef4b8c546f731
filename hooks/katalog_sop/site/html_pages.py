"""Generated pages that Markdown would only copy, handed to MkDocs after Markdown.

The hook's own pages (an SOP, an instansi, the report, the legal index) are front matter and
raw HTML blocks (``GeneratedPage.raw_html``). Python-Markdown returns such a text exactly as
written, less the line breaks at its ends, but only after reading all of it twice with
Python's ``HTMLParser``: once to find where its raw blocks end and once more for MkDocs'
list of the page's anchor ids. For a catalogue of 5,000 SOPs that reading was about half of
the build (measured with cProfile: 80 s of 125 s at 1,000 SOPs). So the hook takes such a
page's text away before Markdown (``on_page_markdown``: Markdown gets nothing to do) and
gives it back as the page's HTML (``on_page_content``). ``tests/test_html_pages.py`` checks
that the HTML is what Markdown makes of the same text, page for page.

What MkDocs no longer learns is the list of a generated page's anchor ids, which it uses only
to check links written in Markdown as ``page.md#anchor``; no page links into a generated page
that way (generated pages link each other in their HTML, which MkDocs never checks).
"""

from __future__ import annotations

from collections.abc import Iterable


class HeldPages:
    """The raw-HTML pages of one build, and the text taken from each until it is given back.

    Made anew by every build's ``on_files`` (and kept on its config): nothing outlives a
    build, as the hook module itself outlives ``mkdocs serve`` rebuilds.
    """

    def __init__(self, src_uris: Iterable[str]) -> None:
        self._raw = frozenset(src_uris)
        self._held: dict[str, str] = {}

    def holds(self, src_uri: str) -> bool:
        """Whether the page at ``src_uri`` is one that skips Markdown."""
        return src_uri in self._raw

    def take(self, src_uri: str, markdown: str) -> str:
        """What Markdown gets of the page: nothing for a raw-HTML page (its text is held
        until ``give``), any other page's text unchanged."""
        if src_uri not in self._raw:
            return markdown
        self._held[src_uri] = markdown
        return ""

    def give(self, src_uri: str, html: str) -> str:
        """The page's HTML: the held text, as Markdown would have returned it (after
        whatever Markdown made of nothing, which is nothing), or ``html`` unchanged."""
        held = self._held.pop(src_uri, None)
        if held is None:
            return html
        return html + held.strip("\n")
