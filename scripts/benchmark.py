"""Build and browse synthetic catalogues of several sizes; print one Markdown table.

    python scripts/benchmark.py                      # 500, 2,000 and 5,000 SOPs (minutes)
    python scripts/benchmark.py --sizes 50           # a quick smoke run
    python scripts/benchmark.py --out result.md --no-browser

For each size: a synthetic catalogue (scripts/synthetic.py) is built twice by real
``mkdocs build --strict`` subprocesses, once with the hook (the real site) and once as the
"floor": the very Markdown pages the hook generated, written as plain files into ``docs/`` and
built with the same mkdocs.yml minus ``hooks:``. Then the hook-built site is served on
loopback and opened in headless Chromium to count what a reader downloads. See
scripts/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import synthetic

ROOT = Path(__file__).resolve().parent.parent

# --- what the browser part looks for; change here when the search or the diagram changes ---


@dataclass(frozen=True)
class SearchUI:
    """How a reader searches from the home page with one search implementation."""

    name: str
    box: str
    """CSS selector of the search box on the home page; its presence picks this UI."""
    opener: str | None
    """Clicked before typing when the box hides behind a button (first match), else None."""
    submit: bool
    """Press Enter after typing (a form that leads to a search page)."""
    result: str
    """One rendered search result: results have appeared once one matches."""


SEARCH_UIS = (
    # The header form leads to cari/, where Pagefind's UI shows the results.
    SearchUI("Pagefind", box="#katalog-cari-kotak", opener=None, submit=True,
             result=".pagefind-ui__result-link"),
    SearchUI("Material lunr", box="input.md-search__input",
             opener="label.md-search__icon, .md-search__input", submit=False,
             result=".md-search-result__item"),
)
SEARCH_ASSET = re.compile(r"/search/|/pagefind/|lunr|workers/search")
"""URLs counted as "search assets" in the SOP page's download (the index and its code)."""
DIAGRAM_RENDERED = """
const hosts = [...document.querySelectorAll('div.mermaid')];
return hosts.length > 0 && hosts.every(h => h.shadowRoot && h.shadowRoot.querySelector('svg'));
"""
"""True once every diagram is an SVG (Material renders into a shadow root, opened below)."""
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) {"
    "  return attach.call(this, Object.assign({}, init, {mode: 'open'})); };"
)

POST_BUILD_INDEXERS = {
    "pagefind": (sys.executable, "-m", "pagefind", "--site", "{site}", "--silent"),
}
"""Search indexers the hook runs after the build, by the folder they write into the site.
When the hook site has that folder, the floor site gets the same indexer, timed apart."""

CHROMIUM = os.environ.get("KATALOG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROME_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
               "--window-size=1400,1000")
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
FLOOR_DROPPED_KEYS = ("hooks", "watch", "nav", "not_in_nav")
"""mkdocs.yml keys the floor build rewrites (``watch`` names folders the floor lacks)."""
FLOOR_NOT_IN_NAV = "/*/*.md\n!/*/index.md\n"
"""The floor's SOP pages (``<instansi>/<sop>.md``) are kept out of the nav, as the hook does."""


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


def build_env() -> dict[str, str]:
    """The environment of every build: the caller's, minus the project's KATALOG_* options
    (PDFs, a single instansi...), so that the default site is measured."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("KATALOG_")}
    return {**inherited, "NO_MKDOCS_2_WARNING": "1",
            # A fixed build date, so that the captured floor pages equal the hook's.
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1735689600")}


def mkdocs_build(project: Path, site: Path, log_file: Path) -> Run:
    """A real ``mkdocs build --strict`` (never -q: it hides warnings) in a subprocess."""
    return measured_run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                         str(project / "mkdocs.yml"), "-d", str(site)],
                        project, build_env(), log_file)


SNAPSHOT_SKIPPED = (".git", ".github", ".ci", "sops", "site", "tests", "scripts", ".venv",
                    "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "*.egg-info",
                    "build")
"""What the project snapshot leaves out: data, outputs, caches, and what a build never reads."""


def snapshot_project(dest: Path) -> Path:
    """A copy of the project without its catalogue, taken once so every size builds the same
    code (others may edit the working tree meanwhile). Everything else is copied, so that
    whatever mkdocs.yml refers to (docs/, hooks/, theme overrides...) comes along."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*SNAPSHOT_SKIPPED))
    return dest


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
    (floor / "mkdocs.yml").write_text(_floor_config(project / "mkdocs.yml", config.nav),
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


@dataclass(frozen=True)
class SiteSize:
    """Bytes and files of a built site."""

    total: int
    files: int
    search: int
    """Bytes of the search index files (``SEARCH_ASSET`` paths under ``search/``)."""


def site_size(site: Path) -> SiteSize:
    """Everything on disk under ``site``."""
    total = files = search = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if path.relative_to(site).parts[0] in ("search", "pagefind"):
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


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records every response's size (headers and body)."""

    served: list[tuple[float, str, int]]
    lock: threading.Lock

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        real = self.wfile
        handler = self

        class Counting:
            def write(self, data: bytes) -> int:
                handler.sent += len(data)
                return real.write(data)

            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

        self.sent = 0
        self.wfile = Counting()  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self.sent = 0
        super().handle_one_request()
        if self.sent:
            with self.lock:
                self.served.append((time.monotonic(), urlsplit(self.path).path, self.sent))


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[tuple[float, str, int]]]]:
    """``site`` on a loopback port: its base URL and the live list of served responses."""
    served: list[tuple[float, str, int]] = []
    handler_class = type("Handler", (_CountingHandler,),
                         {"served": served, "lock": threading.Lock()})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def browser_available() -> bool:
    """Whether headless Chromium and chromedriver are installed."""
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A fresh headless Chromium (empty cache) logging network events."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in CHROME_ARGS:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": OPEN_SHADOW_ROOTS})
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Traffic:
    """What one browser session downloaded, from its performance log and from the server.

    Chromium's page log misses requests made by web workers (Material's search worker
    fetches its own script); those are taken from the server's record instead.
    """

    served: list[tuple[float, str, int]]
    urls: dict[str, str] = field(default_factory=dict)
    finished: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    last_event: float = field(default_factory=time.monotonic)

    def read(self, driver: Any) -> None:
        """Take the browser's new network events."""
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            method = message.get("method")
            if method == "Network.requestWillBeSent":
                self.urls[params["requestId"]] = params["request"]["url"]
            elif method == "Network.loadingFinished":
                self.finished[params["requestId"]] = int(params["encodedDataLength"])
            elif method == "Network.loadingFailed":
                self.failed.add(params["requestId"])
            else:
                continue
            self.last_event = time.monotonic()

    def _paths(self, request_ids: set[str]) -> Counter[str]:
        urls = [urlsplit(self.urls.get(rid, "")) for rid in request_ids]
        return Counter(url.path for url in urls if url.scheme in ("http", "https"))

    def requests(self) -> list[tuple[str, int]]:
        """Every download so far as ``(url path, raw bytes)``.

        A request the page started but whose end it never saw (a worker's fetch), or that
        the server has completed but the page has not yet reported, counts with the bytes
        the server sent.
        """
        found = [(urlsplit(self.urls[rid]).path, size) for rid, size in self.finished.items()
                 if urlsplit(self.urls.get(rid, "")).scheme in ("http", "https")]
        seen = Counter(path for path, _ in found)
        for _, path, size in list(self.served):
            if seen[path] > 0:
                seen[path] -= 1
            else:
                found.append((path, size))
        return found

    def idle(self, quiet: float = 0.75) -> bool:
        """Nothing in flight and no traffic for ``quiet`` seconds."""
        pending = self._paths(set(self.urls) - set(self.finished) - self.failed)
        served = Counter(path for _, path, _ in list(self.served))
        answered = served - self._paths(set(self.finished))
        last = max([self.last_event] + [when for when, _, _ in list(self.served)])
        return not (pending - answered) and time.monotonic() - last >= quiet

    def wait_idle(self, driver: Any, timeout: float = 120.0) -> None:
        """Wait until the network is quiet."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(driver)
            if self.idle():
                return
            time.sleep(0.1)
        raise TimeoutError("the page never went quiet")


@dataclass(frozen=True)
class Download:
    """Bytes a browser fetched: as sent by http.server (no gzip), and as gzip -6 bodies."""

    raw: int
    gzip: int
    requests: int


def downloaded(requests: list[tuple[str, int]], site: Path, cache: dict[str, int]) -> Download:
    """Sum ``requests``; the gzip figure compresses each file's bytes from disk."""
    raw = zipped = 0
    for path, size in requests:
        raw += size
        if path not in cache:
            local = site / unquote(path).lstrip("/")
            if local.is_dir():
                local /= "index.html"
            cache[path] = (len(gzip.compress(local.read_bytes(), compresslevel=6))
                           if local.is_file() else 0)
        zipped += cache[path]
    return Download(raw, zipped, len(requests))


def _wait_for(driver: Any, script: str, timeout: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if driver.execute_script(script):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")


def _log_largest(what: str, requests: list[tuple[str, int]], count: int = 5) -> None:
    """Where the bytes went: the largest downloads, on stderr."""
    largest = sorted(requests, key=lambda r: -r[1])[:count]
    log(f"  {what}: {len(requests)} requests; largest: "
        + ", ".join(f"{path} {_size(size)}" for path, size in largest))


@dataclass(frozen=True)
class BrowserFigures:
    """What a reader downloads and waits for."""

    sop_page: Download
    sop_page_search: Download
    diagram_seconds: float
    home: Download
    search_extra: Download
    search_seconds: float
    search_ui: str


def measure_browser(site: Path, sop_url: str, query: str) -> BrowserFigures:
    """Open one SOP page, then the home page and its search, each in a fresh browser."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    gzip_cache: dict[str, int] = {}
    with serve(site) as (base, served), chromium() as driver:
        traffic = Traffic(served)
        start = time.monotonic()
        driver.get(base + sop_url)
        _wait_for(driver, DIAGRAM_RENDERED, 120, "the diagram")
        diagram_seconds = time.monotonic() - start
        traffic.read(driver)
        sop_requests = traffic.requests()
    _log_largest("SOP page", sop_requests)
    sop_page = downloaded(sop_requests, site, gzip_cache)
    sop_search = downloaded([r for r in sop_requests if SEARCH_ASSET.search(r[0])], site,
                            gzip_cache)

    with serve(site) as (base, served), chromium() as driver:
        traffic = Traffic(served)
        driver.get(base + "/")
        traffic.wait_idle(driver)
        home_requests = traffic.requests()
        ui = next((ui for ui in SEARCH_UIS
                   if driver.find_elements(By.CSS_SELECTOR, ui.box)), None)
        if ui is None:
            raise RuntimeError("no known search box on the home page: update SEARCH_UIS")
        if ui.opener:
            driver.find_element(By.CSS_SELECTOR, ui.opener).click()
        box = driver.find_element(By.CSS_SELECTOR, ui.box)
        box.send_keys(query + (Keys.ENTER if ui.submit else ""))
        search_seconds = _wait_for(
            driver, f"return document.querySelector({json.dumps(ui.result)}) !== null",
            120, "search results")
        traffic.read(driver)
        after = traffic.requests()
    extra = Counter(after) - Counter(home_requests)
    _log_largest("home page", home_requests)
    _log_largest(f"search ({ui.name})", list(extra.elements()))
    return BrowserFigures(
        sop_page=sop_page, sop_page_search=sop_search, diagram_seconds=diagram_seconds,
        home=downloaded(home_requests, site, gzip_cache),
        search_extra=downloaded(list(extra.elements()), site, gzip_cache),
        search_seconds=search_seconds, search_ui=ui.name)


# --- one size ---


@dataclass(frozen=True)
class Result:
    """Every figure of one catalogue size."""

    sops: int
    instansi: int
    load: float
    """The 1-minute load average before the builds: other work on the machine slows them."""
    hook: Run
    floor: Run
    floor_indexing: Run | None
    """The hook's post-build search indexer, run apart on the floor site (None: no indexer)."""
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
                 browse: bool, query: str, repeat: int = 1) -> Result:
    """Generate, build with and without the hook (``repeat`` times, alternating), browse."""
    tag = f"[{sops} SOPs]"
    project = work / "project"
    shutil.copytree(template, project)
    log(f"{tag} generating {sops} SOPs in {instansi} instansi")
    synthetic.generate(project / "sops", sops, instansi, seed)
    floor_project = work / "floor"
    load = os.getloadavg()[0]
    hooks: list[Run] = []
    floors: list[Run] = []
    indexings: list[Run] = []
    indexer: tuple[str, ...] | None = None
    for attempt in range(1, repeat + 1):
        step = f" (run {attempt} of {repeat})" if repeat > 1 else ""
        log(f"{tag} building with the hook{step}")
        hooks.append(mkdocs_build(project, work / "site", work / "hook-build.log"))
        log(f"{tag} hook build: {hooks[-1].seconds:.1f} s, peak RSS {_mib(hooks[-1].peak_rss)} "
            f"(with children {_mib(hooks[-1].peak_rss_tree)})")
        if attempt == 1:
            log(f"{tag} capturing the hook's pages for the floor build")
            shutil.copytree(template, floor_project)  # theme overrides etc.; docs/ is replaced
            measured_run([sys.executable, str(Path(__file__).resolve()), "--capture",
                          str(project), str(floor_project)], project, build_env(),
                         work / "capture.log")
        log(f"{tag} building the floor (same pages, no hook){step}")
        floors.append(mkdocs_build(floor_project, work / "floor-site", work / "floor-build.log"))
        log(f"{tag} floor build: {floors[-1].seconds:.1f} s, "
            f"peak RSS {_mib(floors[-1].peak_rss)}")
        if attempt == 1:
            indexer = next((command for folder, command in POST_BUILD_INDEXERS.items()
                            if (work / "site" / folder).is_dir()
                            and not (work / "floor-site" / folder).is_dir()), None)
        if indexer is not None:
            log(f"{tag} indexing the floor site for search, as the hook does")
            indexings.append(measured_run(
                [part.format(site=work / "floor-site") for part in indexer], floor_project,
                build_env(), work / "floor-index.log"))
    hook, floor = _best(hooks), _best(floors)
    indexing = _best(indexings) if indexings else None

    _check_same_pages(work / "site", work / "floor-site")
    site = site_size(work / "site")
    floor_site = site_size(work / "floor-site")
    sop_url, sop_html = typical_sop_page(work / "site", project / "sops")
    figures = None
    if browse:
        log(f"{tag} measuring downloads in Chromium ({sop_url})")
        figures = measure_browser(work / "site", sop_url, query)
    return Result(sops, instansi, load, hook, floor, indexing, site, floor_site, sop_url,
                  sop_html, figures)


# --- report ---


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _size(size: int) -> str:
    if size >= 2**20:
        return _mib(size)
    if size >= 10 * 2**10:
        return f"{size / 2**10:.0f} KiB"
    return f"{size:,} B"


def _indexing(result: Result) -> float:
    return result.floor_indexing.seconds if result.floor_indexing else 0.0


def _download(figure: Download) -> str:
    return f"{_size(figure.raw)} / {_size(figure.gzip)} ({figure.requests} req.)"


ROWS: tuple[tuple[str, Any], ...] = (
    ("SOPs / instansi", lambda r: f"{r.sops:,} / {r.instansi}"),
    ("Load average before the builds (1 min)", lambda r: f"{r.load:.2f}"),
    ("Build time, hook", lambda r: f"{r.hook.seconds:.1f} s"),
    ("Build time, floor", lambda r: f"{r.floor.seconds:.1f} s"),
    ("Build time ratio hook/floor", lambda r: f"{r.hook.seconds / r.floor.seconds:.2f}"),
    ("Search indexing of the floor site (the hook does it inside its build)",
     lambda r: (f"{r.floor_indexing.seconds:.1f} s, peak RSS "
                f"{_mib(r.floor_indexing.peak_rss_tree)}"
                if r.floor_indexing else "none")),
    ("Build time ratio hook/(floor + indexing)",
     lambda r: f"{r.hook.seconds / (r.floor.seconds + _indexing(r)):.2f}"),
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
    ("of which search assets: raw / gzip", lambda b: _download(b.sop_page_search)),
    ("SOP page: time to rendered diagram", lambda b: f"{b.diagram_seconds:.1f} s"),
    ("Home page to network idle: raw / gzip", lambda b: _download(b.home)),
    ("First search results, extra after home: raw / gzip",
     lambda b: _download(b.search_extra)),
    ("First search results, home + search: raw / gzip",
     lambda b: _download(Download(b.home.raw + b.search_extra.raw,
                                  b.home.gzip + b.search_extra.gzip,
                                  b.home.requests + b.search_extra.requests))),
    ("Search: typing to first results", lambda b: f"{b.search_seconds:.1f} s"),
    ("Search implementation found", lambda b: b.search_ui),
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
        "without the hook, alternating; fastest time, highest peak RSS",
        "- Downloads: raw = bytes received from Python's http.server (no compression, "
        "headers included); gzip = each fetched file compressed at level 6 (what GitHub "
        "Pages would send)",
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
                                        max(1, args.repeat)))
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
