"""Build and browse synthetic catalogues of several sizes; print one Markdown table.

    python scripts/benchmark.py                      # 500, 2,000 and 5,000 SOPs (minutes)
    python scripts/benchmark.py --sizes 50           # a quick smoke run
    python scripts/benchmark.py --out result.md --no-browser
    python scripts/benchmark.py --sizes 500 --diagram js     # diagrams drawn in the browser

For each size: a synthetic catalogue (scripts/synthetic.py) is built twice by real
``mkdocs build --strict`` subprocesses, once with the hook (the real site) and once as the
"floor": the very Markdown pages the hook generated, written as plain files into ``docs/`` and
built with the same mkdocs.yml minus ``hooks:``. With diagrams drawn at build time (the
default, ``--diagram svg``) the first hook build starts with an empty drawing cache ("cold")
and the others reuse it ("warm"). Then the hook-built site is served on
loopback and opened in headless Chromium (with the PDF step's server and flags,
``katalog_sop.site.chromium``) to count what a reader downloads. See scripts/README.md for what
each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fnmatch
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import synthetic

ROOT = Path(__file__).resolve().parent.parent
# The package, also without ``pip install -e .``: imported only where the browser part needs
# it, so that the --capture step loads the snapshot's own package (through its hook).
sys.path.insert(0, str(ROOT / "hooks"))

# --- what the browser part looks for; change here when the search or the diagram changes ---

SEARCH_BOX = "#katalog-cari-kotak"
"""The header's search box on the home page: Enter leads to cari/, where Pagefind's UI runs."""
FIRST_RESULT = "return document.querySelector('.pagefind-ui__result-link') !== null"
"""True once the first search result shows (with its link: its fragment has loaded)."""
RESULTS_SHOWN = """
const cards = [...document.querySelectorAll('.pagefind-ui__result')];
return cards.length && cards.every(c => c.querySelector('.pagefind-ui__result-link'))
  ? cards.length : 0;
"""
"""The number of search results shown, once every shown result has loaded (else 0)."""
RESOURCES_LOADED = """
return document.readyState === 'complete' ? performance.getEntriesByType('resource').length : -1;
"""
"""The page's resource count once it has loaded (else -1): stable means the page is quiet."""
WORKER_FETCH = ".pf_index"
"""A file only Pagefind's web worker fetches: proof that the worker's downloads are counted."""
SEARCH_INDEX = "pagefind"
"""The folder of the search index in a built site (written by the hook after the build)."""

CHROMIUM = os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver")
WINDOW = "--window-size=1400,1000"
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
FLOOR_DROPPED_KEYS = ("hooks", "watch", "nav", "not_in_nav")
"""mkdocs.yml keys the floor build rewrites (``watch`` names folders the floor lacks)."""
FLOOR_NOT_IN_NAV = "/*/*.md\n!/*/index.md\n"
"""The floor's SOP pages (``<instansi>/<sop>.md``) are kept out of the nav, as the hook does."""
DRAWN = re.compile(r"Diagram alir: (\d+) digambar, (\d+) dari cache")
"""The hook's log line saying how many diagrams a build drew and took from its cache."""
CPU_SLOWDOWN = 4
"""CPU throttling for the "cheap phone" timing (CDP ``Emulation.setCPUThrottlingRate``)."""
TIMED_LOADS = 3
"""Fresh page loads timed with the CPU throttled; the median counts."""
MERMAID_JS = Path("assets") / "vendor" / "mermaid" / "mermaid.min.js"
"""The vendored Mermaid, from ``docs/`` (mkdocs.yml: ``plugins.mermaid2.javascript``)."""
LEAN_CONFIG = "mkdocs-lean.yml"
"""The lean floor's config in the floor project: the floor's, plus ``LEAN_HOOK``."""
LEAN_PAGES = "lean-pages.txt"
"""The pages the lean floor keeps from Markdown: the ones the hook hands over after it."""
LEAN_HOOK_FILE = "floor_lean.py"
"""The lean floor's only hook (``LEAN_HOOK``), beside its config."""
LEAN_HOOK = '''"""Lean floor of scripts/benchmark.py: the pages in {pages} skip Markdown,
as the catalogue hook's raw-HTML pages do (hooks/katalog_sop/site/html_pages.py); one build
per process, so module state is fine here."""
from pathlib import Path

_RAW = frozenset((Path(__file__).parent / "{pages}").read_text("utf-8").splitlines())
_HELD = {{}}


def on_page_markdown(markdown, page, **_):
    if page.file.src_uri not in _RAW:
        return markdown
    _HELD[page.file.src_uri] = markdown
    return ""


def on_page_content(html, page, **_):
    held = _HELD.pop(page.file.src_uri, None)
    return html if held is None else html + held.strip("\\n")
'''
"""The text of ``LEAN_HOOK_FILE`` (``{pages}``: ``LEAN_PAGES``)."""


def log(message: str) -> None:
    """Progress, on stderr (the table goes to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- builds ---


@dataclass(frozen=True)
class Run:
    """One measured subprocess."""

    seconds: float
    peak_rss: int
    """Bytes: the peak RSS of the process itself (VmHWM, polled from /proc while it runs)."""
    peak_rss_tree: int
    """Bytes: ru_maxrss from wait4, the largest of the process and its own children (such
    as the Pagefind run inside the hook build); no earlier child of ours can count."""


def _high_water_mark(pid: int) -> int | None:
    """VmHWM of a running process in bytes (None once it has exited, or without /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match[1]) * 1024 if match else None


def measured_run(command: Sequence[str], cwd: Path, env: dict[str, str], log_file: Path) -> Run:
    """Run ``command`` to completion; its wall time and peak RSS. Fails loudly on error."""
    with log_file.open("wb") as output:
        start = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        # rusage cannot tell the process from its children, so its own peak is polled.
        own_peak = [0]
        done = threading.Event()

        def poll() -> None:
            while not done.wait(0.1):
                mark = _high_water_mark(process.pid)
                if mark is not None:
                    own_peak[0] = max(own_peak[0], mark)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - start
        done.set()
        poller.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log_file.read_text(errors="replace")[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    tree = usage.ru_maxrss * 1024  # Linux reports KiB
    return Run(seconds, own_peak[0] or tree, tree)


def build_env(diagram: str = "svg") -> dict[str, str]:
    """The environment of every build: the caller's, minus the project's KATALOG_* options
    (PDFs, a single instansi...), so that the default site is measured, with its diagrams
    drawn as ``diagram`` says (``KATALOG_DIAGRAM``)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("KATALOG_")}
    return {**inherited, "NO_MKDOCS_2_WARNING": "1", "KATALOG_DIAGRAM": diagram,
            # A fixed build date, so that the captured floor pages equal the hook's.
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1735689600")}


def mkdocs_build(project: Path, site: Path, log_file: Path, diagram: str = "svg",
                 config: str = "mkdocs.yml") -> Run:
    """A real ``mkdocs build --strict`` (never -q: it hides warnings) in a subprocess."""
    return measured_run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                         str(project / config), "-d", str(site)],
                        project, build_env(diagram), log_file)


def diagrams_drawn(log_file: Path) -> tuple[int, int] | None:
    """(drawn, from the cache) in a hook build's log; None when it drew none at build time."""
    found = DRAWN.findall(log_file.read_text(errors="replace"))
    return (int(found[-1][0]), int(found[-1][1])) if found else None


SNAPSHOT_SKIPPED_AT_TOP = (".git", ".github", ".ci", "sops", "site", "tests", "scripts",
                           ".venv*", "build", ".cache")
"""Top-level folders the project snapshot leaves out: the catalogue, outputs, and what a
build never reads (only at the top: ``hooks/katalog_sop/site/`` is code)."""
SNAPSHOT_SKIPPED = ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "*.egg-info")
"""Caches, left out at any depth."""


def _snapshot_ignore(folder: str, names: list[str]) -> set[str]:
    patterns = SNAPSHOT_SKIPPED + (SNAPSHOT_SKIPPED_AT_TOP if Path(folder) == ROOT else ())
    return {name for name in names if any(fnmatch.fnmatch(name, p) for p in patterns)}


def snapshot_project(dest: Path) -> Path:
    """A copy of the project without its catalogue, taken once so every size builds the same
    code (others may edit the working tree meanwhile). Everything else is copied, so that
    whatever mkdocs.yml refers to (docs/, hooks/, theme overrides...) comes along."""
    shutil.copytree(ROOT, dest, ignore=_snapshot_ignore)
    return dest


def index_for_search(project: Path, site: Path, log_file: Path) -> Run:
    """Index ``site`` for search as the hook does after its build (``pagefind.index``, from
    the snapshot's code), in a measured subprocess: the floor build's missing step."""
    script = ("import sys; from pathlib import Path; from katalog_sop.site import pagefind; "
              "pagefind.index(Path(sys.argv[1]))")
    return measured_run([sys.executable, "-c", script, str(site)], project,
                        {**build_env(), "PYTHONPATH": str(project / "hooks")}, log_file)


def capture_floor(project: Path, floor: Path) -> None:
    """Fill the floor project: every page exactly as the hook made it, nav written out.

    Runs MkDocs' own start of a build (config, pre_build, files events), so that what the
    hook contributes is taken from the hook itself and stays right when the hook changes.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(get_files(config), config=config)
    docs = floor / Path(config.docs_dir).resolve().relative_to(project.resolve())
    shutil.rmtree(docs, ignore_errors=True)  # only the files MkDocs would read
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
    out_of_nav = {f.src_uri for f in files.documentation_pages()
                  if f.inclusion is InclusionLevel.NOT_IN_NAV}
    _check_not_in_nav(out_of_nav, [f.src_uri for f in files.documentation_pages()])
    floor_config = _floor_config(project / "mkdocs.yml", config.nav)
    (floor / "mkdocs.yml").write_text(floor_config, encoding="utf-8")
    # The lean floor: the same, but the pages the hook hands to MkDocs after Markdown skip
    # Markdown there too, so that it is what MkDocs and the theme alone cost for these pages.
    held = config.extra["katalog_html"]
    lean = [f.src_uri for f in files.documentation_pages() if held.holds(f.src_uri)]
    if not lean:
        raise RuntimeError("the hook hands no page over after Markdown: update the lean floor")
    (floor / LEAN_PAGES).write_text("\n".join(lean) + "\n", encoding="utf-8")
    (floor / LEAN_HOOK_FILE).write_text(LEAN_HOOK.format(pages=LEAN_PAGES), encoding="utf-8")
    (floor / LEAN_CONFIG).write_text(floor_config + f"hooks:\n  - {LEAN_HOOK_FILE}\n",
                                     encoding="utf-8")


def _check_not_in_nav(expected: set[str], pages: list[str]) -> None:
    """The floor's ``not_in_nav`` pattern must select exactly the pages the hook kept out."""
    import pathspec

    spec = pathspec.PathSpec.from_lines("gitwildmatch", FLOOR_NOT_IN_NAV.splitlines())
    # MkDocs matches not_in_nav against "/"-prefixed paths.
    matched = {page for page in pages if spec.match_file("/" + page)}
    if matched != expected:
        raise RuntimeError("the floor's not_in_nav pattern no longer matches the hook: "
                           f"{sorted(matched ^ expected)[:5]}")


def _floor_config(source: Path, nav: Any) -> str:
    """``source`` without ``hooks:``/``watch:``/``nav:``, plus the hook's nav, written out.

    Edited as text: mkdocs.yml holds ``!ENV`` and ``!!python/name`` tags that a YAML
    round trip would lose.
    """
    import yaml

    kept: list[str] = []
    dropping = False
    for line in source.read_text(encoding="utf-8").splitlines():
        key = TOP_LEVEL_KEY.match(line)
        if key:
            dropping = key[1] in FLOOR_DROPPED_KEYS
        if not dropping:
            kept.append(line)
    not_in_nav = "".join(f"  {line}\n" for line in FLOOR_NOT_IN_NAV.splitlines())
    return ("\n".join(kept).rstrip("\n") + "\n\n# Floor build: the hook's nav, written out.\n"
            + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
            + "not_in_nav: |\n" + not_in_nav)


def _check_same_pages(site: Path, floor_site: Path) -> None:
    """Both builds must have made the same HTML pages, or the comparison is meaningless."""
    def pages(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*.html")}

    differ = pages(site) ^ pages(floor_site)
    if differ:
        raise RuntimeError(f"the floor site's pages differ from the hook's: {sorted(differ)[:5]}")


def _check_same_html(floor_site: Path, lean_site: Path, page: str) -> None:
    """The lean floor must make the very HTML the floor makes (it only skips work)."""
    path = page.strip("/") + "/index.html"
    if (floor_site / path).read_bytes() != (lean_site / path).read_bytes():
        raise RuntimeError(f"the lean floor's {path} differs from the floor's")


def diagram_work(project: Path, floor_site: Path) -> float:
    """Seconds a warm build spends on its diagrams, measured apart from the build: finding
    each drawing in the cache (as ``diagrams.draw`` does) and putting it into its page
    (``diagrams.inline``, the hook's own call), over the floor site's SOP pages, which still
    hold the placeholders the hook fills. The pages are read before the clock starts."""
    from katalog_sop.site import diagrams

    docs = project / "docs"
    cache = diagrams.open_cache(project, docs, docs / MERMAID_JS)
    pages = [path.read_text(encoding="utf-8") for path in sorted(floor_site.rglob("index.html"))]
    pages = [page for page in pages if diagrams.PLACEHOLDER_ATTRIBUTE in page]
    keys = [match["key"] for page in pages for match in diagrams.PLACEHOLDER.finditer(page)]
    if not pages or len(keys) != len(pages):
        raise RuntimeError("no diagram placeholders in the floor site: update diagram_work")
    started = time.perf_counter()
    missing = sum(not cache.path(key).exists() for key in keys)
    for page in pages:
        diagrams.inline(page, cache)
    seconds = time.perf_counter() - started
    if missing:
        raise RuntimeError(f"diagram_work: {missing} drawings are not in the cache")
    return seconds


@dataclass(frozen=True)
class SiteSize:
    """Bytes and files of a built site."""

    total: int
    files: int
    search: int
    """Bytes of the search index (``SEARCH_INDEX`` folder: index, its code and WebAssembly)."""


def site_size(site: Path) -> SiteSize:
    """Everything on disk under ``site``."""
    total = files = search = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if path.relative_to(site).parts[0] == SEARCH_INDEX:
                search += size
    return SiteSize(total, files, search)


def typical_sop_page(site: Path, sops: Path) -> tuple[str, int]:
    """The SOP page of median HTML size: its URL path and byte count."""
    sizes = sorted(
        ((site / path.parent.name / path.stem / "index.html").stat().st_size,
         f"/{path.parent.name}/{path.stem}/")
        for path in sops.glob("*/*.yaml") if path.name != synthetic.INSTANSI_FILE
    )
    size, url = sizes[(len(sizes) - 1) // 2]
    return url, size


# --- browser ---


def browser_available() -> bool:
    """Whether headless Chromium and chromedriver are installed."""
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


@contextlib.contextmanager
def fresh_browser(cpu_slowdown: int = 1) -> Iterator[Any]:
    """A fresh headless Chromium (empty cache) with the PDF step's flags, logging network
    events and the ``devtools.timeline`` trace (which sees web workers' requests too).

    With ``cpu_slowdown`` above 1, the CPU is throttled that many times (as a cheap phone)
    and every page times its diagram (``DIAGRAM_WATCH``).
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from katalog_sop.site import chromium, pdf

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*chromium.CHROME_ARGUMENTS, WINDOW):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {
        "enableNetwork": True, "enablePage": False, "traceCategories": "devtools.timeline"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Material renders each diagram into a closed shadow root; pdf.DIAGRAM_STATE looks inside.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": chromium.OPEN_SHADOW_ROOTS})
    if cpu_slowdown > 1:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": DIAGRAM_WATCH % pdf.DIAGRAM_STATE})
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class _Request:
    """What the performance log says about one request (by Chromium's request id)."""

    url: str = ""
    finished: int | None = None
    """``encodedDataLength`` of the page's ``Network.loadingFinished``: headers and body."""
    failed: bool = False
    headers_text: int = 0
    content_length: int | None = None
    """From ``Network.responseReceivedExtraInfo``: the response's header bytes and length."""
    trace_headers: int = 0
    trace_data: int = 0
    trace_finished: int | None = None
    """From the trace's ``ResourceReceiveResponse``, ``ResourceReceivedData`` and
    ``ResourceFinish`` events (the URL from its ``ResourceSendRequest``)."""
    started: float = float("inf")
    """When the request was sent, in seconds of the browser's clock (``browser_clock``)."""

    def size(self) -> int | None:
        """Bytes received (headers and body), or None while the request has not ended."""
        if self.failed:
            return None
        if self.finished is not None:
            return self.finished
        if self.content_length is not None and self.headers_text:
            # A worker's own script: the page sees its response but never its end.
            return self.headers_text + self.content_length
        if self.trace_finished is not None:
            # ResourceFinish counts only the headers of some responses; the chunks do not lie.
            return max(self.trace_finished, self.trace_headers + self.trace_data)
        return None


def browser_clock(driver: Any) -> float:
    """The browser's clock now, in seconds: the clock of its network and trace events."""
    driver.execute_cdp_cmd("Performance.enable", {})
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "Timestamp"))


@dataclass
class NetworkLog:
    """Every request one browser session made to ``base``, from ChromeDriver's performance log.

    The page's ``Network`` events miss what a web worker fetches (Pagefind's worker loads the
    WebAssembly module, the index and the result fragments) and the end of the worker's own
    script; the trace's ``Resource*`` events have the worker's fetches, and the script's
    response headers give its length. ChromeDriver hands the trace over once, at the
    session's first ``get_log``, so the log is read once, at the end; ``downloads`` splits it
    by the time each request was sent. A request served from Chromium's memory cache (0
    bytes) did not reach the server and is not counted.
    """

    base: str
    requests: dict[str, _Request] = field(default_factory=dict)

    def _request(self, request_id: str) -> _Request:
        return self.requests.setdefault(request_id, _Request())

    def _network(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.requestWillBeSent":
            request = self._request(params["requestId"])
            request.url = params["request"]["url"]
            request.started = min(request.started, float(params["timestamp"]))
        elif method == "Network.loadingFinished":
            self._request(params["requestId"]).finished = int(params["encodedDataLength"])
        elif method == "Network.loadingFailed":
            self._request(params["requestId"]).failed = True
        elif method == "Network.responseReceivedExtraInfo" and "headersText" in params:
            request = self._request(params["requestId"])
            request.headers_text = len(params["headersText"].encode("latin-1", "replace"))
            length = {k.lower(): v for k, v in params["headers"].items()}.get("content-length")
            request.content_length = int(length) if length is not None else None

    def _trace(self, event: dict[str, Any]) -> None:
        name = str(event.get("name", ""))
        if not name.startswith("Resource"):
            return
        data = event.get("args", {}).get("data", {})
        if "requestId" not in data:
            return
        request = self._request(data["requestId"])
        length = max(0, int(data.get("encodedDataLength", 0)))
        if name == "ResourceSendRequest":
            request.url = request.url or data.get("url", "")
            request.started = min(request.started, float(event["ts"]) / 1e6)
        elif name == "ResourceReceiveResponse":
            request.trace_headers = length
        elif name == "ResourceReceivedData":
            request.trace_data += length
        elif name == "ResourceFinish":
            request.failed = request.failed or bool(data.get("didFail"))
            request.trace_finished = length

    def read(self, driver: Any) -> None:
        """Take the session's log so far (the trace included: call this once, at the end)."""
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method", ""), message.get("params", {})
            if method == "Tracing.dataCollected":
                self._trace(params)
            elif method.startswith("Network."):
                self._network(method, params)

    def downloads(self, since: float = 0.0, until: float = float("inf")
                  ) -> list[tuple[str, int]]:
        """The finished downloads sent between ``since`` and ``until`` (``browser_clock``),
        as ``(url path, bytes)``."""
        found = []
        for request in self.requests.values():
            size = request.size()
            if (size and request.url.startswith(self.base)
                    and since <= request.started < until):
                found.append((urlsplit(request.url).path, size))
        return found


@dataclass(frozen=True)
class Download:
    """Bytes a browser fetched: as received (no gzip on loopback), and as gzip -6 bodies."""

    raw: int
    gzip: int
    requests: int


HEADER_BYTES = range(100, 4096)
"""What a response's headers from Python's http.server may plausibly take, in bytes."""


def downloaded(requests: list[tuple[str, int]], site: Path,
               cache: dict[str, tuple[int, int]]) -> Download:
    """Sum ``requests``; the gzip figure compresses each file's bytes from disk.

    Each count is checked against its file: what Chromium reported, less the file, must be
    the size of a response's headers (or the count is headers alone: "304 Not Modified" to
    a revalidation, which sends no body), or the way bytes are read from its log is wrong.
    ``cache`` holds each file's size and gzip size by URL path.
    """
    raw = zipped = 0
    for path, size in requests:
        if path not in cache:
            local = site / unquote(path).lstrip("/")
            if local.is_dir():
                local /= "index.html"
            body = local.read_bytes() if local.is_file() else b""
            cache[path] = (len(body), len(gzip.compress(body, compresslevel=6)) if body else 0)
        length, compressed = cache[path]
        if length and size - length in HEADER_BYTES:
            zipped += compressed
        elif length and size not in HEADER_BYTES:
            raise RuntimeError(f"{path}: Chromium's log gives {size:,} bytes for a file of "
                               f"{length:,}: the byte count no longer works")
        raw += size
    return Download(raw, zipped, len(requests))


def _wait_for(driver: Any, script: str, timeout: float, what: str) -> float:
    """Seconds until ``script`` returns something true."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if driver.execute_script(script):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")


DIAGRAM_WATCH = """
(function () {
  function state() { %s }
  function watch() {
    if (document.querySelector('.sop-alur')) {
      const seen = state();
      const painted = performance.getEntriesByName('first-contentful-paint')[0];
      if (seen === 'error') window.__katalogDiagramShown = 'error';
      else if (seen === 'ok' && painted) {
        window.__katalogDiagramShown = Math.max(painted.startTime, performance.now());
      }
    }
    if (window.__katalogDiagramShown === undefined) requestAnimationFrame(watch);
  }
  requestAnimationFrame(watch);
})();
"""
"""Put in every page before its own scripts: at each frame, until the page's diagram is drawn
and the page has painted (a diagram in the HTML shows with the first paint), it checks
``pdf.DIAGRAM_STATE`` (``%%s``) and then keeps the time since navigation in
``window.__katalogDiagramShown`` (milliseconds, or 'error'). In the page, so that polling
from the driver does not take the throttled main thread from the page."""


def time_to_diagram(driver: Any, url: str, timeout: float) -> float:
    """Seconds from navigating to ``url`` until its diagram shows (``DIAGRAM_WATCH``, which
    the driver must have installed: ``fresh_browser(cpu_slowdown=...)``)."""
    driver.get(url)
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        shown = driver.execute_script("return window.__katalogDiagramShown;")
        if shown == "error":
            raise RuntimeError("Mermaid failed to draw the diagram")
        if isinstance(shown, int | float):
            return float(shown) / 1000
        time.sleep(0.1)
    raise TimeoutError(f"the diagram was not drawn within {timeout:.0f} s")


def _wait_for_diagram(driver: Any, timeout: float) -> None:
    """Wait until every diagram of the page is an SVG swimlane (``pdf.DIAGRAM_STATE``)."""
    from katalog_sop.site import pdf

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        state = driver.execute_script(pdf.DIAGRAM_STATE)
        if state == "ok":
            return
        if state == "error":
            raise RuntimeError("Mermaid failed to draw the diagram")
        time.sleep(0.05)
    raise TimeoutError(f"the diagram was not drawn within {timeout:.0f} s")


def _wait_stable(driver: Any, script: str, timeout: float, what: str,
                 quiet: float = 0.75) -> None:
    """Wait until ``script`` returns the same true value for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value != last:
            last, since = value, time.monotonic()
        elif value and value != -1 and time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not settle within {timeout:.0f} s")


def _log_largest(what: str, requests: list[tuple[str, int]], count: int = 5) -> None:
    """Where the bytes went: the largest downloads, on stderr."""
    largest = sorted(requests, key=lambda r: -r[1])[:count]
    log(f"  {what}: {len(requests)} requests; largest: "
        + ", ".join(f"{path} {_size(size)}" for path, size in largest))


@dataclass(frozen=True)
class BrowserFigures:
    """What a reader downloads and waits for."""

    sop_page: Download
    diagram_seconds: float
    slow_diagram_seconds: list[float]
    """Time to diagram on fresh loads with the CPU throttled ``CPU_SLOWDOWN`` times."""
    home: Download
    search_extra: Download
    search_seconds: float


def measure_browser(site: Path, sop_url: str, query: str) -> BrowserFigures:
    """Open one SOP page, then the home page and its search, each in a fresh browser."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from katalog_sop.site import chromium

    files: dict[str, tuple[int, int]] = {}
    with chromium.serve(site) as base, fresh_browser() as driver:
        network = NetworkLog(base)
        start = time.monotonic()
        driver.get(base + sop_url.lstrip("/"))
        _wait_for_diagram(driver, 120)
        diagram_seconds = time.monotonic() - start
        network.read(driver)
        sop_requests = network.downloads()
    _log_largest("SOP page", sop_requests)
    slow: list[float] = []
    for _ in range(TIMED_LOADS):
        with chromium.serve(site) as base, fresh_browser(CPU_SLOWDOWN) as driver:
            slow.append(time_to_diagram(driver, base + sop_url.lstrip("/"), 120))
    log(f"  SOP page, CPU {CPU_SLOWDOWN}x slower: time to diagram "
        + ", ".join(f"{t:.2f} s" for t in slow))

    with chromium.serve(site) as base, fresh_browser() as driver:
        network = NetworkLog(base)
        driver.get(base)
        _wait_stable(driver, RESOURCES_LOADED, 120, "the home page")
        typing = browser_clock(driver)
        box = driver.find_element(By.CSS_SELECTOR, SEARCH_BOX)
        box.send_keys(query + Keys.ENTER)
        search_seconds = _wait_for(driver, FIRST_RESULT, 120, "search results")
        _wait_stable(driver, RESULTS_SHOWN, 120, "the search results")
        network.read(driver)
        home_requests = network.downloads(until=typing)
        search_requests = network.downloads(since=typing)
    if not any(path.endswith(WORKER_FETCH) for path, _ in search_requests):
        raise RuntimeError(f"no {WORKER_FETCH} download seen: the search worker's requests "
                           "are no longer in Chromium's trace (see NetworkLog)")
    _log_largest("home page", home_requests)
    _log_largest("search", search_requests)
    return BrowserFigures(
        sop_page=downloaded(sop_requests, site, files), diagram_seconds=diagram_seconds,
        slow_diagram_seconds=slow,
        home=downloaded(home_requests, site, files),
        search_extra=downloaded(search_requests, site, files), search_seconds=search_seconds)


# --- one size ---


@dataclass(frozen=True)
class Result:
    """Every figure of one catalogue size."""

    sops: int
    instansi: int
    load: float
    """The 1-minute load average before the builds: other work on the machine slows them."""
    diagram: str
    """How the diagrams were drawn (``KATALOG_DIAGRAM``)."""
    hook: Run
    """The hook build; with diagrams drawn at build time, with the drawing cache filled."""
    hook_cold: Run | None
    """The first hook build, drawing every diagram (an empty cache); None in js mode."""
    drawn: tuple[tuple[int, int] | None, tuple[int, int] | None]
    """(drawn, from the cache) in the cold and the last warm hook build."""
    floor: Run
    lean_floor: Run
    """The floor with the hook's raw-HTML pages kept from Markdown, as the hook does."""
    diagram_seconds: float | None
    """What a warm build spends on its diagrams (``diagram_work``); None in js mode."""
    floor_indexing: Run
    """The hook's post-build search indexing, run apart on the floor site."""
    site: SiteSize
    floor_site: SiteSize
    sop_url: str
    sop_html: int
    browser: BrowserFigures | None


def _best(runs: list[Run]) -> Run:
    """Repeated runs as one: the fastest time (least disturbed by other processes), the
    highest peaks."""
    return Run(min(r.seconds for r in runs), max(r.peak_rss for r in runs),
               max(r.peak_rss_tree for r in runs))


def measure_size(sops: int, instansi: int, seed: int, template: Path, work: Path,
                 browse: bool, query: str, repeat: int = 1, diagram: str = "svg",
                 drawings: Path | None = None) -> Result:
    """Generate, build with and without the hook (``repeat`` times, alternating; in svg
    mode after one build with an empty drawing cache, or, given ``drawings``, a drawing
    cache folder of an earlier build, starting from a copy of it), browse."""
    tag = f"[{sops} SOPs]"
    project = work / "project"
    shutil.copytree(template, project)
    log(f"{tag} generating {sops} SOPs in {instansi} instansi")
    synthetic.generate(project / "sops", sops, instansi, seed)
    floor_project = work / "floor"
    load = os.getloadavg()[0]
    hooks: list[Run] = []
    floors: list[Run] = []
    leans: list[Run] = []
    indexings: list[Run] = []
    cold = cold_drawn = None
    if diagram == "svg" and drawings is not None:
        log(f"{tag} starting from the drawings in {drawings} (no cold build)")
        shutil.copytree(drawings, project / ".cache" / "diagram-alir")
    elif diagram == "svg":
        log(f"{tag} building with the hook, empty diagram cache")
        cold = mkdocs_build(project, work / "site", work / "hook-cold.log", diagram)
        cold_drawn = diagrams_drawn(work / "hook-cold.log")
        log(f"{tag} cold hook build: {cold.seconds:.1f} s, diagrams drawn/cached {cold_drawn}")
    for attempt in range(1, repeat + 1):
        step = f" (run {attempt} of {repeat})" if repeat > 1 else ""
        log(f"{tag} building with the hook{step}")
        hooks.append(mkdocs_build(project, work / "site", work / "hook-build.log", diagram))
        log(f"{tag} hook build: {hooks[-1].seconds:.1f} s, peak RSS {_mib(hooks[-1].peak_rss)} "
            f"(with children {_mib(hooks[-1].peak_rss_tree)})")
        if attempt == 1:
            log(f"{tag} capturing the hook's pages for the floor build")
            shutil.copytree(template, floor_project)  # theme overrides etc.; docs/ is replaced
            measured_run([sys.executable, str(Path(__file__).resolve()), "--capture",
                          str(project), str(floor_project)], project, build_env(diagram),
                         work / "capture.log")
        log(f"{tag} building the floor (same pages, no hook){step}")
        floors.append(mkdocs_build(floor_project, work / "floor-site", work / "floor-build.log",
                                   diagram))
        log(f"{tag} floor build: {floors[-1].seconds:.1f} s, "
            f"peak RSS {_mib(floors[-1].peak_rss)}")
        log(f"{tag} building the lean floor (raw-HTML pages skip Markdown){step}")
        leans.append(mkdocs_build(floor_project, work / "lean-site", work / "lean-build.log",
                                  diagram, LEAN_CONFIG))
        log(f"{tag} lean floor build: {leans[-1].seconds:.1f} s")
        if not (work / "site" / SEARCH_INDEX).is_dir():
            raise RuntimeError(f"the hook site has no {SEARCH_INDEX}/: update SEARCH_INDEX "
                               "and index_for_search")
        log(f"{tag} indexing the floor site for search, as the hook does")
        indexings.append(index_for_search(floor_project, work / "floor-site",
                                          work / "floor-index.log"))
    hook, floor, indexing = _best(hooks), _best(floors), _best(indexings)

    _check_same_pages(work / "site", work / "floor-site")
    _check_same_pages(work / "site", work / "lean-site")
    site = site_size(work / "site")
    floor_site = site_size(work / "floor-site")
    sop_url, sop_html = typical_sop_page(work / "site", project / "sops")
    _check_same_html(work / "floor-site", work / "lean-site", sop_url)
    work_on_diagrams = None
    if diagram == "svg":
        work_on_diagrams = diagram_work(project, work / "floor-site")
        log(f"{tag} diagram work of a warm build, measured apart: {work_on_diagrams:.1f} s")
    figures = None
    if browse:
        log(f"{tag} measuring downloads in Chromium ({sop_url})")
        figures = measure_browser(work / "site", sop_url, query)
    drawn = (cold_drawn, diagrams_drawn(work / "hook-build.log"))
    return Result(sops, instansi, load, diagram, hook, cold, drawn, floor, _best(leans),
                  work_on_diagrams, indexing, site, floor_site, sop_url, sop_html, figures)


# --- report ---


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _size(size: int) -> str:
    if size >= 2**20:
        return _mib(size)
    if size >= 10 * 2**10:
        return f"{size / 2**10:.0f} KiB"
    return f"{size:,} B"


def _download(figure: Download) -> str:
    return f"{_size(figure.raw)} / {_size(figure.gzip)} ({figure.requests} req.)"


ROWS: tuple[tuple[str, Any], ...] = (
    ("SOPs / instansi", lambda r: f"{r.sops:,} / {r.instansi}"),
    ("Load average before the builds (1 min)", lambda r: f"{r.load:.2f}"),
    ("Diagrams", lambda r: "drawn at build time (svg)" if r.diagram == "svg"
     else "drawn in the browser (js)"),
    ("Build time, hook, empty diagram cache (cold)",
     lambda r: f"{r.hook_cold.seconds:.1f} s" if r.hook_cold else "-"),
    ("Build time, hook", lambda r: f"{r.hook.seconds:.1f} s"),
    ("Diagrams drawn / from the cache, cold; warm", lambda r: "; ".join(
        f"{d[0]:,} / {d[1]:,}" if d else "-" for d in r.drawn)),
    ("Diagram work of the warm build (cache look-ups, drawings into pages; measured apart)",
     lambda r: f"{r.diagram_seconds:.2f} s" if r.diagram_seconds is not None else "-"),
    ("Build time, floor", lambda r: f"{r.floor.seconds:.1f} s"),
    ("Build time ratio hook cold/floor",
     lambda r: f"{r.hook_cold.seconds / r.floor.seconds:.2f}" if r.hook_cold else "-"),
    ("Build time ratio hook/floor", lambda r: f"{r.hook.seconds / r.floor.seconds:.2f}"),
    ("Search indexing of the floor site (the hook does it inside its build)",
     lambda r: (f"{r.floor_indexing.seconds:.1f} s, peak RSS "
                f"{_mib(r.floor_indexing.peak_rss_tree)}")),
    ("Build time ratio hook/(floor + indexing)",
     lambda r: f"{r.hook.seconds / (r.floor.seconds + r.floor_indexing.seconds):.2f}"),
    ("Build time, lean floor (raw-HTML pages skip Markdown, as in the hook)",
     lambda r: f"{r.lean_floor.seconds:.1f} s"),
    ("Build time ratio hook/lean floor", lambda r: f"{r.hook.seconds / r.lean_floor.seconds:.2f}"),
    ("Build time ratio hook/(lean floor + indexing)",
     lambda r: f"{r.hook.seconds / (r.lean_floor.seconds + r.floor_indexing.seconds):.2f}"),
    ("Peak RSS, hook (mkdocs process)", lambda r: _mib(r.hook.peak_rss)),
    ("Peak RSS, hook (largest incl. children)", lambda r: _mib(r.hook.peak_rss_tree)),
    ("Peak RSS, floor (mkdocs process)", lambda r: _mib(r.floor.peak_rss)),
    ("Peak RSS ratio hook/floor (mkdocs processes)",
     lambda r: f"{r.hook.peak_rss / r.floor.peak_rss:.2f}"),
    ("Site on disk (files)", lambda r: f"{_mib(r.site.total)} ({r.site.files:,})"),
    ("Floor site on disk (files)",
     lambda r: f"{_mib(r.floor_site.total)} ({r.floor_site.files:,})"),
    ("of which search index", lambda r: _size(r.site.search)),
    ("One SOP page's index.html (median)", lambda r: f"{r.sop_html:,} B"),
)
BROWSER_ROWS: tuple[tuple[str, Any], ...] = (
    ("SOP page until diagram rendered: raw / gzip", lambda b: _download(b.sop_page)),
    ("SOP page: time to rendered diagram", lambda b: f"{b.diagram_seconds:.1f} s"),
    (f"SOP page: time to diagram, CPU {CPU_SLOWDOWN}x slower (median of {TIMED_LOADS} loads)",
     lambda b: f"{statistics.median(b.slow_diagram_seconds):.2f} s ("
     + ", ".join(f"{t:.2f}" for t in b.slow_diagram_seconds) + ")"),
    ("Home page until quiet: raw / gzip", lambda b: _download(b.home)),
    ("Search results shown, extra after home: raw / gzip",
     lambda b: _download(b.search_extra)),
    ("Search results shown, home + search: raw / gzip",
     lambda b: _download(Download(b.home.raw + b.search_extra.raw,
                                  b.home.gzip + b.search_extra.gzip,
                                  b.home.requests + b.search_extra.requests))),
    ("Search: typing to first result", lambda b: f"{b.search_seconds:.1f} s"),
)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty else "")


def report(results: Sequence[Result], seed: int, query: str, chromium_version: str,
           repeat: int = 1) -> str:
    """The Markdown report: a header and one table, metrics down, sizes across."""
    header = [
        "# Katalog SOP benchmark",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; commit {_git_revision()}",
        f"- Machine: nproc {len(os.sched_getaffinity(0))}, {platform.machine()}, "
        f"Python {platform.python_version()}",
        f"- MkDocs {_version('mkdocs')}, Material {_version('mkdocs-material')}, "
        f"mermaid2 {_version('mkdocs-mermaid2-plugin')}, Chromium {chromium_version}",
        f"- Synthetic catalogues: scripts/synthetic.py, seed {seed}; search query "
        f"\"{query}\"; typical SOP page = median index.html size",
        f"- Builds: `mkdocs build --strict` subprocesses, {repeat} run(s) each with and "
        "without the hook, alternating; fastest time, highest peak RSS; with diagrams drawn "
        "at build time, one more hook build first, with an empty drawing cache (cold; "
        "none when started from earlier drawings, --drawings); \"Build time, hook\" is "
        "then with every drawing in the cache (warm)",
        "- Floor: the hook's own pages, as the Markdown files MkDocs holds, built by plain "
        "MkDocs without the hook (with svg diagrams: without the drawings, which the hook "
        "puts in after MkDocs renders a page); the hook itself hands its raw-HTML pages to "
        "MkDocs after Markdown (hooks/katalog_sop/site/html_pages.py), the floor runs "
        "Markdown over them; the lean floor skips Markdown for those pages as the hook does, "
        "so it is what MkDocs and the theme alone cost (same HTML, checked on the typical "
        "SOP page)",
        "- Downloads (Pagefind search, fresh Chromium each): raw = bytes Chromium received "
        "from Python's http.server, headers included, no compression (its network log and "
        "trace); gzip = each fetched file compressed at level 6 (what GitHub Pages would "
        "send)",
        "",
    ]
    columns = [f"{r.sops:,} SOPs" for r in results]
    lines = ["| Metric | " + " | ".join(columns) + " |",
             "|---|" + "---:|" * len(results)]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    for label, cell in BROWSER_ROWS:
        cells = [cell(r.browser) if r.browser else "not measured" for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    pages = ", ".join(f"{r.sops:,}: `{r.sop_url}`" for r in results)
    footer = ["", f"Typical SOP pages: {pages}."]
    return "\n".join(header + lines + footer) + "\n"


def _chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except OSError:
        return "unknown"
    match = re.search(r"[\d.]+\d", out)
    return match[0] if match else "unknown"


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 500,2000,5000")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=_sizes, default=[500, 2000, 5000],
                        help="comma-separated SOP counts (default 500,2000,5000)")
    parser.add_argument("--instansi", type=int, default=50,
                        help="instansi per catalogue (default 50; at most the SOP count)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--query", default="kinerja", help="search query (default kinerja)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each catalogue this many times with and without the hook, "
                        "alternating; the fastest time counts (default 1)")
    parser.add_argument("--diagram", choices=("svg", "js"), default="svg",
                        help="KATALOG_DIAGRAM of the builds: svg (drawn at build time, the "
                        "deployed site; default) or js (drawn in the reader's browser)")
    parser.add_argument("--drawings", type=Path, metavar="DIR",
                        help="svg only: start each size from a copy of DIR, the "
                        ".cache/diagram-alir/ of an earlier build of the same catalogue, "
                        "instead of a cold build (which draws every diagram: 24 minutes at "
                        "5,000 SOPs on 2 cores)")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the Chromium measurements")
    parser.add_argument("--workdir", type=Path,
                        help="keep catalogues and sites here (default: a temporary folder, "
                        "removed afterwards)")
    parser.add_argument("--capture", nargs=2, type=Path, metavar=("PROJECT", "FLOOR"),
                        help=argparse.SUPPRESS)  # internal: one step, in its own process
    args = parser.parse_args(argv)
    if args.capture:
        capture_floor(*args.capture)
        return 0

    browse = not args.no_browser
    if browse and not browser_available():
        log(f"Chromium not found ({CHROMIUM}, {CHROMEDRIVER}): browser figures skipped")
        browse = False
    keep = args.workdir is not None
    work = args.workdir or Path(tempfile.mkdtemp(prefix="katalog-benchmark-"))
    if keep and work.exists() and any(work.iterdir()):
        parser.error(f"--workdir {work} is not empty")
    try:
        template = snapshot_project(work / "template")
        results = []
        for sops in args.sizes:
            results.append(measure_size(sops, min(args.instansi, sops), args.seed, template,
                                        work / f"size-{sops}", browse, args.query,
                                        max(1, args.repeat), args.diagram, args.drawings))
            if not keep:  # a 5,000-SOP site takes hundreds of MB twice over
                shutil.rmtree(work / f"size-{sops}")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, args.seed, args.query,
                  _chromium_version() if browse else "not used", max(1, args.repeat))
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
