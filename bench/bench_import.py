"""Benchmark: a whole ``discover import`` of a Squid log against mawk, side by side.

The first bar: importing a 1,000,000-line Squid log (read, pseudonymise, match, write to
the workspace in one transaction) takes no longer than mawk computing the per-host
aggregates (hits, bytes, distinct users) of the same file; peak memory under 250 MB.
The bar has since been raised to 0.6× mawk for the whole command, start-up included.
They run alternately (after a warm-up, so all read from the page cache): mawk; the whole
``planner discover import`` command in a fresh process; and the import call alone
(``import_file``) in a child after its start-up. Each import goes into a fresh SQLite
workspace; peak RSS is the largest of the command's processes, measured per run.

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


# Runs a command and prints its wall time and the peak RSS of its largest process.
WRAP = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": peak}))
"""


def _command(log: Path) -> dict[str, float]:
    """The whole ``planner discover import`` in a fresh process, start-up included."""
    planner = str(Path(sys.executable).with_name("planner"))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ws.sqlite")
        new = [planner, "plan", "new", "bench", "--start", "2026-01-05", "--db", db]
        subprocess.run(new, check=True, capture_output=True)
        done = subprocess.run(
            [sys.executable, "-c", WRAP, planner, "discover", "import", str(log), "--db", db],
            check=True,
            capture_output=True,
            text=True,
        )
    report: dict[str, float] = json.loads(done.stdout)
    return report


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
    _command(log)
    awk_times, ours, commands, rss = [], [], [], [first["rss_mb"]]
    for _ in range(args.runs):
        awk_times.append(_run_mawk(mawk, log)[0])
        whole = _command(log)
        commands.append(whole["seconds"])
        report = _import(log)
        ours.append(report["seconds"])
        rss += [report["rss_mb"], whole["rss_mb"]]
    awk, imp = statistics.median(awk_times), statistics.median(ours)
    command = statistics.median(commands)
    size = log.stat().st_size / 1e6
    print(
        f"{log.name}: {size:.0f} MB, {first['lines']:.0f} lines, {first['hosts']:.0f} hosts, "
        f"{first['tools']:.0f} tools matched; {args.runs} runs each"
    )
    print(f"mawk aggregates                      median {awk:.2f} s")
    print(
        f"planner discover import (whole)      median {command:.2f} s   "
        f"ratio {command / awk:.2f}   peak RSS {max(rss):.0f} MB"
    )
    print(f"import_file call, after start-up     median {imp:.2f} s   ratio {imp / awk:.2f}")

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
