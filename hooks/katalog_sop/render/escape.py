"""The only ways editor text reaches output: HTML (also inside Markdown), Mermaid, CSS strings."""

from __future__ import annotations

import html as _html


def html(text: str) -> str:
    """Escape text for HTML content or a quoted attribute.

    Newlines become character references so that no editor text can end a raw HTML block
    in the Markdown source; the page CSS shows them as line breaks (``white-space``).
    Markdown never reads inside the raw HTML blocks this text is placed in, but it does
    expand tabs in its whole source first, so tabs become references too.
    """
    escaped = _html.escape(text, quote=True)
    return (escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


def mermaid(text: str) -> str:
    """A quoted Mermaid label: every character but ASCII letters, digits and the space
    becomes ``#<decimal>;``, which Mermaid turns back into the character itself."""
    body = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == " " else f"#{ord(ch)};"
                   for ch in text)
    return f'"{body}"'


def css_string(text: str) -> str:
    """A quoted CSS string (for generated ``content:``): every character but ASCII letters,
    digits and the space as a hexadecimal escape, so nothing can end the string, the rule or
    the ``<style>`` element."""
    body = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == " " else f"\\{ord(ch):x} "
                   for ch in text)
    return f'"{body}"'
