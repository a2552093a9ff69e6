"""One big gzipped Squid log: decompressed once, parsed by several processes.

    python bench/bench_gzip.py [--lines 1000000] [--runs 3]
    python bench/bench_gzip.py --lines 1000000 --repeat 10 --runs 1   # constant memory

For each size, generates a gzipped Squid log (``bench/gen_squid_log.py`` piped into gzip
level 6, the default of logrotate's ``compress``; with ``--repeat N``, also that log's
lines N times over, the same people on the same hosts) and then, alternated in one run:

1. ``zcat FILE | mawk`` computing the per-host aggregates (hits, bytes, distinct users),
   the reference of ``bench_import.py``;
2. ``planner discover import FILE.gz`` as a fresh process (start-up included) into a
   fresh workspace, reading with every core (one process decompresses, all of them parse);
3. the same import through the service with one reader process (``workers=1``), to show
   what parsing in parallel gives on this machine.

Prints medians, ratios to mawk, and each command's peak RSS (the largest of its processes,
measured by a wrapper process around each one, so one run's peak is not another's).
Memory follows the distinct (host, user) pairs, never the lines: mawk's arrays and the
planner's user sets both grow with them, so a longer generated log (more pairs seen) needs
more of both, while the same log repeated ten times (same pairs) must need no more.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from bench_log_reader import AWK  # noqa: E402

# Runs a command and prints its wall time and the peak RSS of its largest process.
WRAP = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1], shell=True, check=True, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps({"seconds": seconds, "rss_mb": peak}))
"""

SERVICE = r"""
import sys, datetime as dt
from pathlib import Path
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan
from planner.services.discover import import_log
from planner.services.discover.common import ImportOptions
planner = bootstrap(Settings(db=sys.argv[1]))
create_plan(planner.workspace, "bench", dt.date(2026, 1, 5))
import_log(planner.workspace, planner.catalog, planner.pseudonym_key, "bench",
           Path(sys.argv[2]), options=ImportOptions(workers=1))
"""


def _measure(command: str) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, "-c", WRAP, command], check=True, capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    return report["seconds"], report["rss_mb"]


def _log(lines: int, repeat: int = 1) -> Path:
    if repeat > 1:
        base = _log(lines)
        path = OUT / f"squid-{lines}x{repeat}.log.gz"
        make = f"for i in $(seq {repeat}); do zcat {base}; done"
    else:
        path = OUT / f"squid-{lines}.log.gz"
        make = f"{sys.executable} {HERE / 'gen_squid_log.py'} /dev/stdout --lines {lines}"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(f"({make}) | gzip -6 > {path}.part", shell=True, check=True)
        os.replace(f"{path}.part", path)
    return path


def _pairs(log: Path, mawk: str, program: Path) -> tuple[int, int]:
    """Hosts and distinct (host, user) pairs of the log, from mawk's own answer."""
    done = subprocess.run(
        f"zcat {log} | {mawk} -f {program}", shell=True, check=True, capture_output=True
    )
    rows = [line.split() for line in done.stdout.decode().splitlines()]
    return len(rows), sum(int(row[3]) for row in rows)


def _bench(log: Path, runs: int, mawk: str, program: Path, tmp: Path) -> None:
    planner = Path(sys.executable).with_name("planner")
    python = sys.executable
    commands = {
        "zcat | mawk aggregates": f"zcat {log} | {mawk} -f {program}",
        "planner discover import (all cores)": "",
        "service import, one reader process": "",
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for run in range(runs + 1):  # the first round warms the page cache and is not counted
        for name, command in commands.items():
            db = tmp / f"ws-{run}-{len(times[name])}-{name[:7]}.sqlite"
            if name.startswith("planner"):
                subprocess.run(
                    [
                        str(planner),
                        "plan",
                        "new",
                        "bench",
                        "--start",
                        "2026-01-05",
                        "--db",
                        str(db),
                    ],
                    check=True,
                    capture_output=True,
                )
                command = f"{planner} discover import {log} --db {db}"
            elif name.startswith("service"):
                command = f"{python} -c {shlex.quote(SERVICE)} {db} {log}"
            seconds, rss = _measure(command)
            db.unlink(missing_ok=True)
            if run:
                times[name].append(seconds)
                peaks[name] = max(peaks[name], rss)
    size = log.stat().st_size / 1e6
    with subprocess.Popen(f"zcat {log} | wc -l", shell=True, stdout=subprocess.PIPE) as wc:
        assert wc.stdout is not None
        lines = int(wc.stdout.read())
    hosts, pairs = _pairs(log, mawk, program)
    print(
        f"\n{log.name}: {size:.0f} MB gzipped, {lines:,} lines, {hosts:,} hosts, "
        f"{pairs:,} (host, user) pairs; medians of {runs}"
    )
    reference = statistics.median(times["zcat | mawk aggregates"])
    for name in commands:
        median = statistics.median(times[name])
        print(
            f"  {name:<38} {median:6.2f} s  ratio {median / reference:4.2f}  "
            f"peak RSS {peaks[name]:4d} MB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", default="1000000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1, help="also each log N times over")
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None or shutil.which("zcat") is None:
        print("needs mawk and zcat: apt-get install -y mawk gzip", file=sys.stderr)
        return 2
    print(f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "aggregates.awk"
        program.write_text(AWK)
        for lines in (int(n) for n in args.lines.split(",")):
            _bench(_log(lines), args.runs, mawk, program, Path(tmp))
            if args.repeat > 1:
                _bench(_log(lines, args.repeat), args.runs, mawk, program, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
