"""The Jinja environment of the page templates, and the turning of their output into Markdown.

Every value a template prints passes ``_finalize``: plain text is escaped with
``escape.html`` (newlines and tabs become character references), so editor text is always
escaped; values that already are HTML arrive as ``markupsafe.Markup``; integers print as
they are; anything else is a mistake and fails the build.

Templates are written readably, one element a line. Their output is compacted:
outside ``<pre>``, every line loses its indentation and trailing spaces and empty lines are
dropped; inside ``<pre>``, lines are kept exactly. So template lines must begin and end with
markup, never with printed text (whose own spaces would be lost), and the content of an
element whose text is shown (``p``, ``td``, ``li``, ...) stays on one line: the page CSS shows
line breaks in editor text, and a line break between such tags would show as one too.
"""

from __future__ import annotations

import functools
import json
import re

import jinja2
from markupsafe import Markup

from . import escape, text

_PRE = re.compile(r"<(/?)pre\b", re.IGNORECASE)
_BLANK = " \t"


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        return Markup(escape.html(value))
    if isinstance(value, jinja2.Undefined):
        return value  # printing it raises: the environment's undefined is StrictUndefined
    raise TypeError(f"a template printed a {type(value).__name__}, not text: {value!r}")


def _breakable(value: str) -> Markup:
    """Editor text, escaped, that a narrow column may break after each slash
    ("Kasi/<wbr>Kasubag"): the text shown is unchanged."""
    return Markup(escape.html(value).replace("/", "/<wbr>"))


@functools.cache
def environment() -> jinja2.Environment:
    """The environment of the templates in ``templates/``, made once per process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("katalog_sop.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every template's output ends its last line, so an included one keeps its own lines.
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["tanggal"] = text.tanggal
    env.filters["putus"] = _breakable
    env.filters["angka"] = text.angka
    return env


def render(name: str, /, **values: object) -> str:
    """The raw output of template ``name`` (before compacting)."""
    return environment().get_template(name).render(**values)


def _lines(rendered: str) -> list[tuple[str, bool]]:
    """Each line, stripped where outside ``<pre>``, with whether it is a blank line there."""
    lines = []
    in_pre = False
    for line in rendered.split("\n"):
        starts_in_pre = in_pre
        for match in _PRE.finditer(line):
            in_pre = not match[1]
        if not starts_in_pre:
            line = line.lstrip(_BLANK)
        if not in_pre:
            line = line.rstrip(_BLANK)
        lines.append((line, not line and not starts_in_pre and not in_pre))
    return lines


def html_block(name: str, /, **values: object) -> str:
    """Template ``name`` as one raw HTML block: compacted, with no blank line at all."""
    return "\n".join(line for line, blank in _lines(render(name, **values)) if not blank)


def blocks(name: str, /, **values: object) -> list[str]:
    """Template ``name`` as Markdown blocks: blank lines in its output separate them, and
    each is compacted."""
    result: list[list[str]] = [[]]
    for line, blank in _lines(render(name, **values)):
        if blank:
            result.append([])
        else:
            result[-1].append(line)
    return ["\n".join(block) for block in result if block]


def markdown(*parts: str) -> str:
    """Markdown blocks (front matter, raw HTML blocks) as one page, empty parts left out."""
    return "\n\n".join(part for part in parts if part) + "\n"


def front_matter(title: str, **extra: object) -> str:
    """The YAML front matter of a page with this title and further keys."""
    # The title is stored HTML-escaped: Material prints page.meta.title unescaped into both
    # <title> and the header, so the escaped form is what keeps either from being markup.
    lines = ["---", f"title: {json.dumps(escape.html(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    lines.append("---")
    return "\n".join(lines)
