"""Time the vendored Mermaid drawing Katalog SOP swimlane diagrams as the SOP grows.

Run from the project root with its venv:
    .venv/bin/python scripts/bench_diagram.py [--limits | --quick] [--out results.json]

``--limits`` measures at the limits the site draws up to (``katalog_sop.read.flow.
DIAGRAM_LIMITS``); without it, the whole grid that chose them (about 25 minutes).

One headless Chromium page loads docs/assets/vendor/mermaid/mermaid.min.js (file://),
initialises it with katalog.js's settings (Material's theme CSS is left out: it styles, it
does not lay out),
and times `await mermaid.render(id, text)` for diagrams made by
katalog_sop.render.mermaid.diagram() from synthetic Sop objects.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT / "hooks"))

from katalog_sop.model import Keputusan, Langkah, PartialDate, Sop, Status, Tanggal  # noqa: E402
from katalog_sop.read.flow import DIAGRAM_LIMITS  # noqa: E402
from katalog_sop.render.mermaid import diagram  # noqa: E402
from katalog_sop.site.chromium import CHROME_ARGUMENTS  # noqa: E402

MERMAID_JS = ROOT / "docs/assets/vendor/mermaid/mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (*CHROME_ARGUMENTS, "--window-size=1400,1000")
SCRIPT_TIMEOUT_S = 300
SERIES_STOP_MS = 60_000  # stop a series after a point slower than this
SINGLE_RUN_MS = 10_000  # one run only for points slower than this

LANES = ["Pemohon", "Petugas Loket Pelayanan", "Kepala Seksi Pelayanan Umum",
         "Kepala Bidang Administrasi", "Sekretaris Dinas", "Kepala Dinas",
         "Bendahara Pengeluaran", "Pejabat Pembuat Komitmen", "Arsiparis"]
ACTIVITY = "Memeriksa kelengkapan berkas permohonan dan mencatat dalam buku agenda"
QUESTION = "Apakah berkas permohonan sudah lengkap dan benar"


def make_sop(steps: int, lanes: int, decisions: int, back: int = 3) -> Sop:
    """N steps, one executor each (round-robin over the lanes), D back-pointing decisions
    (at step i: ya -> i+1, tidak -> i-back), spread evenly over steps back+1 .. N-1."""
    pelaksana = tuple(LANES[:lanes]) if lanes <= len(LANES) else tuple(
        f"Pelaksana {k}" for k in range(1, lanes + 1))
    at: set[int] = set()
    if decisions:
        lo, hi = back + 1, steps - 1
        span = hi - lo + 1
        if decisions > span:
            raise ValueError(f"{decisions} decisions do not fit in {steps} steps")
        at = {lo + (k * span) // decisions for k in range(decisions)}
        assert len(at) == decisions
    langkah = []
    for i in range(1, steps + 1):
        kep = Keputusan(ya=i + 1, tidak=i - back, pertanyaan=f"{QUESTION} {i}") if i in at else None
        langkah.append(Langkah(nomor=i, kegiatan=f"{ACTIVITY} {i}",
                               pelaksana=(pelaksana[(i - 1) % lanes],), keputusan=kep))
    return Sop(instansi="uji", slug=f"n{steps}-p{lanes}-d{decisions}", nama="Uji ukuran",
               status=Status.BERLAKU, tanggal=Tanggal(pembuatan=PartialDate(2024, 1, 1)),
               pelaksana=pelaksana, langkah=tuple(langkah), dasar_hukum=())


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script src="{mermaid}"></script></head>
<body><div id="host"></div><script>
  // As the site: Material's initialize() options merged with katalog.js's settings.
  mermaid.initialize(Object.assign(
    {{startOnLoad: false,
      sequence: {{actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px"}}}},
    {{securityLevel: "strict", maxEdges: 20000, maxTextSize: 10000000}}));
  window.__n = 0;
  window.__render = async function (text) {{
    const id = "__mermaid_" + (window.__n++);
    const t0 = performance.now();
    try {{
      const {{svg}} = await mermaid.render(id, text);
      const ms = performance.now() - t0;
      const m = svg.match(/viewBox="([^"]*)"/);
      return {{ms, svg_chars: svg.length, viewBox: m ? m[1] : null,
               error_svg: /aria-roledescription="error"|Syntax error in text/.test(svg)}};
    }} catch (e) {{
      document.querySelectorAll("[id^=d__mermaid_]").forEach(n => n.remove());
      return {{ms: performance.now() - t0, error: String(e && e.message || e).slice(0, 300)}};
    }}
  }};
</script></body></html>
"""


class Page:
    def __init__(self) -> None:
        self.driver: Any = None
        self.folder = Path(tempfile.mkdtemp(prefix="bench-diagram-"))

    def start(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        html = self.folder / "page.html"
        html.write_text(PAGE.format(mermaid=MERMAID_JS.as_uri()))
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_script_timeout(SCRIPT_TIMEOUT_S)
        self.driver.get(html.as_uri())
        assert self.driver.execute_script("return typeof mermaid.render") == "function"
        self.render(make_sop(5, 2, 0))  # warm-up: lazy diagram loaders, fonts, JIT

    def render(self, sop: Sop) -> dict[str, Any]:
        text = diagram(sop)
        try:
            result: dict[str, Any] = self.driver.execute_async_script(
                "window.__render(arguments[0]).then(arguments[arguments.length - 1]);", text)
        except Exception as exc:  # script timeout: the page is stuck, start a new one
            self.stop()
            self.start()
            return {"ms": SCRIPT_TIMEOUT_S * 1000, "error": f"timeout: {type(exc).__name__}"}
        result["text_chars"] = len(text)
        return result

    def stop(self) -> None:
        if self.driver is not None:
            with contextlib.suppress(Exception):  # a stuck page may not answer
                self.driver.quit()
            self.driver = None


def measure(page: Page, steps: int, lanes: int, decisions: int,
            runs: int = 3) -> dict[str, Any]:
    sop = make_sop(steps, lanes, decisions)
    results = [page.render(sop)]
    if results[0]["ms"] <= SINGLE_RUN_MS and "error" not in results[0]:
        results += [page.render(sop) for _ in range(runs - 1)]
    first = results[0]
    row = {"N": steps, "P": lanes, "D": decisions, "runs": len(results),
           "median_ms": round(statistics.median(r["ms"] for r in results)),
           "all_ms": [round(r["ms"]) for r in results],
           "svg_chars": first.get("svg_chars"), "viewBox": first.get("viewBox"),
           "text_chars": first.get("text_chars"),
           "error": first.get("error") or ("error svg" if first.get("error_svg") else None)}
    print(json.dumps(row), flush=True)
    return row


def series(page: Page, points: list[tuple[int, int, int]], rows: list[dict[str, Any]],
           deadline: float) -> None:
    for steps, lanes, decisions in points:
        if time.monotonic() > deadline:
            print(f"# time budget spent: skipping N={steps} P={lanes} D={decisions}", flush=True)
            return
        row = measure(page, steps, lanes, decisions)
        rows.append(row)
        if row["median_ms"] > SERIES_STOP_MS:
            print("# over 60 s: stopping this series", flush=True)
            return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench-diagram.json")
    parser.add_argument("--budget-min", type=float, default=25)
    parser.add_argument("--quick", action="store_true", help="a few small points only")
    parser.add_argument("--limits", action="store_true",
                        help="only at the limits the site draws up to (DIAGRAM_LIMITS)")
    args = parser.parse_args()
    deadline = time.monotonic() + args.budget_min * 60

    if args.limits:
        plan = {"limits": [(steps, 5, loops) for loops, steps in DIAGRAM_LIMITS]}
    elif args.quick:
        plan = {"quick": [(10, 5, 0), (40, 5, 10)]}
    else:
        plan = {
            "steps (P=5, D=0)": [(n, 5, 0) for n in (10, 20, 30, 40, 60, 80, 100, 150, 200, 300)],
            **{f"decisions (N={n}, P=5)": [(n, 5, d) for d in (0, 5, 10, 15, 20, 30, 50)
                                           if d <= n - 5]
               for n in (40, 60, 100)},
            "lanes (N=40, D=10)": [(40, p, 10) for p in (2, 5, 9)],
        }
    page = Page()
    page.start()
    rows: list[dict[str, Any]] = []
    try:
        for name, points in plan.items():
            print(f"# {name}", flush=True)
            series(page, points, rows, deadline)
    finally:
        page.stop()
        Path(args.out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
