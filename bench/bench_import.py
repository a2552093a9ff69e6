"""Benchmark: a whole ``discover import`` of a Squid log against mawk, side by side.

Issue 3's bar: importing a 1,000,000-line Squid log (read, pseudonymise, match, write to
the workspace in one transaction) takes no longer than mawk computing the per-host
aggregates (hits, bytes, distinct users) of the same file; peak memory under 250 MB.
The two run alternately (after a warm-up, so both read from the page cache); each import
goes into a fresh SQLite workspace in a fresh process, so its peak RSS is its own.

    python bench/bench_import.py [--lines 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_log_reader import _run_mawk

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = r"""
import json, resource, sys, time, datetime as dt
from pathlib import Path
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan
from planner.services.discover import import_file
db, log = sys.argv[1], Path(sys.argv[2])
planner = bootstrap(Settings(db=db))
create_plan(planner.workspace, "bench", dt.date(2026, 1, 5))
catalog, key = planner.catalog, planner.pseudonym_key
start = time.perf_counter()
result = import_file(planner.workspace, catalog, key, "bench", log)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss, "hosts": result.hosts,
                  "tools": len(result.matched_tools), "lines": result.lines}))
"""


def _import(log: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(Path(tmp) / "ws.sqlite"), str(log)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    report: dict[str, float] = json.loads(done.stdout)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        print("mawk is not installed: apt-get install -y mawk", file=sys.stderr)
        return 2
    log = OUT / f"squid-{args.lines}.log"
    if not log.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_squid_log.py"),
                str(log),
                "--lines",
                str(args.lines),
            ],
            check=True,
        )
    _run_mawk(mawk, log)
    first = _import(log)  # warm-up
    awk_times, ours, rss = [], [], [first["rss_mb"]]
    for _ in range(args.runs):
        awk_times.append(_run_mawk(mawk, log)[0])
        report = _import(log)
        ours.append(report["seconds"])
        rss.append(report["rss_mb"])
    awk, imp = statistics.median(awk_times), statistics.median(ours)
    size = log.stat().st_size / 1e6
    print(
        f"{log.name}: {size:.0f} MB, {first['lines']:.0f} lines, {first['hosts']:.0f} hosts, "
        f"{first['tools']:.0f} tools matched; {args.runs} runs each"
    )
    print(f"mawk aggregates        median {awk:.2f} s")
    print(
        f"planner discover import median {imp:.2f} s   ratio {imp / awk:.2f}   "
        f"peak RSS {max(rss):.0f} MB"
    )

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
