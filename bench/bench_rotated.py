"""A month of rotated, gzipped logs in one command, against mawk, side by side.

    python bench/bench_rotated.py [--days 30 --lines 33000] [--runs 3]

Generates ``--days`` gzipped Squid logs (``bench/gen_squid_log.py``, one seed per day, so
people and hosts recur across days as in a real month), then, alternated in one run:

1. ``planner discover import access.log-202611*.gz`` as a fresh process (start-up
   included) into a fresh workspace, with one reader process per file up to the cores;
2. the same files through the service with one reader (``workers=1``, in a child), to
   show what reading in parallel gives on this machine;
3. ``zcat`` of all the files piped into mawk computing the per-host aggregates of the
   whole month (the reference of the single-log benchmark, ``bench_import.py``);
4. the same command again over the month plus one new day: only that day is read.

Prints medians and each one's peak RSS. ``--tree DIR``: command 1 also from another
source tree (a before: its directory first on the path of ``python -m planner``),
alternated in the same runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_log_reader import AWK  # noqa: E402

SERVICE = r"""
import sys, datetime as dt
from pathlib import Path
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan
from planner.services.discover.rotated import import_logs
planner = bootstrap(Settings(db=sys.argv[1]))
create_plan(planner.workspace, "bench", dt.date(2026, 1, 5))
import_logs(planner.workspace, planner.catalog, planner.pseudonym_key, "bench",
            [Path(p) for p in sys.argv[3:]], workers=int(sys.argv[2]))
"""


def _timed(cmd: list[str], **kw: object) -> tuple[float, int, float]:
    """Wall time, the largest child's peak RSS so far (MB) and the CPU time (user + system)
    of ``cmd`` and its children (reader processes, zcat and mawk): on a shared machine the
    CPU time is the steadier figure."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True, **kw)  # type: ignore[call-overload]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - start, max(before.ru_maxrss, after.ru_maxrss) // 1024, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--lines", type=int, default=33_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, help="also run the import from this source tree")
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        raise SystemExit("mawk is not installed (apt-get install mawk)")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        work = Path(tmp)
        files = []
        for day in range(1, args.days + 2):
            plain = work / f"day{day}.log"
            subprocess.run(
                [sys.executable, str(HERE / "gen_squid_log.py"), str(plain), "--lines",
                 str(args.lines), "--seed", str(day)],
                check=True,
            )  # fmt: skip
            path = work / f"access.log-2026{11 + day // 31:02d}{(day - 1) % 30 + 1:02d}.gz"
            path.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
            plain.unlink()
            files.append(str(path))
        month, extra = files[:-1], files[-1]
        program = work / "aggregates.awk"
        program.write_text(AWK, encoding="utf-8")
        awk = f"zcat {' '.join(month)} | {mawk} -f {program} > /dev/null"
        times: dict[str, list[float]] = {k: [] for k in ("cmd", "one", "awk", "rerun", "tree")}
        cpus: dict[str, list[float]] = {k: [] for k in times}
        peaks: dict[str, int] = {}
        for run in range(args.runs):
            db = work / f"ws-{run}.sqlite"
            cmd = [sys.executable, "-m", "planner", "--db", str(db), "plan", "new", "bench",
                   "--start", "2026-01-05"]  # fmt: skip
            subprocess.run(cmd, check=True, capture_output=True)
            t, peak, c = _timed([sys.executable, "-m", "planner", "--db", str(db), "discover",
                              "import", "--plan", "bench", *month])  # fmt: skip
            times["cmd"].append(t)
            cpus["cmd"].append(c)
            peaks["cmd"] = peak
            t, _, c = _timed([sys.executable, "-m", "planner", "--db", str(db), "discover",
                           "import", "--plan", "bench", *month, extra])  # fmt: skip
            times["rerun"].append(t)
            cpus["rerun"].append(c)
            t, _, c = _timed([sys.executable, "-c", SERVICE, str(work / f"one-{run}.sqlite"), "1",
                           *month])  # fmt: skip
            times["one"].append(t)
            cpus["one"].append(c)
            t, _, c = _timed(["bash", "-c", awk])
            times["awk"].append(t)
            cpus["awk"].append(c)
            if args.tree:
                tree, db = args.tree.resolve(), work / f"tree-{run}.sqlite"
                cmd = [sys.executable, "-m", "planner", "--db", str(db), "plan", "new", "bench",
                       "--start", "2026-01-05"]  # fmt: skip
                subprocess.run(cmd, check=True, capture_output=True, cwd=tree)
                t, _, c = _timed([sys.executable, "-m", "planner", "--db", str(db), "discover",
                               "import", "--plan", "bench", *month], cwd=tree)  # fmt: skip
                times["tree"].append(t)
                cpus["tree"].append(c)
    ref, ref_cpu = statistics.median(times["awk"]), statistics.median(cpus["awk"])
    print(f"{args.days} gzipped days of {args.lines:,} lines, {args.runs} runs, medians:")
    rows = (
        ("zcat | mawk aggregates", "awk"),
        ("planner discover import (parallel)", "cmd"),
        ("import_logs, one reader (child)", "one"),
        ("re-run over the month + 1 new day", "rerun"),
        *([(f"command 1 from {args.tree}", "tree")] if args.tree else []),
    )
    for label, key in rows:
        t, c = statistics.median(times[key]), statistics.median(cpus[key])
        print(
            f"  {label:<36} {t:7.2f} s   {t / ref:5.2f}x   CPU {c:6.2f} s {c / ref_cpu:5.2f}x"
            f"   runs {' '.join(f'{x:.2f}' for x in times[key])}"
        )
    print(f"  peak RSS, largest child process so far: {peaks['cmd']} MB")


if __name__ == "__main__":
    main()
