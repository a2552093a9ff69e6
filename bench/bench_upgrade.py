"""A long tail's workspace upgraded to this planner's schema, against copying the file.

    python bench/bench_upgrade.py --before OLD_TREE --hosts 1000000 --runs 3

Why this exists: a revision that rewrites the host table (0018: hosts' times as
microseconds) costs every user once, the first time a writing command opens an older
workspace, and a workspace with a million hosts is where that cost shows. This makes the
old workspace with the source tree ``--before`` (a checkout at the previous revision: it
imports a generated long tail, ``bench_long_tail.gen_squid``), then, alternated in one
run on fresh copies of it:

1. ``planner workspace upgrade`` of this tree, as a fresh process (its backup copy of the
   file included, as a user gets it);
2. the reference: ``sqlite3``'s online backup of the same file into a new one (a plain
   copy of every page, what any rewrite of the file costs at least).

Prints the medians of wall time, their ratio, each side's peak RSS, and the file's size
before and after.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_long_tail import _timed, gen_squid  # noqa: E402


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="a tree at the old revision")
    parser.add_argument("--hosts", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, help="log lines (default: hosts + 10%%)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the old workspace here and reuse it")
    args = parser.parse_args()
    lines = args.lines or args.hosts + args.hosts // 10
    planner = [sys.executable, "-m", "planner"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = args.keep or work / "old.sqlite"
        if not old.exists():
            log = work / "tail.log"
            gen_squid(log, args.hosts, lines, 3_000, 1)
            before = args.before.resolve()
            new_plan = [*planner, "--db", str(old), "plan", "new", "bench", "--start", "2026-01-05"]
            subprocess.run(new_plan, cwd=before, check=True, capture_output=True)
            _timed([*planner, "--db", str(old), "discover", "import", str(log)], before)
            log.unlink()
        times: dict[str, list[float]] = {"upgrade": [], "copy": []}
        peaks: list[int] = []
        size = 0
        for _ in range(args.runs):
            db = work / "run.sqlite"
            for leftover in work.glob("run.sqlite*"):
                leftover.unlink()
            shutil.copy(old, db)
            t, _, peak = _timed([*planner, "--db", str(db), "workspace", "upgrade"], HERE.parent)
            times["upgrade"].append(t)
            peaks.append(peak)
            size = db.stat().st_size
            start = time.perf_counter()
            _copy(old, work / "copy.sqlite")
            times["copy"].append(time.perf_counter() - start)
            (work / "copy.sqlite").unlink()
        up, copy = statistics.median(times["upgrade"]), statistics.median(times["copy"])
        mb = 1024 * 1024
        print(f"{args.hosts:,} hosts, file {old.stat().st_size / mb:.0f} MB -> {size / mb:.0f} MB")
        print(f"  sqlite3 backup (copy)   {copy:6.2f} s   1.00x")
        runs = " ".join(f"{t:.2f}" for t in times["upgrade"])
        print(
            f"  planner workspace upgrade {up:6.2f} s  {up / copy:5.2f}x"
            f"   peak {max(peaks)} MB   runs {runs}"
        )


if __name__ == "__main__":
    main()
