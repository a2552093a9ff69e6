"""A month of gzipped rotated logs on a server, against ``zcat | mawk`` as parallel.

    python bench/bench_month.py --days 30 --lines-per-day 20000 --workers 2 [--runs 3]
        [--keep DIR] [--tree OTHER_TREE]

Generates ``--days`` gzipped Squid logs of ``--lines-per-day`` lines each
(``bench/gen_squid_log.py``, one seed per day so people and hosts recur across the month;
``--workers`` generators at once, each streaming to disk, so the month is never in memory),
then, alternated in each run:

1. the planner: a fresh process creating a plan and importing the month with
   ``import_logs(..., workers=W)`` (one reader process per file, up to ``W``), start-up
   included, into a fresh workspace;
2. the reference at the same parallelism: ``xargs -P W`` running ``zcat FILE | mawk`` per
   file (per-host hits, bytes and distinct users, the program of ``bench_log_reader.py``),
   their outputs summed per host by one more mawk.

``--keep DIR`` keeps the generated days there and takes them from there the next time;
``--tree`` also runs the planner of another source tree (a before), alternated with this
one in each run.

Prints the median seconds of each, lines per second, the planner's ratio to the reference,
and each side's peak RSS (``os.wait4``: the largest process of the tree), so the figure can
be taken on a 16-core machine as on this one. A benchmark only: nothing fails when slow.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
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
create_plan(planner.workspace, "month", dt.date(2026, 1, 5))
import_logs(planner.workspace, planner.catalog, planner.pseudonym_key, "month",
            [Path(p) for p in sys.argv[3:]], workers=int(sys.argv[2]))
"""
SUM = "{h[$1] += $2; b[$1] += $3; u[$1] += $4} END {for (k in h) print k, h[k], b[k], u[k]}"


def day_file(work: Path, day: int, lines: int) -> Path:
    """One gzipped day, generated then compressed by streaming (constant memory)."""
    plain = work / f"day{day}.log"
    subprocess.run(
        [sys.executable, str(HERE / "gen_squid_log.py"), str(plain), "--lines", str(lines),
         "--seed", str(day)],
        check=True,
    )  # fmt: skip
    path = work / f"access.log-2026{11 + (day - 1) // 30:02d}{(day - 1) % 30 + 1:02d}.gz"
    with plain.open("rb") as src, gzip.GzipFile(path, "wb", mtime=0) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    plain.unlink()
    return path


def timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the largest process of its tree)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        assert child.stderr is not None
        raise SystemExit(f"{argv[:3]} failed: {child.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--lines-per-day", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated days in this directory")
    parser.add_argument("--tree", type=Path, help="also run the planner of this source tree")
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        raise SystemExit("mawk is not installed (apt-get install mawk)")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        work = Path(tmp)
        store = work
        if args.keep:
            store = args.keep / f"{args.days}x{args.lines_per_day}"
            store.mkdir(parents=True, exist_ok=True)
        files = sorted(store.glob("access.log-*.gz"))
        if len(files) != args.days:
            with ThreadPoolExecutor(args.workers) as pool:
                days = range(1, args.days + 1)
                files = list(pool.map(lambda d: day_file(store, d, args.lines_per_day), days))
        program = work / "aggregates.awk"
        program.write_text(AWK, encoding="utf-8")
        listing = work / "files.txt"
        listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
        per_file = f'zcat "$1" | {mawk} -f {shlex.quote(str(program))}'
        parallel = f"xargs -P {args.workers} -n 1 sh -c {shlex.quote(per_file)} _"
        awk = f"{parallel} < {shlex.quote(str(listing))} | {mawk} {shlex.quote(SUM)} > /dev/null"
        times: dict[str, list[float]] = {"planner": [], "mawk": [], "tree": []}
        peaks: dict[str, int] = {"planner": 0, "mawk": 0, "tree": 0}
        other = {**os.environ, "PYTHONPATH": str(args.tree.resolve())} if args.tree else None
        for run in range(args.runs):
            db = work / f"ws-{run}.sqlite"
            argv = [sys.executable, "-c", SERVICE, str(db), str(args.workers), *map(str, files)]
            commands: list[tuple[str, list[str], dict[str, str] | None]] = [
                ("planner", argv, None),
                ("mawk", ["bash", "-c", awk], None),
            ]
            if other is not None:
                commands.append(("tree", argv, other))
            for name, cmd, env in commands:
                wall, peak = timed(cmd, work, env)
                times[name].append(wall)
                peaks[name] = max(peaks[name], peak)
                db.unlink(missing_ok=True)
                for extra in work.glob(f"ws-{run}.sqlite-*"):
                    extra.unlink()
        size = sum(f.stat().st_size for f in files) / 1e6
    lines = args.days * args.lines_per_day
    ref = statistics.median(times["mawk"])
    print(f"{args.days} gzipped days of {args.lines_per_day:,} lines ({lines:,} lines, "
          f"{size:.1f} MB), {args.workers} workers, {args.runs} runs, medians:")  # fmt: skip
    rows = [("zcat | mawk, xargs -P", "mawk"), ("planner import_logs", "planner")]
    if args.tree:
        rows.append((f"{args.tree.name} import_logs", "tree"))
    for label, key in rows:
        t = statistics.median(times[key])
        print(f"  {label:<24} {t:7.2f} s  {lines / t:>11,.0f} lines/s  {t / ref:5.2f}x  "
              f"peak {peaks[key]} MB")  # fmt: skip


if __name__ == "__main__":
    main()
