"""Swimlanes drawn at build time: every SOP's Mermaid source rendered to SVG in one headless
Chromium page with the vendored Mermaid (the same library and settings as in the reader's
browser, plus ``htmlLabels: false``, so the SVG has no ``foreignObject``), cached on disk and
put inline into its page, which then loads no Mermaid script.

The cache (``.cache/diagram-alir/<fingerprint>/<key>.svg``) is keyed by each diagram's
source (``render.mermaid.key``) inside a folder named after everything else that shapes the
drawing: the Mermaid file, the settings script, the configuration, the drawing page and this
module's post-processing (``FORMAT``). A rebuild draws only what changed.

Editor text reaches the SVG only as Mermaid labels (escaped by ``escape.mermaid``) that
Mermaid writes as SVG text under ``securityLevel: strict``; the accessible name put in at
page time comes from the page's own escaped text and is escaped again here.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..render import escape, mermaid
from . import chromium

log = logging.getLogger("mkdocs.plugins.katalog")

FORMAT = 1
"""The version of the post-processing (``tidy``): changing it starts a new cache folder."""
SVG_ID = "sop-swimlane"
"""The id Mermaid draws with; every id in the SVG starts with it (one diagram a page)."""
CACHE_DIR = Path(".cache") / "diagram-alir"
"""The drawing cache, from the project root (git-ignored; kept by the deploy workflow)."""
SETTINGS_SCRIPT = Path("assets") / "katalog.js"
"""The site's script that sets Mermaid's settings in the browser (from ``docs/``)."""
MATERIAL_THEME_CSS = "components/content/mermaid/index.css"
"""Where the theme's own diagram CSS (its ``themeCSS``) is in its bundle's source map."""
PROGRESS_EVERY = 250
REPORT = "Laporkan ke pemelihara situs, dengan nama berkas ini."
"""The fix for a diagram our generator made but Mermaid cannot draw: a bug, not bad data."""

PLACEHOLDER_ATTRIBUTE = "data-diagram-alir="
"""Marks where a page wants its drawing (``templates/sop_page.html``)."""
PLACEHOLDER = re.compile(r'<span data-diagram-alir="(?P<key>[0-9a-f]{64})">(?P<name>[^<]*)</span>')
"""A placeholder as the template writes it: the drawing's key and the page's name for it."""
_DIGITS = re.compile(r"(\.\d\d)\d+")
_GEOMETRY = re.compile(r'(?<=\s)(d|points|transform|x|y|x1|x2|y1|y2|width|height|viewBox|cx|cy'
                       r'|r|rx|ry)="([^"]*)"')
_VIEWBOX = re.compile(r'viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"')
_ID = re.compile(r'\sid="([^"]+)"')
_ROOT = re.compile(r"<svg\b[^>]*>")
_STADIUM = re.compile(r'<g class="basic label-container outer-path">'
                      r'<path d="(?P<fill>[MC\d\s.,e-]+)" stroke="none"[^>]*></path>'
                      r'<path d="[MC\d\s.,e-]+"[^>]*></path></g>')
_COORDINATE = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


class DiagramError(Exception):
    """A diagram could not be drawn at build time; the message (Indonesian) says which and
    why."""


def choose(requested: str, environment: Mapping[str, str]) -> tuple[str, str | None]:
    """The drawing mode for ``KATALOG_DIAGRAM`` (``requested``: "svg", "js" or empty), and
    an info line when the automatic choice falls back to the browser."""
    if requested == "js":
        return "js", None
    reason = chromium.missing(environment)
    if reason is None:
        return "svg", None
    if requested == "svg":
        raise DiagramError(f"KATALOG_DIAGRAM=svg: diagram alir tidak dapat digambar saat "
                           f"pembangunan: {reason}")
    return "js", (f"Diagram alir digambar di peramban pengunjung (KATALOG_DIAGRAM=js), "
                  f"karena {reason}")


@dataclass(frozen=True)
class Cache:
    """The drawings of one Mermaid file, configuration and post-processing, and what draws
    them."""

    folder: Path
    mermaid_js: Path
    settings_js: Path
    mermaid_config: str
    """The configuration as JSON (``config``)."""

    def path(self, key: str) -> Path:
        """Where the drawing of the source with this key is kept."""
        return self.folder / f"{key}.svg"


@dataclass(frozen=True)
class Drawing:
    """What ``draw`` did."""

    drawn: int
    """Diagrams drawn in Chromium by this build."""
    cached: int
    """Diagrams already in the cache."""


def config(material_css: str) -> dict[str, Any]:
    """Mermaid's configuration: Material's ``initialize()`` options (its loader draws the
    diagrams in the browser), with labels as SVG text instead of HTML."""
    return {"startOnLoad": False, "themeCSS": material_css,
            "sequence": {"actorFontSize": "16px", "messageFontSize": "16px",
                         "noteFontSize": "16px"},
            "htmlLabels": False, "flowchart": {"htmlLabels": False}}


def material_theme_css() -> str:
    """The CSS Material gives Mermaid (``themeCSS``), from the installed theme's source map."""
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.origin is not None:
        scripts = Path(spec.origin).parent / "templates" / "assets" / "javascripts"
        for source_map in sorted(scripts.glob("bundle.*.min.js.map")):
            data = json.loads(source_map.read_text("utf-8"))
            for name, content in zip(data.get("sources", []), data.get("sourcesContent", []),
                                     strict=False):
                if name.endswith(MATERIAL_THEME_CSS) and content:
                    return str(content)
    raise DiagramError("CSS diagram tema Material tidak ditemukan (mkdocs-material terpasang "
                       "tanpa source map?): pasang ulang dengan pip install -r requirements.txt")


def open_cache(project: Path, docs: Path, mermaid_js: Path) -> Cache:
    """The cache of ``project`` for the Mermaid file ``mermaid_js`` and the settings script
    of ``docs`` (its folder made when missing)."""
    settings_js = docs / SETTINGS_SCRIPT
    mermaid_config = json.dumps(config(material_theme_css()), sort_keys=True)
    fingerprint = hashlib.sha256()
    for part in (mermaid_js.read_bytes(), settings_js.read_bytes(), mermaid_config.encode(),
                 _PAGE.encode(), f"{FORMAT} {SVG_ID}".encode()):
        fingerprint.update(hashlib.sha256(part).digest())
    folder = project / CACHE_DIR / fingerprint.hexdigest()[:32]
    _check_place(project, folder)
    folder.mkdir(parents=True, exist_ok=True)
    return Cache(folder, mermaid_js, settings_js, mermaid_config)


def _check_place(project: Path, folder: Path) -> None:
    """Refuse a cache that a pull request could have planted: a link on its way (the build
    would read and write where it points, outside the repository), or drawings kept in git
    (each would replace the diagram of every page whose source has its key)."""
    part = project
    for name in folder.relative_to(project).parts:
        part = part / name
        if part.is_symlink():
            raise DiagramError(
                f"{part.relative_to(project).as_posix()} adalah tautan (symlink); cache gambar "
                "diagram tidak boleh menunjuk ke tempat lain. Hapus tautan itu dari repositori.")
    tracked = _tracked(project, CACHE_DIR.parts[0])
    if tracked:
        raise DiagramError(
            f"{tracked[0]} tersimpan di git: berkas di {CACHE_DIR.parts[0]}/ dibuat oleh "
            "pembangunan dan tidak boleh ikut dikirim, karena gambar di sana menggantikan "
            f"diagram halaman. Hapus dari git: git rm -r --cached {CACHE_DIR.parts[0]}")


def _tracked(project: Path, folder: str) -> list[str]:
    """The files under ``folder`` that git tracks in ``project``'s repository ([] when
    ``project`` is not in one, or git is not installed)."""
    try:
        result = subprocess.run(["git", "-C", str(project), "ls-files", "-z", "--", folder],
                                capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if result.returncode != 0:
        return []
    return [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]


def _read(path: Path) -> str:
    """A drawing from the cache: a regular file, never read through a link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(0, "bukan berkas biasa")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read().decode("utf-8")
    finally:
        os.close(descriptor)


def prune(cache: Cache, keep: Iterable[str]) -> int:
    """Remove drawings not in ``keep`` and the folders of other fingerprints (after a build
    of the whole catalogue); the number of files removed."""
    wanted = {f"{key}.svg" for key in keep}
    removed = 0
    for path in cache.folder.glob("*.svg"):
        if path.name not in wanted:
            path.unlink()
            removed += 1
    for path in cache.folder.glob("*.tmp"):  # left by a build that was stopped
        path.unlink()
    for other in cache.folder.parent.iterdir():
        if (other != cache.folder and not other.is_symlink() and other.is_dir()
                and re.fullmatch(r"[0-9a-f]{32}", other.name)):
            shutil.rmtree(other)
    return removed


_PAGE = r"""<!doctype html><html lang="id"><head><meta charset="utf-8">
<script src="{settings}"></script><script src="{mermaid}"></script></head><body><script>
// Labels reach Mermaid as "#<code>;" escapes (escape.mermaid), which it turns into character
// references; HTML labels decode those, SVG text would show them as typed. So text set on
// SVG elements is decoded first (one pass: a reference an editor typed stays as typed),
// before Mermaid measures and draws it. It stays text: nothing here is parsed as markup.
const textContent = Object.getOwnPropertyDescriptor(Node.prototype, "textContent");
Object.defineProperty(Node.prototype, "textContent", {{
  get: textContent.get,
  set(value) {{
    if (this instanceof SVGElement && typeof value === "string") {{
      value = value.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));
    }}
    textContent.set.call(this, value);
  }},
}});
mermaid.initialize({config});
window.__katalogDraw = async function (source) {{
  try {{
    return {{svg: (await mermaid.render({svg_id}, source)).svg}};
  }} catch (error) {{
    for (const left of document.querySelectorAll({leftovers})) left.remove();
    return {{error: String((error && error.message) || error).slice(0, 300)}};
  }}
}};
</script></body></html>
"""


def draw(cache: Cache, diagrams: Iterable[tuple[str, str]],
         environment: Mapping[str, str] | None = None,
         progress: Callable[[int, int], None] | None = None) -> Drawing:
    """Draw every ``(SOP file, Mermaid source)`` missing from the cache, in one Chromium
    page; a diagram Mermaid cannot draw stops with a DiagramError naming its file."""
    missing: dict[str, tuple[str, str]] = {}
    known = 0
    for source_file, source in diagrams:
        key = mermaid.key(source)
        if key in missing:
            continue
        if cache.path(key).exists():
            known += 1
        else:
            missing[key] = (source_file, source)
    if not missing:
        return Drawing(0, known)
    with tempfile.TemporaryDirectory(prefix="katalog-diagram-") as folder:
        page = Path(folder) / "gambar.html"
        page.write_text(_PAGE.format(
            settings=cache.settings_js.resolve().as_uri(),
            mermaid=cache.mermaid_js.resolve().as_uri(),
            config=cache.mermaid_config, svg_id=json.dumps(SVG_ID),
            leftovers=json.dumps(f"#{SVG_ID}, #d{SVG_ID}, #i{SVG_ID}")), "utf-8")
        try:
            driver = chromium.start(environment)
        except chromium.ChromiumError as err:
            raise DiagramError(f"diagram alir tidak dapat digambar: {err}") from None
        try:
            _load(driver, page)
            for done, (key, (source_file, source)) in enumerate(missing.items(), start=1):
                _write(cache.path(key), tidy(_render(driver, source_file, source), source_file))
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, len(missing))
        finally:
            driver.quit()
    return Drawing(len(missing), known)


def _load(driver: Any, page: Path) -> None:
    try:
        driver.get(page.as_uri())
        ready = driver.execute_script("return typeof window.__katalogDraw === 'function' "
                                      "&& typeof window.mermaid.render === 'function'")
    except Exception as err:  # selenium's errors: the page did not load
        raise DiagramError(f"Mermaid tidak dapat dimuat di Chromium ({type(err).__name__})"
                           ) from None
    if not ready:
        raise DiagramError("Mermaid tidak dapat dimuat di Chromium")


def _render(driver: Any, source_file: str, source: str) -> str:
    try:
        result = driver.execute_async_script(
            "window.__katalogDraw(arguments[0]).then(arguments[arguments.length - 1]);", source)
    except Exception as err:  # selenium's errors: a time-out, or Chromium gone
        raise DiagramError(f"{source_file}: diagram alir tidak selesai digambar (batas "
                           f"{chromium.PAGE_TIMEOUT} detik; {type(err).__name__}). {REPORT}"
                           ) from None
    if not isinstance(result, dict) or not isinstance(result.get("svg"), str):
        error = result.get("error") if isinstance(result, dict) else result
        raise DiagramError(f"{source_file}: Mermaid gagal menggambar diagram alir: {error}. "
                           + REPORT)
    return str(result["svg"])


def _write(path: Path, svg: str) -> None:
    """Write atomically: a build stopped midway leaves no half drawing in the cache. The
    temporary file is new (never an existing file or link)."""
    descriptor, temporary = tempfile.mkstemp(suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(svg)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stadium(match: re.Match[str]) -> str:
    """A stadium ("Mulai", "Selesai") as the rounded rectangle it is: Mermaid draws each as
    two paths of a hundred curves (about 15 KB); the theme's CSS colours a ``rect`` of a node
    as it does a ``path``."""
    numbers = [float(n) for n in _COORDINATE.findall(match["fill"])]
    xs, ys = numbers[0::2], numbers[1::2]
    left, top, width, height = min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
    return (f'<g class="basic label-container outer-path"><rect x="{left:.2f}" y="{top:.2f}" '
            f'width="{width:.2f}" height="{height:.2f}" rx="{height / 2:.2f}" '
            f'ry="{height / 2:.2f}"></rect></g>')


def tidy(svg: str, source_file: str = "") -> str:
    """Mermaid's SVG made ready to inline: a plain checked root (class, role, natural size),
    every id under ``SVG_ID``, and most of its bytes gone: geometry cut to 1/100 px (Mermaid
    writes 15 digits), its per-edge point data left out, stadiums as rounded rectangles.
    Raises DiagramError if it is not a swimlane."""
    root = _ROOT.match(svg)
    if (root is None or f'id="{SVG_ID}"' not in root[0]
            or 'aria-roledescription="swimlane"' not in root[0]):
        raise DiagramError(f"{source_file}: Mermaid tidak menggambar diagram swimlane")
    svg = re.sub(r'\sdata-points="[^"]*"', "", svg)
    svg = _STADIUM.sub(_stadium, svg)
    svg = _GEOMETRY.sub(lambda m: m[1] + '="' + _DIGITS.sub(r"\1", m[2]) + '"', svg)
    strays = [name for name in dict.fromkeys(_ID.findall(svg)) if not name.startswith(SVG_ID)]
    if strays:  # the lanes: Mermaid names them after the subgraphs
        names = "|".join(re.escape(name) for name in sorted(strays, key=len, reverse=True))
        svg = re.sub(rf'(id="|#)({names})(?=["):])', rf"\g<1>{SVG_ID}-\g<2>", svg)
    root = _ROOT.match(svg)
    box = _VIEWBOX.search(root[0]) if root else None
    if root is None or box is None:
        raise DiagramError(f"{source_file}: diagram alir tanpa ukuran (viewBox)")
    width, height = box[3], box[4]
    new_root = (f'<svg id="{SVG_ID}" class="sop-diagram__svg" xmlns="http://www.w3.org/2000/svg" '
                f'viewBox="{box[1]} {box[2]} {width} {height}" width="{width}" '
                f'height="{height}" style="--sop-diagram-lebar: {width}px" role="img">')
    return new_root + svg[root.end():]


def inline(page: str, cache: Cache) -> str:
    """The page with each diagram placeholder replaced by its drawing, named by the
    placeholder's text (``role="img"``, ``aria-label`` and ``<title>``)."""
    def drawing(match: re.Match[str]) -> str:
        path = cache.path(match["key"])
        try:
            svg = _read(path)
        except (OSError, UnicodeDecodeError):
            raise DiagramError(f"gambar diagram alir {match['key']} tidak ada di {cache.folder} "
                               "(atau bukan berkas biasa)") from None
        # The text is the page's escaped text (possibly re-serialised by mermaid2's parser):
        # read it back and escape it once for both places.
        name = escape.html(html.unescape(match["name"]))
        root = svg.index(">") + 1
        return (svg[:root - 1] + f' aria-label="{name}">' + f"<title>{name}</title>"
                + svg[root:])

    page = PLACEHOLDER.sub(drawing, page)
    if PLACEHOLDER_ATTRIBUTE in page:  # never a page that lacks the diagram it should show
        raise DiagramError("tempat diagram alir di halaman tidak dikenali")
    return page
