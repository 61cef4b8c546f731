"""Benchmark of `katalog-sop check` and of a standalone instansi build on synthetic catalogues.

    python scripts/bench_check.py                # 5,000 SOPs; instansi build of 200 SOPs
    python scripts/bench_check.py --sops 500 --runs 1

Prints a Markdown table. Timings are wall-clock medians of --runs runs on this machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import generate  # noqa: E402 - the sibling script, after the path is set


def _timed(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                                check=False)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=5000)
    parser.add_argument("--instansi", type=int, default=50)
    parser.add_argument("--instansi-sops", type=int, default=200,
                        help="size of the single instansi built alone")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1",
           "GITHUB_ACTIONS": ""}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(work / "sops", args.sops, args.instansi, 1)
        check = _timed([sys.executable, "-m", "katalog_sop.cli", "check", "sops"], work, env,
                       args.runs)

        # One instansi of the requested size beside the others, built alone.
        project = work / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "hooks", "docs", "overrides"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, project / name,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, project / name)
        generate(project / "sops", args.instansi_sops, 1, 2)
        target = next(p.name for p in (project / "sops").iterdir() if p.is_dir())
        for folder in (work / "sops").iterdir():
            if folder.name != target:
                shutil.copytree(folder, project / "sops" / folder.name)
        build = _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
                       project, {**env, "KATALOG_INSTANSI": target}, args.runs)

    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"nproc {os.cpu_count()}, {platform.machine()}, Python {platform.python_version()}")
    print()
    print("| Measurement | Median of runs |")
    print("|---|---:|")
    print(f"| `katalog-sop check` on {args.sops:,} SOPs in {args.instansi} instansi | "
          f"{check:.2f} s |")
    print(f"| Standalone site of one instansi with {args.instansi_sops} SOPs "
          f"(`KATALOG_INSTANSI`, other {args.sops:,} SOPs present) | {build:.2f} s |")


if __name__ == "__main__":
    main()
