"""Helpers for the property tests: a small HTML tree reader and a Mermaid page for the browser.

No tests live here. The reader follows the HTML standard where Python's ``html.parser``
does not: numeric character references decode as a browser decodes them (``&#0;`` is
U+FFFD, ``&#128;`` is the euro sign), and control-character references are kept.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.entities import html5
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from katalog_sop.site import chromium

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass(eq=False)
class Element:
    """An element of a parsed page: tag, attributes, and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    line: int = 0

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 **attrs: str) -> list[Element]:
        """Descendants (and self) with this tag, class and attribute values."""
        return [el for el in self.iter()
                if (tag is None or el.tag == tag) and (cls is None or cls in el.classes)
                and all(el.attrs.get(name.rstrip("_").replace("_", "-")) == value
                        for name, value in attrs.items())]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        """The single descendant that matches; fails if there are none or several."""
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    @property
    def text(self) -> str:
        """The text content, as ``Node.textContent`` gives it."""
        return "".join(child if isinstance(child, str) else child.text
                       for child in self.children)

    @property
    def own_text(self) -> str:
        """Only the text directly inside this element."""
        return "".join(child for child in self.children if isinstance(child, str))

    def split_by_br(self) -> list[str]:
        """The text of the children between ``<br>`` elements."""
        parts = [""]
        for child in self.children:
            if isinstance(child, Element) and child.tag == "br":
                parts.append("")
            else:
                parts[-1] += child if isinstance(child, str) else child.text
        return parts


def _charref(name: str) -> str:
    number = int(name[1:], 16) if name[:1] in ("x", "X") else int(name)
    if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        return "\ufffd"
    if 0x80 <= number <= 0x9F:
        try:
            return bytes([number]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(number)
    return chr(number)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {name: value or "" for name, value in attrs},
                          line=self.getpos()[0])
        self.stack[-1].children.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._add(tag, attrs)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def _text(self, text: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_charref(self, name: str) -> None:
        self._text(_charref(name))

    def handle_entityref(self, name: str) -> None:
        self._text(html5.get(name + ";", f"&{name};"))


def parse_html(text: str) -> Element:
    """The element tree of a whole page."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# --- Mermaid in the browser ---

MERMAID_JS = Path(__file__).resolve().parent.parent / "docs/assets/vendor/mermaid/mermaid.min.js"

MERMAID_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>mermaid</title>
<script src="mermaid.min.js"></script>
<script>mermaid.initialize({startOnLoad: false});</script>
</head><body></body></html>
"""

RENDER = """
const [source, id, done] = arguments;
(async () => {
  try {
    await mermaid.parse(source);
    const {svg} = await mermaid.render(id, source);
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const root = holder.querySelector('svg');
    const texts = [...root.querySelectorAll('*')]
      .filter(el => el.tagName.toLowerCase() !== 'style' && el.children.length === 0)
      .map(el => el.textContent);
    done({ok: true, role: root.getAttribute('aria-roledescription'), texts: texts,
          error: root.querySelector('.error-text') ? 'error diagram' : null});
  } catch (err) {
    done({ok: false, error: String((err && err.message) || err)});
  }
})();
"""


class MermaidPage:
    """A tiny local page that loads only the vendored Mermaid, served on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(MERMAID_JS, folder / "mermaid.min.js")
        (folder / "index.html").write_text(MERMAID_PAGE, encoding="utf-8")
        self._server = contextlib.ExitStack()
        self.url = self._server.enter_context(chromium.serve(folder)) + "index.html"
        self.count = 0

    def render(self, driver: Any, source: str) -> dict[str, Any]:
        """``mermaid.parse`` then ``mermaid.render`` of ``source``: ok, role, texts, error."""
        if driver.current_url != self.url:
            driver.get(self.url)
        self.count += 1
        result: dict[str, Any] = driver.execute_async_script(RENDER, source, f"d{self.count}")
        return result

    def close(self) -> None:
        self._server.close()
