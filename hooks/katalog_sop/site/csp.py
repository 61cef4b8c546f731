"""Content Security Policy for built pages: no script runs unless it is a file of the site or
one of the theme's own small inline scripts, allowed by its SHA-256 hash.

Only inline scripts outside the page's article are allowed, and only those that look like the
theme's (Material) or mermaid2's: editor text ends up inside the article, so even a failure of
escaping could not get a script of an editor's allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_ARTICLE = re.compile(r'<article class="md-content__inner.*?</article>', re.S)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")

THEME_SCRIPTS = (
    "__md_scope=new URL(",  # Material: the site's base address
    "var palette=__md_get(",  # Material: colour palette
    "var target=document.getElementById(location.hash",  # Material: content tabs
    "window.mermaidConfig = ",  # mermaid2: configuration read by Material's loader
)

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    # Mermaid writes <style> into each SVG and sets style attributes; Material sets styles too.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
SCRIPT_SOURCES = ("'self'", "'wasm-unsafe-eval'")  # Pagefind searches with WebAssembly


def _digest(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of the theme's inline scripts of a page, in order, without repeats."""
    outside = _ARTICLE.sub("", html)
    hashes: list[str] = []
    for match in _SCRIPT.finditer(outside):
        attrs, body = match["attrs"], match["body"]
        if "src=" in attrs or "application/json" in attrs:
            continue
        if body.startswith(THEME_SCRIPTS):
            digest = _digest(body)
            if digest not in hashes:
                hashes.append(digest)
    return hashes


def policy(hashes: Iterable[str]) -> str:
    """The policy text, allowing the given inline-script hashes."""
    scripts = " ".join((*SCRIPT_SOURCES, *sorted(set(hashes))))
    return "; ".join((*BASE_POLICY, f"script-src {scripts}"))


def with_policy(html: str) -> str:
    """The page with its policy as the first element of ``<head>``."""
    rules = policy(inline_script_hashes(html))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{rules}">'
    return html.replace("<head>", "<head>\n" + meta, 1)


def site_policy(pages: Iterable[str]) -> str:
    """One policy for every page of the site (for a web server header): the union of theirs."""
    hashes: set[str] = set()
    for html in pages:
        match = _META.search(html)
        if match:
            hashes.update(_HASH.findall(match["policy"]))
    return policy(hashes)


def write_headers(site: Path) -> None:
    """``site/_headers`` (Netlify/Cloudflare Pages format): the site's policy as an HTTP
    header, for web servers that read such a file; see README."""
    rules = site_policy(p.read_text("utf-8") for p in sorted(site.rglob("*.html")))
    (site / "_headers").write_text(
        f"/*\n  Content-Security-Policy: {rules}; frame-ancestors 'self'\n"
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
        encoding="utf-8")
